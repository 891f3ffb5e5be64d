import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.services.events import event_cancel, event_update
from events.services.rsvps import rsvp_set
from members.services import member_approve
from notifications.enums import DeliveryStatus, NoticeKind
from notifications.models import Delivery
from notifications.services.notices import notice_rsvp_answered
from notifications.services.sending import deliveries_claim, delivery_send
from tests.factories import ApprovedMemberFactory, EventFactory, MemberFactory

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")


@pytest.mark.django_db
def test_answer_confirmation_is_sent_in_the_members_language_with_the_calendar_file(
    django_capture_on_commit_callbacks,
):
    member = ApprovedMemberFactory(preferred_language="fa", time_zone="Asia/Tehran")
    event = EventFactory(
        title_fa="نشست همبستگی", title_en="Solidarity meeting", description_fa="دستور جلسه"
    )
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=event, member=member, answer="going")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "نشست همبستگی" in message.subject
    html = message.alternatives[0][0]
    assert '<html lang="fa" dir="rtl">' in html
    assert "۱۴۰۵" in html  # the Solar Hijri year beside the Gregorian date
    assert message.attachments[0][0] == "event.ics"
    assert "BEGIN:VEVENT" in message.attachments[0][1]
    assert "دستور جلسه" in message.attachments[0][1]  # the description, though the sender defers it
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.kind == NoticeKind.RSVP_CONFIRMATION


@pytest.mark.django_db
def test_rolled_back_answer_sends_nothing(django_capture_on_commit_callbacks):
    from django.db import transaction

    member = ApprovedMemberFactory()
    event = EventFactory()

    def answer_then_fail():
        with transaction.atomic():
            rsvp_set(event=event, member=member, answer="going")
            raise RuntimeError("rolled back")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        answer_then_fail()
    assert mail.outbox == []
    assert not Delivery.objects.exists()


@pytest.mark.django_db
def test_time_change_tells_each_attendee_once_what_changed(django_capture_on_commit_callbacks):
    event = EventFactory()
    people = ApprovedMemberFactory.create_batch(3)
    for person in people:
        rsvp_set(event=event, member=person, answer="going")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_update(
            event=event, editor=None, fields={"starts_at": event.starts_at + timedelta(hours=1)}
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert all("Changed" in m.subject for m in mail.outbox)
    assert "Start" in mail.outbox[0].body


@pytest.mark.django_db
def test_title_only_change_sends_nothing(django_capture_on_commit_callbacks):
    event = EventFactory()
    rsvp_set(event=event, member=ApprovedMemberFactory(), answer="going")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_update(event=event, editor=None, fields={"title_en": "Better title"})
    assert mail.outbox == []


@pytest.mark.django_db
def test_cancellation_notice_in_arabic(django_capture_on_commit_callbacks):
    member = ApprovedMemberFactory(preferred_language="ar")
    event = EventFactory(title_ar="وقفة تضامن")
    rsvp_set(event=event, member=member, answer="going")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, editor=ApprovedMemberFactory())
    assert len(mail.outbox) == 1
    assert "وقفة تضامن" in mail.outbox[0].subject
    assert 'dir="rtl"' in mail.outbox[0].alternatives[0][0]


@pytest.mark.django_db
def test_waitlist_promotion_is_announced(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    first, second = ApprovedMemberFactory.create_batch(2)
    rsvp_set(event=event, member=first, answer="going")
    rsvp_set(event=event, member=second, answer="going")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=event, member=first, answer="not_going")
    kinds = set(Delivery.objects.filter(recipient=second).values_list("kind", flat=True))
    assert NoticeKind.WAITLIST_PROMOTION in kinds
    assert any(m.to == [second.email] and "place is yours" in m.subject for m in mail.outbox)


@pytest.mark.django_db
def test_membership_approval_is_announced(django_capture_on_commit_callbacks, organizer):
    applicant = MemberFactory(preferred_language="fa")
    with django_capture_on_commit_callbacks(execute=True):
        member_approve(member=applicant, organizer=organizer)
    assert len(mail.outbox) == 1
    assert ARABIC_SCRIPT.search(mail.outbox[0].subject)


@pytest.mark.django_db
def test_member_who_turned_notices_off_gets_none(django_capture_on_commit_callbacks):
    member = ApprovedMemberFactory(email_notices=False)
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=EventFactory(), member=member, answer="going")
    assert mail.outbox == []
    assert Delivery.objects.get().status == DeliveryStatus.SKIPPED


@pytest.mark.django_db
def test_unsubscribe_link_turns_notices_off_in_one_click(
    client, django_capture_on_commit_callbacks
):
    member = ApprovedMemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=EventFactory(), member=member, answer="going")
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    member.refresh_from_db()
    assert not member.email_notices


@pytest.mark.django_db
def test_forged_unsubscribe_token_is_404(client):
    assert client.get("/en/notifications/unsubscribe/forged-token/").status_code == 404


