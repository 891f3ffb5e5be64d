"""The calendar file in answer confirmations and change notices, read as calendar programs do."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from icalendar import Calendar

from events.models import Event, Rsvp
from events.services.events import event_cancel, event_postpone, event_update
from events.services.feed_tokens import feed_token_create
from events.services.rsvps import rsvp_set
from notifications.attachments import event_calendar_file
from tests.events.calendar_parsing import assert_valid, by_uid
from tests.factories import ApprovedMemberFactory, EventFactory, OrganizerFactory

LINK = "https://meet.example.org/room-7"


def uid_of(event) -> str:
    return f"event-{event.pk}@tadamun"


def calendar_file(message) -> tuple[str, Calendar]:
    """The message's one .ics: its MIME type and the calendar in it (checked with libical)."""
    [(name, content, mimetype)] = message.attachments
    assert name == "event.ics"
    content = content.encode() if isinstance(content, str) else content
    assert_valid(content)
    return mimetype, Calendar.from_ical(content)


def entry_for(person, event) -> tuple[str, object]:
    [message] = [m for m in mail.outbox if m.to == [person.email]]
    mimetype, calendar = calendar_file(message)
    assert mimetype == f"text/calendar; method={calendar['METHOD']}"
    return str(calendar["METHOD"]), by_uid(calendar)[uid_of(event)]


@pytest.fixture
def full_online_event(db):
    """One place, taken; a second member waits, a third said maybe."""
    event = EventFactory(capacity=1, modality="online", meeting_link=LINK, title_en="Webinar")
    going, waiting, maybe = ApprovedMemberFactory.create_batch(3)
    rsvp_set(event=event, member=going, answer="going")
    rsvp_set(event=event, member=waiting, answer="going")
    rsvp_set(event=event, member=maybe, answer="maybe")
    return event, going, waiting, maybe


@pytest.mark.django_db
def test_confirmation_file_says_how_each_answer_stands(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1, modality="online", meeting_link=LINK, title_en="Webinar")
    going, waiting, maybe = ApprovedMemberFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=event, member=going, answer="going")
        rsvp_set(event=event, member=waiting, answer="going")
        rsvp_set(event=event, member=maybe, answer="maybe")
    shown = {}
    for name, person in [("going", going), ("waiting", waiting), ("maybe", maybe)]:
        method, vevent = entry_for(person, event)
        shown[name] = (method, str(vevent["STATUS"]), str(vevent["TRANSP"]), "CONFERENCE" in vevent)
        assert vevent["SEQUENCE"] == 0
        assert "ATTENDEE" not in vevent
    assert shown == {
        "going": ("PUBLISH", "CONFIRMED", "OPAQUE", True),
        "waiting": ("PUBLISH", "TENTATIVE", "TRANSPARENT", False),
        "maybe": ("PUBLISH", "TENTATIVE", "OPAQUE", False),
    }


