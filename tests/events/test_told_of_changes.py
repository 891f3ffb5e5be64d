"""Who a change notice reaches is who the confirmation page counts: a deleted or deactivated
member's kept answer is neither mailed nor counted, yet their check-in still counts at the door."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.selectors.rsvps import has_attendees, told_of_changes, told_of_changes_count
from notifications.models import Delivery
from tests.events.test_account_deletion_answers import delete_account
from tests.factories import ApprovedMemberFactory, EventFactory, OrganizerFactory, RsvpFactory


@pytest.fixture
def under_way(db):
    now = timezone.now()
    return EventFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2))


@pytest.fixture
def answers(client, under_way):
    """A deleted member checked in, a deactivated member going, a member maybe, a guest going."""
    leaver = ApprovedMemberFactory()
    RsvpFactory(event=under_way, member=leaver, status="going", checked_in_at=timezone.now())
    delete_account(client, leaver)
    client.logout()
    inactive = ApprovedMemberFactory(is_active=False)
    RsvpFactory(event=under_way, member=inactive, status="going")
    staying = RsvpFactory(event=under_way, status="maybe")
    guest = RsvpFactory(
        event=under_way, member=None, guest_name="Narges", guest_email="narges@example.org"
    )
    return [staying, guest]


@pytest.mark.django_db
def test_told_of_changes_leaves_out_deleted_and_deactivated_members(under_way, answers):
    assert sorted(told_of_changes(under_way), key=lambda rsvp: rsvp.pk) == answers
    assert told_of_changes_count(under_way) == 2


@pytest.mark.django_db
def test_an_event_whose_only_answer_is_a_deleted_members_has_no_one_to_tell(client, under_way):
    leaver = ApprovedMemberFactory()
    RsvpFactory(event=under_way, member=leaver, status="going", checked_in_at=timezone.now())
    delete_account(client, leaver)
    assert has_attendees(under_way) is False
    assert told_of_changes_count(under_way) == 0


@pytest.mark.django_db
def test_cancel_page_counts_exactly_the_people_then_mailed(
    client, under_way, answers, django_capture_on_commit_callbacks
):
    organizer = OrganizerFactory()
    under_way.organizers.add(organizer)
    client.force_login(organizer)

    page = client.get(f"/en/events/{under_way.pk}/cancel/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/events/{under_way.pk}/cancel/", {"confirmed": "1"})

    assert (
        "The 2 people who answered (going, on the waitlist or maybe) will be told by email, "
        "each in their own language." in page
    )
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [answers[0].member.email, "narges@example.org"]
    )
    assert sorted(Delivery.objects.values_list("status", flat=True)) == ["sent", "sent"]


@pytest.mark.django_db
def test_a_deleted_members_check_in_still_counts_at_the_door(client, under_way, answers):
    organizer = OrganizerFactory()
    under_way.organizers.add(organizer)
    client.force_login(organizer)
    figures = client.get(f"/en/events/{under_way.pk}/dashboard/").context["figures"]
    door = client.get(f"/en/calendar/events/{under_way.pk}/door-list/").context["people"]
    assert figures["checked_in"] == 1
    assert figures["by_status"]["going"] == 3
    assert sum(rsvp.checked_in_at is not None for rsvp in door) == 1