@pytest.mark.django_db
def test_inbox_lists_what_was_sent_and_marks_read(client, django_capture_on_commit_callbacks):
    member = ApprovedMemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=EventFactory(), member=member, answer="going")
    client.force_login(member)
    response = client.get("/en/notifications/")
    assert response.context["unread"] == 1
    delivery = Delivery.objects.get()
    client.post(f"/en/notifications/{delivery.pk}/read/")
    delivery.refresh_from_db()
    assert delivery.read_at is not None


@pytest.mark.django_db
def test_inbox_shows_only_the_members_own_messages(client, django_capture_on_commit_callbacks):
    owner, other = ApprovedMemberFactory.create_batch(2)
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=EventFactory(), member=owner, answer="going")
    client.force_login(other)
    assert list(client.get("/en/notifications/").context["page"].object_list) == []
    delivery = Delivery.objects.get()
    client.post(f"/en/notifications/{delivery.pk}/read/")
    delivery.refresh_from_db()
    assert delivery.read_at is None
    assert timezone.now()


@pytest.mark.django_db
def test_missing_translation_falls_back_to_a_language_the_event_has(
    django_capture_on_commit_callbacks,
):
    member = ApprovedMemberFactory(preferred_language="fa")
    event = EventFactory(title_en="Only in English", title_fa="", title_ar="")
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=event, member=member, answer="going")
    assert "Only in English" in mail.outbox[0].subject
    assert 'lang="fa" dir="rtl"' in mail.outbox[0].alternatives[0][0]


@pytest.mark.django_db
def test_proposal_decision_goes_to_proposer_and_co_proposers(
    django_capture_on_commit_callbacks, organizer
):
    from events.services.proposals import proposal_reject, proposal_submit
    from tests.factories import ProposalFactory

    proposal = ProposalFactory()
    co_proposer = ApprovedMemberFactory()
    proposal.co_proposers.add(co_proposer)
    proposal_submit(proposal=proposal, by=proposal.proposer)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_reject(proposal=proposal, organizer=organizer, note="Not this year")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [proposal.proposer.email, co_proposer.email]
    )
    assert "Not this year" in mail.outbox[0].body


@pytest.mark.django_db
def test_proposal_comment_reaches_proposer_and_organizers_but_not_its_author(
    django_capture_on_commit_callbacks, organizer
):
    from events.services.proposals import proposal_comment, proposal_submit
    from tests.factories import ProposalFactory

    proposal = ProposalFactory()
    proposal_submit(proposal=proposal, by=proposal.proposer)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_comment(proposal=proposal, author=organizer, body="Which **city**?")
    assert [m.to[0] for m in mail.outbox] == [proposal.proposer.email]
    assert "<strong>city</strong>" in mail.outbox[0].alternatives[0][0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "digit_style", "rule"),
    [
        ("fa", "", "ol{list-style-type:persian}"),
        ("ar", "", "ol{list-style-type:arabic-indic}"),
        ("fa", "latn", None),
        ("en", "", None),
    ],
)
def test_a_numbered_list_in_a_comment_counts_in_the_readers_digits(
    django_capture_on_commit_callbacks, organizer, language, digit_style, rule
):
    from events.services.proposals import proposal_comment, proposal_submit
    from tests.factories import ProposalFactory

    proposer = ApprovedMemberFactory(preferred_language=language, digit_style=digit_style)
    proposal = ProposalFactory(proposer=proposer)
    proposal_submit(proposal=proposal, by=proposer)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_comment(proposal=proposal, author=organizer, body="1. City\n2. Date")
    html = mail.outbox[0].alternatives[0][0]
    assert "<ol>" in html
    if rule:
        assert f"<style>{rule}</style>" in html
    else:
        assert "list-style-type" not in html


@pytest.mark.django_db
def test_weekly_digest_lists_new_events_once_a_week(django_capture_on_commit_callbacks):
    from notifications.services.digest import weekly_digest_plan

    reader = ApprovedMemberFactory(weekly_digest=True)
    ApprovedMemberFactory(weekly_digest=False)
    EventFactory(title_en="Fresh conference")
    EventFactory(title_en="Members gathering", visibility="members")
    with django_capture_on_commit_callbacks(execute=True):
        assert weekly_digest_plan() == 1
        assert weekly_digest_plan() == 0
    assert [m.to[0] for m in mail.outbox] == [reader.email]
    assert "Fresh conference" in mail.outbox[0].body
    assert "Members gathering" in mail.outbox[0].body


@pytest.mark.django_db
def test_digest_for_pending_members_leaves_out_members_only_events(
    django_capture_on_commit_callbacks,
):
    from notifications.services.digest import weekly_digest_plan

    MemberFactory(weekly_digest=True)
    EventFactory(title_en="Open meeting")
    EventFactory(title_en="Closed meeting", visibility="members")
    with django_capture_on_commit_callbacks(execute=True):
        weekly_digest_plan()
    assert "Open meeting" in mail.outbox[0].body
    assert "Closed meeting" not in mail.outbox[0].body


@pytest.mark.django_db
def test_guest_unsubscribe_suppresses_their_address(client, django_capture_on_commit_callbacks):
    from notifications.models import Suppression
    from notifications.unsubscribe import make_token

    token = make_token(scope="reminders", email="Guest@Example.org")
    response = client.post(f"/en/notifications/unsubscribe/{token}/")
    assert response.status_code == 200
    assert Suppression.objects.filter(email="guest@example.org", scope="reminders").exists()


