"""Every feed as strict clients read it: libical's RFC 5545 / RFC 5546 restriction check, the
VTIMEZONEs doing the work of a zone database, and the status an answer gives an entry."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from events.enums import EventStatus
from events.models import Session
from events.services.feed_tokens import feed_token_create
from tests.events.calendar_parsing import assert_valid, by_uid, parse, vevents
from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    OrganizerFactory,
    ProposalFactory,
    RsvpFactory,
)

ORGANIZER = "mailto:no-reply@tadamun.localhost"


def uid_of(event) -> str:
    return f"event-{event.pk}@tadamun"


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@pytest.mark.django_db
def test_every_feed_passes_libicals_restriction_check(client, settings):
    settings.DEFAULT_FROM_EMAIL = "Tadamun <no-reply@tadamun.localhost>"
    organizer = OrganizerFactory(email="organizer.private@example.org")
    member = ApprovedMemberFactory(email="member.private@example.org")
    conference = EventFactory(
        kind="conference", modality="hybrid", meeting_link="https://m.example"
    )
    conference.organizers.add(organizer)
    Session.objects.create(
        event=conference,
        title_en="Opening",
        starts_at=conference.starts_at,
        ends_at=conference.ends_at,
        speaker_names="Rojin",
    )
    cancelled = EventFactory(status=EventStatus.CANCELLED, time_zone="Asia/Tehran")
    postponed = EventFactory(status=EventStatus.POSTPONED, time_zone="America/Toronto")
    full = EventFactory(capacity=0, time_zone="UTC")
    RsvpFactory(member=member, event=conference, status="going")
    RsvpFactory(member=member, event=cancelled, status="going")
    RsvpFactory(member=member, event=postponed, status="maybe")
    RsvpFactory(member=member, event=full, status="waitlisted", waitlisted_at=full.created_at)
    ProposalFactory(proposer=organizer, state="draft")
    private_path = f"/en/calendar/private/{feed_token_create(member=member)}.ics"
    client.force_login(organizer)
    paths = [
        "/en/calendar/events.ics",
        "/fa/calendar/events.ics?lang=fa",
        f"/en/calendar/events/{conference.pk}/event.ics",
        f"/ar/calendar/events/{conference.pk}/event.ics?sessions=1&lang=ar",
        f"/en/calendar/events/{cancelled.pk}/event.ics",
        private_path,
        private_path + "?members_only=1",
        "/en/calendar/organizing.ics",
    ]
    contents = []
    for path in paths:
        signed_in = path.startswith("/en/") and not path.startswith(private_path)
        response = (client if signed_in else Client()).get(path)
        assert response.status_code == 200, path
        contents.append(response.content)
        calendar = parse(response)
        assert str(calendar["METHOD"]) == "PUBLISH"
        for vevent in vevents(calendar):
            # RFC 5546 3.2.1: PUBLISH needs an ORGANIZER and lists no ATTENDEE. Never a
            # member's own address: the alliance's sending address stands for the organizers.
            assert str(vevent["ORGANIZER"]) == ORGANIZER, path
            assert vevent["ORGANIZER"].params["CN"] == "Tadamun"
            assert "ATTENDEE" not in vevent
        assert b"private@example.org" not in response.content
    assert_valid(*contents)


# Summer and winter in two zones that keep daylight saving time, years beyond the zone rules a
# VTIMEZONE built for "around now" would hold.
FAR_CASES = [
    ("Europe/Berlin", datetime(2029, 7, 10, 16, tzinfo=UTC), "20290710T180000"),
    ("Europe/Berlin", datetime(2031, 1, 20, 17, tzinfo=UTC), "20310120T180000"),
    ("Europe/Berlin", datetime(2031, 7, 10, 16, tzinfo=UTC), "20310710T180000"),
    ("America/Toronto", datetime(2029, 7, 10, 22, tzinfo=UTC), "20290710T180000"),
    ("America/Toronto", datetime(2031, 1, 20, 23, tzinfo=UTC), "20310120T180000"),
    ("America/Toronto", datetime(2031, 7, 10, 22, tzinfo=UTC), "20310710T180000"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("zone", "instant", "local"), FAR_CASES)
def test_vtimezone_of_an_event_years_ahead_gives_its_instant(client, zone, instant, local):
    event = EventFactory(time_zone=zone, starts_at=instant, ends_at=instant + timedelta(hours=2))
    response = client.get(f"/en/calendar/events/{event.pk}/event.ics")
    assert f"DTSTART;TZID={zone}:{local}".encode() in response.content
    [reading] = assert_valid(response.content)
    assert reading["times"][uid_of(event)] == [stamp(instant), stamp(instant + timedelta(hours=2))]


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/Toronto"])
def test_one_vtimezone_covers_events_years_apart_in_a_feed(client, zone):
    """A feed with events this year and in 2030: each lands on its own instant through the file's
    one VTIMEZONE for the zone, in libical and in icalendar without a zone database."""
    soon = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=3)
    instants = [
        soon,
        datetime(2030, 7, 10, 16, tzinfo=UTC),
        datetime(2030, 12, 10, 17, tzinfo=UTC),
    ]
    events = [
        EventFactory(time_zone=zone, starts_at=moment, ends_at=moment + timedelta(hours=1))
        for moment in instants
    ]
    response = client.get("/en/calendar/events.ics")
    [reading] = assert_valid(response.content)
    calendar = parse(response)
    [vtimezone] = calendar.walk("VTIMEZONE")
    own_zone = vtimezone.to_tz(lookup_tzid=False)
    found = by_uid(calendar)
    for event, moment in zip(events, instants, strict=True):
        assert reading["times"][uid_of(event)][0] == stamp(moment)
        local = found[uid_of(event)]["DTSTART"].dt.replace(tzinfo=None)
        assert local.replace(tzinfo=own_zone).astimezone(UTC) == moment


@pytest.mark.django_db
def test_programme_vtimezone_covers_sessions_outside_the_events_years(client):
    """Nothing in the database keeps a session inside its event's days (rows from before the
    programme followed its event): the programme's VTIMEZONE must still place each right."""
    start = datetime(2027, 7, 10, 8, tzinfo=UTC)
    event = EventFactory(kind="conference", starts_at=start, ends_at=start + timedelta(days=1))
    later = datetime(2030, 7, 10, 8, tzinfo=UTC)
    session = Session.objects.create(
        event=event, title_en="Panel", starts_at=later, ends_at=later + timedelta(hours=1)
    )
    response = client.get(f"/en/calendar/events/{event.pk}/event.ics?sessions=1")
    [reading] = assert_valid(response.content)
    assert reading["times"][f"session-{session.pk}@tadamun"][0] == stamp(later)