@pytest.mark.django_db
def test_change_notice_carries_the_moved_entry_with_the_feeds_sequence(
    client, full_online_event, django_capture_on_commit_callbacks
):
    event, going, waiting, maybe = full_online_event
    later = event.starts_at + timedelta(days=1, hours=2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_update(
            event=event,
            editor=None,
            fields={"starts_at": later, "ends_at": later + timedelta(hours=2)},
        )
    feed_entry = by_uid(Calendar.from_ical(client.get("/en/calendar/events.ics").content))
    assert feed_entry[uid_of(event)]["SEQUENCE"] == 1
    shown = {}
    for name, person in [("going", going), ("waiting", waiting), ("maybe", maybe)]:
        method, vevent = entry_for(person, event)
        assert vevent["SEQUENCE"] == 1  # above the confirmation's 0, as in the feed
        assert vevent["DTSTART"].dt == later
        assert vevent["DTEND"].dt == later + timedelta(hours=2)
        shown[name] = (method, str(vevent["STATUS"]), str(vevent["TRANSP"]), "CONFERENCE" in vevent)
    assert shown == {
        "going": ("PUBLISH", "CONFIRMED", "OPAQUE", True),
        "waiting": ("PUBLISH", "TENTATIVE", "TRANSPARENT", False),
        "maybe": ("PUBLISH", "TENTATIVE", "OPAQUE", False),
    }
    assert "updates the event in your calendar" in mail.outbox[0].body


@pytest.mark.django_db
def test_cancellation_notice_cancels_the_entry_for_its_reader_alone(
    full_online_event, django_capture_on_commit_callbacks
):
    event, *people = full_online_event
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, editor=OrganizerFactory(email="organizer.own@example.org"))
    for person in people:
        method, vevent = entry_for(person, event)
        assert method == "CANCEL"
        assert str(vevent["STATUS"]) == "CANCELLED"
        assert vevent["SEQUENCE"] == 1
        assert str(vevent["ORGANIZER"]) == "mailto:no-reply@tadamun.localhost"
        # RFC 5546 3.2.5: the attendee the cancellation concerns, here the reader, nobody else.
        assert str(vevent["ATTENDEE"]) == f"mailto:{person.email}"
        [message] = [m for m in mail.outbox if m.to == [person.email]]
        content = message.attachments[0][1]
        for other in people:
            assert other == person or other.email not in content
        assert "organizer.own@example.org" not in content
        assert 'method="CANCEL"' in message.message().as_string()
        assert "marks the event as cancelled in your calendar" in message.body


@pytest.mark.django_db
def test_postponement_notice_makes_the_entry_tentative(
    full_online_event, django_capture_on_commit_callbacks
):
    event, going, _waiting, _maybe = full_online_event
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_postpone(event=event, editor=OrganizerFactory())
    method, vevent = entry_for(going, event)
    assert (method, str(vevent["STATUS"]), str(vevent["TRANSP"])) == (
        "PUBLISH",
        "TENTATIVE",
        "TRANSPARENT",
    )
    assert vevent["SEQUENCE"] == 1


@pytest.mark.django_db
def test_private_feed_and_mail_agree_on_a_waitlisted_entry(
    full_online_event, django_capture_on_commit_callbacks
):
    event, _going, waiting, _maybe = full_online_event
    path = f"/en/calendar/private/{feed_token_create(member=waiting)}.ics"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_update(event=event, editor=None, fields={"venue": "Online hall"})
    feed = Client().get(path)
    assert_valid(feed.content)
    in_feed = by_uid(Calendar.from_ical(feed.content))[uid_of(event)]
    _method, in_mail = entry_for(waiting, event)
    for name in ("SEQUENCE", "STATUS", "TRANSP", "SUMMARY"):
        assert in_feed[name] == in_mail[name], name


@pytest.mark.django_db
def test_promotion_file_replaces_the_waitlisted_entry(django_capture_on_commit_callbacks):
    """Same SEQUENCE (the event did not change), so the later DTSTAMP must mark the newer file
    (RFC 5546 2.1.5), or a calendar keeps the tentative entry."""
    event = EventFactory(capacity=1)
    first, second = ApprovedMemberFactory.create_batch(2)
    rsvp_set(event=event, member=first, answer="going")
    waiting = rsvp_set(event=event, member=second, answer="going")
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(updated_at=an_hour_ago)
    Rsvp.objects.filter(pk=waiting.pk).update(updated_at=an_hour_ago)
    with translation.override("en"):
        waitlisted = Calendar.from_ical(
            event_calendar_file(Event.objects.get(pk=event.pk), Rsvp.objects.get(pk=waiting.pk))
        )
    [before] = waitlisted.walk("VEVENT")
    assert str(before["STATUS"]) == "TENTATIVE"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=event, member=first, answer="not_going")
    [promotion] = [m for m in mail.outbox if m.to == [second.email]]
    _mimetype, calendar = calendar_file(promotion)
    [after] = calendar.walk("VEVENT")
    assert str(after["UID"]) == str(before["UID"])
    assert str(after["STATUS"]) == "CONFIRMED"
    assert (after["SEQUENCE"], after["DTSTAMP"].dt) > (before["SEQUENCE"], before["DTSTAMP"].dt)
