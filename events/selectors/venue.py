"""Need to know (issue 13): who may see an event's exact address, decided here for every surface.

An in-person event may hold its address (`venue`) back until `venue_release_hours` before the
start. Until then only its organizers see it (with two-factor authentication): not the
coordinators of its co-hosting groups, who edit its other practical details and the city but
not an address still held back (events.forms.event.PracticalDetailsForm). From then on also the
people confirmed going: a member going, or a guest going whose address is verified. Waitlisted,
maybe, unverified guests, strangers and other members never do. The city and country stay
visible to all who see the event.

Pages, mails and calendar files call `venue_visible_to`; the calendar feeds, which read
thousands of events in one query, ask the database the same question (`with_venue_shown`).
"""

import operator
from datetime import datetime, timedelta
from functools import reduce

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from events.enums import RsvpStatus
from events.models import Event, Rsvp
from events.permissions import can_manage_event

_UNKNOWN = object()


def venue_released(event: Event, *, at: datetime | None = None) -> bool:
    """The release time has come (always, for an event that holds nothing back)."""
    released_at = event.venue_released_at
    return released_at is None or released_at <= (at or timezone.now())


def _confirmed(rsvp: Rsvp | None, event: Event) -> bool:
    return rsvp is not None and rsvp.event_id == event.pk and rsvp.is_confirmed


def venue_visible_to(event: Event, viewer, *, at: datetime | None = None, rsvp=_UNKNOWN) -> bool:
    """May `viewer` see the exact address of `event` at `at` (now)?

    `viewer` is a user (signed in or not), an answer (a guest's page, a mail to an attendee) or
    None (anyone: a shared page, a public feed). For a user, `rsvp` may pass their answer when
    the caller has it already (None: they have not answered), saving a query.
    """
    if not event.holds_venue_back:
        return True
    if viewer is None:
        return False
    if isinstance(viewer, Rsvp):
        return venue_released(event, at=at) and _confirmed(viewer, event)
    if not viewer.is_authenticated:
        return False
    if can_manage_event(viewer, event):  # its organizers, not co-hosts' coordinators
        return True
    if not venue_released(event, at=at):
        return False
    if rsvp is _UNKNOWN:
        rsvp = Rsvp.objects.filter(event=event, member=viewer).first()
    return _confirmed(rsvp, event)


def with_venue_shown(
    events: QuerySet[Event], *, at: datetime, confirmed: Q | None = None, organizer: bool = False
) -> QuerySet[Event]:
    """Annotate `shows_venue` as `venue_visible_to` would answer it, in the query: true where
    nothing is held back, for an `organizer`'s own calendar, and where `confirmed` (a condition
    on the rows, e.g. the member's answer annotated as going) holds once the time has come.

    With `confirmed`, one more small query reads the release delays the events use: the release
    time is compared as `starts_at <= at + delay` for each, with no arithmetic on durations in
    SQL, which SQLite cannot do."""
    if organizer:
        return events.annotate(shows_venue=Value(True, output_field=BooleanField()))
    shown = [When(venue_release_hours__isnull=True, then=Value(True))]
    if confirmed is not None:
        delays = (
            events.filter(venue_release_hours__isnull=False)
            .order_by()
            .values_list("venue_release_hours", flat=True)
            .distinct()
        )
        released = [
            Q(venue_release_hours=hours, starts_at__lte=at + timedelta(hours=hours))
            for hours in delays
        ]
        if released:
            shown.append(When(confirmed & reduce(operator.or_, released), then=Value(True)))
    return events.annotate(
        shows_venue=Case(*shown, default=Value(False), output_field=BooleanField())
    )


def member_confirmed(status_field: str = "member_status") -> Q:
    """A member's own answer, annotated as `status_field`, is going (a member needs no
    verification)."""
    return Q(**{status_field: RsvpStatus.GOING})