@pytest.mark.django_db
def test_private_feed_marks_waitlist_and_maybe_tentative_and_the_waitlist_free(
    member_client, member
):
    going = RsvpFactory(member=member, status="going").event
    maybe = RsvpFactory(member=member, status="maybe").event
    full = EventFactory(capacity=0)
    RsvpFactory(member=member, event=full, status="waitlisted", waitlisted_at=full.created_at)
    called_off = EventFactory(status=EventStatus.CANCELLED)
    RsvpFactory(member=member, event=called_off, status="going")
    response = Client().get(f"/en/calendar/private/{feed_token_create(member=member)}.ics")
    assert_valid(response.content)
    found = by_uid(parse(response))
    shown = {
        name: (str(found[uid_of(event)]["STATUS"]), str(found[uid_of(event)]["TRANSP"]))
        for name, event in [
            ("going", going),
            ("maybe", maybe),
            ("waitlisted", full),
            ("cancelled", called_off),
        ]
    }
    assert shown == {
        "going": ("CONFIRMED", "OPAQUE"),
        # RFC 5545 3.8.2.7: a maybe still holds the time (free/busy: BUSY-TENTATIVE); a place
        # on the waitlist does not, so busy-time searches see the member free.
        "maybe": ("TENTATIVE", "OPAQUE"),
        "waitlisted": ("TENTATIVE", "TRANSPARENT"),
        "cancelled": ("CANCELLED", "TRANSPARENT"),
    }


@pytest.mark.django_db
def test_postponed_event_holds_no_time_in_calendars(client):
    """Its date no longer stands ("a new date will follow"): tentative, and free."""
    event = EventFactory(status=EventStatus.POSTPONED)
    vevent = by_uid(parse(client.get("/en/calendar/events.ics")))[uid_of(event)]
    assert (str(vevent["STATUS"]), str(vevent["TRANSP"])) == ("TENTATIVE", "TRANSPARENT")


@pytest.mark.django_db
@pytest.mark.parametrize(("reader", "tagged"), [("ar", "ar"), ("fa", None), ("en", None)])
def test_a_title_framed_in_another_language_is_not_tagged_as_the_titles(reader, tagged):
    """A cancelled Arabic-only event read in Persian: "لغو رویداد: <Arabic title>" is not
    Arabic, so SUMMARY carries no LANGUAGE=ar (RFC 5545, 3.2.10)."""
    from events.feeds.vevents import event_vevent

    event = EventFactory(
        title_ar="تجمع التضامن", title_fa="", title_en="", status=EventStatus.CANCELLED
    )
    entry = event_vevent(event, language=reader).decode()
    summary = next(line for line in entry.splitlines() if line.startswith("SUMMARY"))
    assert "تجمع التضامن" in summary
    assert (";LANGUAGE=ar" in summary) == (tagged == "ar")
