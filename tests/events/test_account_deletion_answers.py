"""What happens to a member's answers when they delete their account."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from events.models import Rsvp
from events.selectors.rsvps import going_count
from events.signals import rsvp_promoted
from members.models import User
from tests.factories import (
    PASSWORD,
    ApprovedMemberFactory,
    EventFactory,
    OrganizerFactory,
    RsvpFactory,
)

ARRIVED = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
NEEDS = "Sign language interpretation, please"


def past_event(**kwargs):
    return EventFactory(
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3, hours=-2),
        **kwargs,
    )


def delete_account(client, member):
    client.force_login(member)
    response = client.post("/en/members/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert User.objects.get(pk=member.pk).deleted_at is not None
    return response


@pytest.fixture
def leaver(db):
    return ApprovedMemberFactory(display_name="Shirin Karimi", email="shirin@tadamun.example")


@pytest.mark.django_db
def test_deleted_members_answers_remain_without_needs_or_consent(client, leaver):
    kwargs = {"accessibility_needs": NEEDS, "listed_consent": True, "interpretation": "ar"}
    over = RsvpFactory(event=past_event(), member=leaver, status="going", **kwargs)
    coming = RsvpFactory(event=EventFactory(), member=leaver, status="maybe", **kwargs)
    untouched = RsvpFactory(event=coming.event, status="going", **kwargs)
    delete_account(client, leaver)
    assert set(Rsvp.objects.filter(member_id=leaver.pk)) == {over, coming}
    assert not Rsvp.objects.filter(member__isnull=True).exists()
    for rsvp in (over, coming):
        rsvp.refresh_from_db()
        assert (rsvp.accessibility_needs, rsvp.listed_consent, rsvp.interpretation) == (
            "",
            False,
            "",
        )
    untouched.refresh_from_db()
    assert (untouched.accessibility_needs, untouched.listed_consent) == (NEEDS, True)


@pytest.mark.django_db
def test_deleted_members_past_answer_keeps_counting(client, leaver):
    event = past_event()
    rsvp = RsvpFactory(event=event, member=leaver, status="going", checked_in_at=timezone.now())
    delete_account(client, leaver)
    rsvp.refresh_from_db()
    assert rsvp.status == "going"
    assert rsvp.checked_in_at is not None
    assert going_count(event) == 1


@pytest.mark.django_db
def test_deleted_members_seat_goes_to_the_first_on_the_waitlist(
    client, leaver, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=2)
    seat = RsvpFactory(event=event, member=leaver, status="going")
    RsvpFactory(event=event, status="going")
    # Created last-first, so that the order of arrival is not the order of the rows.
    second = RsvpFactory(
        event=event, status="waitlisted", waitlisted_at=ARRIVED + timedelta(minutes=2)
    )
    first = RsvpFactory(
        event=event, status="waitlisted", waitlisted_at=ARRIVED + timedelta(minutes=1)
    )
    promoted = []

    def receiver(sender, rsvp_id, **kwargs):
        promoted.append(rsvp_id)

    rsvp_promoted.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            delete_account(client, leaver)
    finally:
        rsvp_promoted.disconnect(receiver)
    seat.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (seat.status, seat.waitlisted_at) == ("not_going", None)
    assert (first.status, first.waitlisted_at) == ("going", None)
    assert (second.status, second.waitlisted_at) == ("waitlisted", ARRIVED + timedelta(minutes=2))
    assert going_count(event) == 2
    assert promoted == [first.pk]


@pytest.mark.django_db
def test_deleted_member_leaves_the_waitlist_without_promoting_anyone(client, leaver):
    event = EventFactory(capacity=1)
    RsvpFactory(event=event, status="going")
    waiting = RsvpFactory(event=event, member=leaver, status="waitlisted", waitlisted_at=ARRIVED)
    behind = RsvpFactory(
        event=event, status="waitlisted", waitlisted_at=ARRIVED + timedelta(minutes=1)
    )
    delete_account(client, leaver)
    waiting.refresh_from_db()
    behind.refresh_from_db()
    assert (waiting.status, waiting.waitlisted_at) == ("not_going", None)
    assert behind.status == "waitlisted"
    assert going_count(event) == 1


@pytest.mark.django_db
def test_deleted_members_seat_at_a_cancelled_event_promotes_nobody(client, leaver):
    event = EventFactory(capacity=1, status="cancelled")
    RsvpFactory(event=event, member=leaver, status="going")
    waiting = RsvpFactory(event=event, status="waitlisted", waitlisted_at=ARRIVED)
    delete_account(client, leaver)
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"


@pytest.mark.django_db
def test_attendee_list_shows_former_member_after_deletion(client, leaver):
    event = past_event()
    RsvpFactory(event=event, member=leaver, status="going", accessibility_needs=NEEDS)
    RsvpFactory(event=event, member=ApprovedMemberFactory(display_name="Azad Rahimi"))
    delete_account(client, leaver)
    client.force_login(OrganizerFactory())
    response = client.get(f"/en/events/{event.pk}/attendees/")
    assert [rsvp.display_name for rsvp in response.context["attendees"]] == [
        "Former member",
        "Azad Rahimi",
    ]
    html = response.content.decode()
    assert "Former member" in html
    assert "Shirin Karimi" not in html
    assert "shirin@tadamun.example" not in html
    assert NEEDS not in html


@pytest.mark.django_db
def test_coming_events_attendee_list_shows_former_member_as_not_going(client, leaver):
    event = EventFactory()
    RsvpFactory(event=event, member=leaver, status="going")
    delete_account(client, leaver)
    client.force_login(OrganizerFactory())
    response = client.get(f"/en/events/{event.pk}/attendees/")
    rows = [(rsvp.display_name, rsvp.status) for rsvp in response.context["attendees"]]
    assert rows == [("Former member", "not_going")]
    assert "Shirin Karimi" not in response.content.decode()
