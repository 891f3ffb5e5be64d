"""The held-back address of an event, sent to its confirmed attendees when its time comes
(issue 13; who may see it: events/selectors/venue.py)."""

from datetime import datetime, timedelta

from django.utils import timezone

from events.enums import EventStatus, Modality, RsvpStatus
from events.models import Event, Rsvp
from events.models.event import MAX_VENUE_RELEASE_HOURS
from events.selectors.rsvps import counted_rsvps
from events.selectors.venue import venue_released
from notifications.enums import NoticeKind
from notifications.recipients import one_answer_per_address
from notifications.services.deliveries import Planned, deliveries_plan


def venue_release_key(rsvp: Rsvp) -> str:
    # Once per person and event: a later move of the event does not make the address news.
    who = f"m{rsvp.member_id}" if rsvp.member_id else f"g{rsvp.pk}"
    return f"venue:{rsvp.event_id}:{who}"


def schedule_venue_releases(*, now: datetime | None = None) -> int:
    """Write (and enqueue) the address notice for everyone confirmed going to an event whose
    address has just been released, once each (the delivery key). Run every minute with the
    reminders; someone confirmed after the release gets it at the next run. Nothing goes out
    once the event has started. Returns how many new messages were written."""
    now = now or timezone.now()
    events = Event.objects.filter(
        venue_release_hours__isnull=False,
        status=EventStatus.SCHEDULED,
        modality__in=[Modality.IN_PERSON, Modality.HYBRID],
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=MAX_VENUE_RELEASE_HOURS),
    ).exclude(venue="")
    released = [event.pk for event in events if venue_released(event, at=now)]
    if not released:
        return 0
    answers = Rsvp.objects.filter(
        counted_rsvps(), event_id__in=released, status=RsvpStatus.GOING
    ).select_related("member")
    planned = [
        Planned(
            key=venue_release_key(rsvp),
            kind=NoticeKind.VENUE_RELEASE,
            recipient_id=rsvp.member_id,
            rsvp_id=rsvp.pk,
            event_id=rsvp.event_id,
        )
        for rsvp in one_answer_per_address(answers)
    ]
    return len(deliveries_plan(planned))
