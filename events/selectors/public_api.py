"""Reads behind the public JSON API (events/api/): what a stranger sees on the pages.

Every read starts from `visible_events` for a signed-out visitor, so members-only and
invite-only events never reach the API whoever calls it, and narrows it with the pages' own
filters (`events_matching`). Whether an address shows is `venue_visible_to`'s answer for
nobody in particular (events/selectors/venue.py).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from events.models import Event, Session, Topic
from events.selectors.events import EventFilters, events_matching, visible_events
from members.models import User


@dataclass(frozen=True)
class EventWindow:
    """Events that end at or after `ends_after` and start at or before `starts_before`."""

    ends_after: datetime | None = None
    starts_before: datetime | None = None


def public_events() -> QuerySet[Event]:
    """Public events with the topics and co-hosting groups an answer names, in three queries."""
    return visible_events(AnonymousUser()).prefetch_related("topics", "cohost_groups")


def public_events_matching(*, filters: EventFilters, window: EventWindow) -> QuerySet[Event]:
    """The list: coming events (those not yet ended) unless the window says otherwise."""
    events = events_matching(public_events(), filters)
    events = events.filter(ends_at__gte=window.ends_after or timezone.now())
    if window.starts_before is not None:
        events = events.filter(starts_at__lte=window.starts_before)
    # A topic or group filter joins on a unique slug: still one row per event.
    return events


def public_event(*, event_id: int) -> Event:
    """One public event; DoesNotExist for any other, as the page's 404."""
    return public_events().get(pk=event_id)


def public_programme(*, event: Event) -> QuerySet[Session]:
    """The event's sessions as its programme page lists them, speakers included."""
    speakers = User.objects.filter(deleted_at__isnull=True).only("pk", "display_name", "deleted_at")
    return (
        Session.objects.filter(event=event)
        .prefetch_related(Prefetch("speakers", queryset=speakers))
        .order_by("starts_at", "pk")
    )


def all_topics() -> QuerySet[Topic]:
    return Topic.objects.order_by("slug")
