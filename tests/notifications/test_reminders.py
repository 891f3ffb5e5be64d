from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Rsvp
from events.services.events import event_cancel, event_update
from notifications.enums import DeliveryStatus, NoticeKind
from notifications.models import Delivery, ReminderPlan
from notifications.services.reminders import schedule_due_reminders
from notifications.services.sending import deliveries_claim, delivery_send
from notifications.tasks import send_deliveries
from tests.factories import ApprovedMemberFactory, EventFactory, RsvpFactory


def answered_long_ago(event, **member_fields):
    rsvp = RsvpFactory(event=event, member=ApprovedMemberFactory(**member_fields))
    Rsvp.objects.filter(pk=rsvp.pk).update(created_at=timezone.now() - timedelta(days=30))
    return rsvp


def reminders():
    return Delivery.objects.filter(kind=NoticeKind.REMINDER)


@pytest.fixture
def soon(db):
    """An in-person event starting in 23 hours: its 24-hour reminder is due."""
    return EventFactory(starts_at=timezone.now() + timedelta(hours=23))


@pytest.mark.django_db
def test_due_reminder_is_sent_once_however_often_the_scheduler_runs(
    soon, django_capture_on_commit_callbacks
):
    rsvp = answered_long_ago(soon, preferred_language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule_due_reminders() == 1
        assert schedule_due_reminders() == 0
        assert schedule_due_reminders() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [rsvp.member.email]
    delivery = reminders().get()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.context["offset"] == "day"


@pytest.mark.django_db
def test_enqueueing_the_same_delivery_twice_sends_once(soon, django_capture_on_commit_callbacks):
    answered_long_ago(soon)
    schedule_due_reminders()
    delivery = reminders().get()
    assert send(delivery.pk) == DeliveryStatus.SENT
    assert send(delivery.pk) == DeliveryStatus.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_only_the_nearest_due_reminder_goes_after_an_outage(django_capture_on_commit_callbacks):
    event = EventFactory(starts_at=timezone.now() + timedelta(hours=2))
    answered_long_ago(event)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_due_reminders()
    assert list(reminders().values_list("context__offset", flat=True)) == ["day"]


@pytest.mark.django_db
def test_online_events_also_remind_an_hour_before(django_capture_on_commit_callbacks):
    event = EventFactory(
        modality="online",
        meeting_link="https://meet.example.org/x",
        starts_at=timezone.now() + timedelta(minutes=50),
    )
    answered_long_ago(event)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_due_reminders()
    assert list(reminders().values_list("context__offset", flat=True)) == ["hour"]
    assert "https://meet.example.org/x" in mail.outbox[0].body


@pytest.mark.django_db
def test_organizers_change_an_events_reminder_times(soon, django_capture_on_commit_callbacks):
    ReminderPlan.objects.create(event=soon, week=True, day=False, hour=False)
    answered_long_ago(soon)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_due_reminders()
    assert list(reminders().values_list("context__offset", flat=True)) == ["week"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "member_fields",
    [{"reminders_enabled": False}, {"remind_day_before": False}],
)
def test_members_choose_their_reminders(soon, member_fields, django_capture_on_commit_callbacks):
    answered_long_ago(soon, **member_fields)
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule_due_reminders() == 0
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(("opted_in", "expected"), [(False, 0), (True, 1)])
def test_maybe_is_reminded_only_when_opted_in(soon, opted_in, expected):
    rsvp = answered_long_ago(soon, remind_when_maybe=opted_in)
    Rsvp.objects.filter(pk=rsvp.pk).update(status="maybe")
    assert schedule_due_reminders() == expected


@pytest.mark.django_db
def test_answers_made_after_the_reminder_time_get_no_stale_reminder(soon):
    RsvpFactory(event=soon)  # answered just now, after the 24-hour mark
    assert schedule_due_reminders() == 0


@pytest.mark.django_db
def test_cancelled_event_drops_its_pending_reminders(soon, django_capture_on_commit_callbacks):
    answered_long_ago(soon)
    schedule_due_reminders()  # written, not yet sent
    event_cancel(event=soon, editor=ApprovedMemberFactory())
    delivery = reminders().get()
    assert send(delivery.pk) == DeliveryStatus.SKIPPED
    assert reminders().get().last_error == "the event is no longer scheduled"
    assert schedule_due_reminders() == 0


@pytest.mark.django_db
def test_moved_event_gets_its_reminder_again_at_the_new_time(
    soon, django_capture_on_commit_callbacks
):
    answered_long_ago(soon)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_due_reminders()
        event_update(
            event=soon,
            editor=None,
            fields={
                "starts_at": soon.starts_at + timedelta(days=3),
                "ends_at": soon.ends_at + timedelta(days=3),
            },
        )
        # Now four days away: its "7 days before" time has passed, so that one goes now…
        assert schedule_due_reminders() == 1
        # …and the 24-hour one when its time comes.
        later = timezone.now() + timedelta(days=3)
        assert schedule_due_reminders(now=later) == 1
    offsets = list(reminders().order_by("pk").values_list("context__offset", flat=True))
    assert offsets == ["day", "week", "day"]


@pytest.mark.django_db
def test_reminder_written_for_the_old_time_is_not_sent_after_a_move(soon):
    answered_long_ago(soon)
    schedule_due_reminders()
    event_update(
        event=soon,
        editor=None,
        fields={
            "starts_at": soon.starts_at + timedelta(hours=2),
            "ends_at": soon.ends_at + timedelta(hours=2),
        },
    )
    delivery = reminders().get()
    assert send(delivery.pk) == DeliveryStatus.SKIPPED
    assert mail.outbox == []


@pytest.mark.django_db
def test_started_event_sends_no_reminder(django_capture_on_commit_callbacks):
    event = EventFactory(
        starts_at=timezone.now() - timedelta(minutes=5),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    answered_long_ago(event)
    assert schedule_due_reminders() == 0


@pytest.mark.django_db
def test_deleted_account_gets_nothing(soon, client):
    from tests.factories import PASSWORD

    rsvp = answered_long_ago(soon)
    schedule_due_reminders()
    client.force_login(rsvp.member)
    client.post("/en/members/delete/", {"password": PASSWORD, "confirm": "on"})
    delivery = reminders().get()
    assert send(delivery.pk) == DeliveryStatus.SKIPPED
    assert mail.outbox == []


@pytest.mark.django_db
def test_event_deleted_midway_is_recorded_not_raised(soon):
    answered_long_ago(soon)
    schedule_due_reminders()
    soon.delete()
    delivery = Delivery.objects.get()
    assert send(delivery.pk) == DeliveryStatus.SKIPPED
    delivery.refresh_from_db()
    assert delivery.last_error == "the event was deleted"


@pytest.mark.django_db
def test_sending_a_batch_of_reminders_takes_one_statement_each(soon, django_assert_num_queries):
    for _ in range(20):
        answered_long_ago(soon)
    schedule_due_reminders()
    ids = list(reminders().values_list("pk", flat=True))
    # Each: mark sent. The batch: claim its deliveries (read and lock; the event and its co-hosts,
    # named in the mail; the claim), here in a savepoint and its release (the test's transaction).
    with django_assert_num_queries(20 + 6):
        send_deliveries(ids)
    assert len(mail.outbox) == 20


@pytest.mark.django_db
def test_one_address_answering_as_member_and_as_guest_gets_one_reminder(
    soon, django_capture_on_commit_callbacks
):
    # Two answers from before guest registrations checked members' addresses.
    rsvp = answered_long_ago(soon)
    guest = RsvpFactory(
        event=soon, member=None, guest_name="Me", guest_email=rsvp.member.email.upper()
    )
    Rsvp.objects.filter(pk=guest.pk).update(created_at=timezone.now() - timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule_due_reminders() == 1
    assert [message.to for message in mail.outbox] == [[rsvp.member.email]]
    assert reminders().get().recipient == rsvp.member


def send(delivery_id: int) -> str:
    claimed = deliveries_claim(delivery_ids=[delivery_id])
    if not claimed:
        return Delivery.objects.get(pk=delivery_id).status
    return delivery_send(delivery=claimed[0])
