"""The rows of an attendee list, shared by the CSV and the Excel export."""

from collections.abc import Iterator
from datetime import UTC, datetime

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.enums import Interpretation, RsvpStatus
from events.feeds.ical import zone
from events.models import Event
from events.selectors.events import attendees
from members.calendars import format_time_zone_name

# Spreadsheets run a cell that starts with one of these as a formula (CSV/formula injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_QUERY = 2_000
# What the rows read; loading nothing else keeps 50,000 rows fast.
EXPORTED_FIELDS = (
    "status", "interpretation", "accessibility_needs", "listed_consent", "checked_in_at",
    "guest_name", "guest_email", "member__display_name", "member__email", "member__deleted_at",
)  # fmt: skip


def neutralise(value: str) -> str:
    """Text a spreadsheet shows as text: a leading formula character gets a quote before it."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def attendee_headers(event: Event) -> list[str]:
    """Column titles in the active language (the organizer's)."""
    zone_name = format_time_zone_name(event.time_zone, get_language() or "en")
    return [
        _("Name"),
        _("Email address"),
        _("Answer"),
        _("Waitlist position"),
        _("Interpretation"),
        _("Accessibility needs"),
        _("Checked in (%(zone)s)") % {"zone": zone_name},
    ]


def attendee_rows(event: Event, *, all_emails: bool) -> Iterator[list]:
    """Everyone counted as answering, in the attendee page's order: name, email, answer,
    waitlist position, interpretation, accessibility needs, check-in time (naive, in the
    event's own zone, as the door saw it).

    Email rule: an address is given only for attendees who agreed to appear on the attendee
    list (`listed_consent`), unless `all_emails` — which views set for organizers holding the
    global `events.manage_events` permission, the alliance's organizers, who may have to reach
    anyone. An organizer of this one event without it gets the other addresses blank.

    Labels are translated when each row is made: consume the rows under `override(language)`.
    Text is returned as typed; each file format neutralises it as it needs.
    """
    local_zone = zone(event.time_zone) or UTC
    # Labels once, not per row: get_FOO_display() rebuilds its lookup on every call.
    statuses = {value: str(label) for value, label in RsvpStatus.choices}
    interpretations = {value: str(label) for value, label in Interpretation.choices if value}
    answers = (
        attendees(event)
        .select_related(None)
        .select_related("member")
        .only(*EXPORTED_FIELDS)
        .iterator(chunk_size=ROWS_PER_QUERY)
    )
    position = 0
    for rsvp in answers:
        if rsvp.status == RsvpStatus.WAITLISTED:
            position += 1
        checked_in: datetime | None = None
        if rsvp.checked_in_at is not None:
            checked_in = rsvp.checked_in_at.astimezone(local_zone).replace(tzinfo=None)
        yield [
            rsvp.display_name,
            rsvp.email if all_emails or rsvp.listed_consent else "",
            statuses.get(rsvp.status, rsvp.status),
            position if rsvp.status == RsvpStatus.WAITLISTED else None,
            interpretations.get(rsvp.interpretation, ""),
            rsvp.accessibility_needs,
            checked_in,
        ]
