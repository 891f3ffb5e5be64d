"""The .ics file attached to an answer's confirmation: the same VEVENT the calendar feeds
write (same UID and SEQUENCE), so a calendar holding both shows one event."""

from django.utils.translation import get_language

from events.enums import RsvpStatus
from events.feeds.builder import CalendarHeader, calendar, timezones
from events.feeds.vevents import ATTENDEE, PUBLIC, event_vevent
from events.models import Event, Rsvp


def event_calendar_file(event: Event, rsvp: Rsvp | None) -> bytes:
    """One event in the active language; the meeting link only for someone confirmed going."""
    language = get_language() or "en"
    deferred = event.get_deferred_fields()
    if deferred:  # the sender leaves the descriptions out; the calendar entry carries them
        event.refresh_from_db(fields=sorted(deferred))
    confirmed = rsvp is not None and rsvp.status == RsvpStatus.GOING
    entry = event_vevent(event, language=language, variant=ATTENDEE if confirmed else PUBLIC)
    zones = timezones([(event.time_zone, event.starts_at.year, event.ends_at.year)])
    header = CalendarHeader(name=str(event), description="", language=language)
    return calendar(header, zones, [entry])