@pytest.mark.django_db
def test_organizers_set_an_events_reminder_times(client):
    from notifications.models import ReminderPlan
    from tests.factories import OrganizerFactory

    event = EventFactory()
    organizer = OrganizerFactory()
    client.force_login(organizer)
    response = client.post(f"/en/notifications/events/{event.pk}/reminders/", {"hour": "on"})
    assert response.status_code == 302
    plan = ReminderPlan.objects.get(event=event)
    assert (plan.week, plan.day, plan.hour) == (False, False, True)


@pytest.mark.django_db
def test_members_cannot_set_reminder_times(member_client):
    from notifications.models import ReminderPlan

    event = EventFactory()
    response = member_client.post(f"/en/notifications/events/{event.pk}/reminders/", {"hour": "on"})
    assert response.status_code == 404
    assert not ReminderPlan.objects.exists()


@pytest.mark.django_db
def test_time_change_tells_an_address_that_answered_twice_once(django_capture_on_commit_callbacks):
    from tests.factories import RsvpFactory

    event = EventFactory()
    member = ApprovedMemberFactory()
    rsvp_set(event=event, member=member, answer="going")
    # An answer from before guest registrations checked members' addresses.
    RsvpFactory(event=event, member=None, guest_name="Me", guest_email=member.email.upper())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_update(
            event=event, editor=None, fields={"starts_at": event.starts_at + timedelta(hours=1)}
        )
    assert [message.to for message in mail.outbox] == [[member.email]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "tehran", "online"),
    [("fa", "وقت تهران", "آنلاین"), ("ar", "توقيت طهران", "عبر الإنترنت")],
)
def test_change_notice_names_zones_as_places_and_formats_by_name(
    django_capture_on_commit_callbacks, language, tehran, online
):
    """Identifiers (Asia/Tehran, in_person) are stored values, never what a reader sees."""
    event = EventFactory(time_zone="Asia/Baghdad", modality="in_person")
    member = ApprovedMemberFactory(preferred_language=language, time_zone="Asia/Tehran")
    rsvp_set(event=event, member=member, answer="going")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_update(
            event=event, editor=None, fields={"time_zone": "Asia/Tehran", "modality": "online"}
        )
    [message] = mail.outbox
    html = message.alternatives[0][0]
    for text in (message.body, html):
        assert "Asia/" not in text
        assert "in_person" not in text
        assert tehran in text
    assert online in message.body


@pytest.mark.django_db
def test_only_a_change_of_the_answers_status_is_confirmed_from_the_page(
    member_client, member, django_capture_on_commit_callbacks
):
    event = EventFactory(interpretation_fa=True)
    page = f"/en/events/{event.pk}/answer/"
    answers = [
        {"answer": "maybe"},
        {"answer": "maybe", "accessibility_needs": "Step-free access"},
        {"answer": "maybe", "accessibility_needs": "Step-free access", "interpretation": "fa"},
        {"answer": "maybe", "interpretation": "fa", "listed_consent": "on"},
        {"answer": "going", "interpretation": "fa", "listed_consent": "on"},
    ]
    for data in answers:
        with django_capture_on_commit_callbacks(execute=True):
            assert member_client.post(page, data).status_code == 302

    assert [m.subject for m in mail.outbox] == [
        f"Your answer to {event.title_en}: Maybe",
        f"Your answer to {event.title_en}: Going",
    ]


@pytest.mark.django_db
def test_confirmations_overtaken_before_they_go_out_are_not_sent(member):
    event = EventFactory()
    # On-commit work is not run here: each confirmation is written and waits to be sent.
    planned = []
    for answer in ("going", "maybe", "not_going", "going", "maybe", "going"):
        rsvp = rsvp_set(event=event, member=member, answer=answer)
        planned += notice_rsvp_answered(rsvp_id=rsvp.pk)
        planned += notice_rsvp_answered(rsvp_id=rsvp.pk)  # a duplicate signal: no second row

    assert len(planned) == 5
    for delivery in deliveries_claim(delivery_ids=planned):
        delivery_send(delivery=delivery)

    sent = Delivery.objects.filter(status=DeliveryStatus.SENT)
    assert [d.context["status"] for d in sent] == ["going"]
    assert Delivery.objects.filter(status=DeliveryStatus.SKIPPED).count() == 4
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == f"Your answer to {event.title_en}: Going"
    for delivery in deliveries_claim(delivery_ids=planned):  # sent again: nothing more
        delivery_send(delivery=delivery)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_confirmation_whose_answer_changed_since_is_not_sent(member):
    event = EventFactory()
    rsvp = rsvp_set(event=event, member=member, answer="going")
    planned = notice_rsvp_answered(rsvp_id=rsvp.pk)
    rsvp_set(event=event, member=member, answer="not_going")  # never confirmed by mail

    delivery_send(delivery=deliveries_claim(delivery_ids=planned)[0])

    assert mail.outbox == []
    assert Delivery.objects.get().status == DeliveryStatus.SKIPPED
