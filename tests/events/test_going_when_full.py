"""On a full event the answer forms say beforehand that "going" joins the waitlist."""

import pytest
from django.test import Client
from django.utils import timezone

from events.forms.rsvp import GOING_WHEN_FULL, GuestChangeForm, RsvpForm
from events.guests import new_guest_token
from tests.factories import ApprovedMemberFactory, EventFactory, RsvpFactory

pytestmark = pytest.mark.django_db

NOTE_EN = "Going (the event is full: you join the waitlist)"


def _full_event(**extra):
    event = EventFactory(capacity=1, **extra)
    RsvpFactory(event=event)
    return event


def test_a_member_is_told_before_answering_a_full_event():
    event = _full_event()
    client = Client()
    client.force_login(ApprovedMemberFactory(preferred_language="en"))
    html = client.get(f"/en/events/{event.pk}/").content.decode()
    assert NOTE_EN in html


def test_the_note_is_translated():
    event = _full_event()
    client = Client()
    client.force_login(ApprovedMemberFactory(preferred_language="ar"))
    html = client.get(f"/ar/events/{event.pk}/").content.decode()
    assert NOTE_EN not in html
    assert "قائمة الانتظار" in html.split('name="answer"', 1)[1].split("</form>", 1)[0]


def test_a_guest_registering_is_told_too():
    event = _full_event(guest_registration=True)
    assert NOTE_EN in Client().get(f"/en/events/{event.pk}/").content.decode()


def test_an_event_with_room_says_only_going():
    event = EventFactory(capacity=2)
    RsvpFactory(event=event)
    form = RsvpForm(event=event)
    assert dict(form.fields["answer"].choices)["going"] == "Going"


def test_someone_already_going_keeps_the_plain_choice():
    event = EventFactory(capacity=1)
    rsvp = RsvpFactory(event=event)
    form = RsvpForm(event=event, rsvp=rsvp)
    assert dict(form.fields["answer"].choices)["going"] == "Going"


def test_someone_waitlisted_is_reminded():
    event = _full_event()
    waiting = RsvpFactory(event=event, status="waitlisted", waitlisted_at=timezone.now())
    form = RsvpForm(event=event, rsvp=waiting)
    assert dict(form.fields["answer"].choices)["going"] == GOING_WHEN_FULL


def test_a_guests_own_page_says_it_when_they_are_not_going():
    event = _full_event(guest_registration=True)
    token, digest = new_guest_token()
    rsvp = RsvpFactory(
        event=event,
        member=None,
        guest_name="Guest",
        guest_email="guest@example.org",
        guest_token=digest,
        status="maybe",
    )
    html = Client().get(f"/en/events/{event.pk}/guest/{token}/").content.decode()
    assert NOTE_EN in html
    form = GuestChangeForm(event=event, rsvp=rsvp)
    assert dict(form.fields["answer"].choices)["going"] == GOING_WHEN_FULL
