"""The .ics file attached to an answer's confirmation and to every notice that the event
changed: the same VEVENT the calendar feeds write (same UID, SEQUENCE and status), so a
calendar holding both shows one event, and one that imported an earlier file takes the newer
one in its place (its SEQUENCE is higher, RFC 5546 2.1.5)."""

from django.utils.translation import get_language

from events.feeds.builder import VARIANT_OF_STATUS, CalendarHeader, calendar, timezones
from events.feeds.vevents import PUBLIC, event_vevent
from events.models import Event, Rsvp
from events.selectors.venue import venue_visible_to

FILENAME = "event.ics"


def _method(event: Event) -> str:
    return "CANCEL" if event.is_cancelled else "PUBLISH"


def event_calendar_file(event: Event, rsvp: Rsvp | None, *, recipient_email: str = "") -> bytes:
    """One event in the active language, as the reader's answer shows it: the meeting link only
    for someone confirmed going, tentative for maybe and the waitlist.

    A cancelled event is sent as METHOD:CANCEL with STATUS:CANCELLED, which makes calendar
    programs take the entry out; it names `recipient_email` as its one ATTENDEE (RFC 5546,
    3.2.5, asks a cancellation to name the attendees it concerns: this copy concerns only its
    reader, and never lists anyone else). Anything else is METHOD:PUBLISH. An address the
    event holds back is in it only for a reader who may see it by then (venue_visible_to).
    """
    language = get_language() or "en"
    deferred = event.get_deferred_fields()
    if deferred:  # the sender leaves the descriptions out; the calendar entry carries them
        event.refresh_from_db(fields=sorted(deferred))
    variant, stamped_at = PUBLIC, event.updated_at
    if rsvp is not None:  # a new answer (promoted from the waitlist) replaces the older file
        variant = VARIANT_OF_STATUS.get(rsvp.status, PUBLIC)
        stamped_at = max(stamped_at, rsvp.updated_at)
    method = _method(event)
    entry = event_vevent(
        event,
        language=language,
        variant=variant,
        attendee=recipient_email if method == "CANCEL" else "",
        stamped_at=stamped_at,
        shows_venue=rsvp is not None and venue_visible_to(event, rsvp),
    )
    zones = timezones([(event.time_zone, event.starts_at.year, event.ends_at.year)])
    header = CalendarHeader(name=str(event), description="", language=language)
    return calendar(header, zones, [entry], method=method)


def calendar_attachment(
    event: Event, rsvp: Rsvp | None, *, recipient_email: str
) -> tuple[str, bytes, str]:
    """(filename, content, MIME type) for a message; the type names the file's METHOD, as
    iMIP asks (RFC 6047, 2.4)."""
    content = event_calendar_file(event, rsvp, recipient_email=recipient_email)
    return FILENAME, content, f"text/calendar; method={_method(event)}"
