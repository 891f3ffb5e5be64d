"""The event pack (issue 16): what one confirmed attendee may carry offline, in one HTML file.

A pack holds, per event, exactly what the event page shows this reader: the address only where
`venue_visible_to` allows it now (a pack saved before the release has none, and says so), the
meeting link as the page gives it to a confirmed attendee, the programme, their check-in code
and the event's calendar entry. Only people confirmed going get one: a member going, or a guest
going whose address is verified (on their own page, reached by their link). Nothing is written.
"""

import base64
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from events.enums import RsvpStatus
from events.feeds.builder import CalendarHeader, calendar, timezones
from events.feeds.vevents import ATTENDEE, event_vevent
from events.guests import token_digest
from events.models import Event, Rsvp, Session
from events.selectors.events import visible_events
from events.selectors.venue import venue_visible_to


@dataclass(frozen=True)
class PackEntry:
    """One event of a pack, as its reader may see it."""

    event: Event
    rsvp: Rsvp
    shows_venue: bool
    calendar_file: bytes

    @property
    def shows_meeting_link(self) -> bool:
        # The event page gives the link to everyone confirmed going, and a pack is only theirs.
        return bool(self.event.meeting_link) and self.rsvp.is_confirmed

    @property
    def shows_checkin_code(self) -> bool:
        # As the answer card on the event page and the guest's page decide it.
        return bool(
            self.rsvp.status == RsvpStatus.GOING
            and self.rsvp.checkin_code
            and self.event.is_in_person
        )

    @property
    def calendar_data_url(self) -> str:
        return calendar_data_url(self.calendar_file)

    @property
    def calendar_text(self) -> str:
        return self.calendar_file.decode("utf-8")


def calendar_data_url(content: bytes) -> str:
    """A calendar file as a link that needs no network: the pack opens from a disk."""
    encoded = base64.b64encode(content).decode("ascii")
    return f"data:text/calendar;charset=utf-8;base64,{encoded}"


def _with_page_details(events: QuerySet[Event]) -> QuerySet[Event]:
    sessions = Session.objects.prefetch_related("speakers").order_by("starts_at", "pk")
    return events.prefetch_related(
        "topics", "organizers", "cohost_groups", Prefetch("sessions", queryset=sessions)
    )


def _calendar_file(event: Event, *, shows_venue: bool) -> bytes:
    """The event's VEVENT as a confirmed attendee's calendar gets it (with the meeting link),
    in the active language: the same UID and SEQUENCE as the feeds and mailed files."""
    language = get_language() or "en"
    entry = event_vevent(event, language=language, variant=ATTENDEE, shows_venue=shows_venue)
    zones = timezones([(event.time_zone, event.starts_at.year, event.ends_at.year)])
    header = CalendarHeader(name=str(event), description="", language=language)
    return calendar(header, zones, [entry])


def _entry(event: Event, rsvp: Rsvp, viewer) -> PackEntry:
    # A member is asked as the event page asks (organizers see a held address early there too);
    # a guest by their answer, as on their own page.
    if viewer is None:
        shows_venue = venue_visible_to(event, rsvp)
    else:
        shows_venue = venue_visible_to(event, viewer, rsvp=rsvp)
    return PackEntry(
        event=event,
        rsvp=rsvp,
        shows_venue=shows_venue,
        calendar_file=_calendar_file(event, shows_venue=shows_venue),
    )


def member_event_pack(*, user, event_id: int) -> PackEntry | None:
    """The pack of one event for a signed-in member, None unless they may see the event and
    are confirmed going to it."""
    if not user.is_authenticated:
        return None
    event = _with_page_details(visible_events(user)).filter(pk=event_id).first()
    if event is None:
        return None
    rsvp = Rsvp.objects.filter(event=event, member=user).first()
    if rsvp is None or not rsvp.is_confirmed:
        return None
    return _entry(event, rsvp, user)


def guest_event_pack(*, event_id: int, token: str) -> PackEntry | None:
    """The pack of a guest holding the link to their own page, None unless their address is
    verified and they are going."""
    if not token:
        return None
    rsvp = Rsvp.objects.filter(
        event_id=event_id, member__isnull=True, guest_token=token_digest(token)
    ).first()
    if rsvp is None or not rsvp.is_confirmed:
        return None
    event = _with_page_details(Event.objects.filter(pk=event_id)).get()
    return _entry(event, rsvp, None)


def member_upcoming_pack(*, user) -> list[PackEntry]:
    """Every event still to come (not yet ended) that the member may see and is confirmed going
    to, soonest first, in a fixed number of queries."""
    now = timezone.now()
    answers = {
        rsvp.event_id: rsvp
        for rsvp in Rsvp.objects.filter(
            member=user, status=RsvpStatus.GOING, event__ends_at__gte=now
        )
    }
    events = _with_page_details(
        visible_events(user).filter(pk__in=list(answers), ends_at__gte=now)
    ).order_by("starts_at", "pk")
    return [_entry(event, answers[event.pk], user) for event in events]


def upcoming_calendar_file(entries: list[PackEntry]) -> bytes:
    """All the pack's events in one calendar file."""
    language = get_language() or "en"
    zones = timezones(
        (entry.event.time_zone, entry.event.starts_at.year, entry.event.ends_at.year)
        for entry in entries
    )
    vevents = [
        event_vevent(
            entry.event, language=language, variant=ATTENDEE, shows_venue=entry.shows_venue
        )
        for entry in entries
    ]
    header = CalendarHeader(name="Tadamun", description="", language=language)
    return calendar(header, zones, vevents)
