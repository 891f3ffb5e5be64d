from datetime import datetime, timedelta

from django.utils import timezone

from events.enums import EventStatus, Visibility
from events.models import Event
from events.selectors.events import invited_members
from members.models import User
from notifications.enums import NoticeKind
from notifications.services.deliveries import Planned, deliveries_plan


def weekly_digest_plan(*, now: datetime | None = None) -> int:
    """Once a week: to each member who asked for it, the events published in the past week that
    they may see. Keyed by ISO week, so a repeated run sends nothing twice."""
    now = now or timezone.now()
    fresh = list(
        Event.objects.filter(
            created_at__gte=now - timedelta(days=7),
            starts_at__gt=now,
            status=EventStatus.SCHEDULED,
        ).values_list("pk", "visibility")
    )
    if not fresh:
        return 0
    public = [pk for pk, visibility in fresh if visibility == Visibility.PUBLIC]
    # An event for invited groups only is named only to those it invites (issue 13).
    invited = invited_members([pk for pk, visibility in fresh if visibility == Visibility.INVITE])
    year, week, _day = now.isocalendar()
    planned = []
    readers = User.objects.filter(weekly_digest=True, is_active=True, deleted_at__isnull=True)
    for member in readers.only("pk", "membership_status", "deleted_at"):
        event_ids = public
        if member.is_approved:
            event_ids = [
                pk for pk, _visibility in fresh if member.pk in invited.get(pk, (member.pk,))
            ]
        if event_ids:
            planned.append(
                Planned(
                    key=f"digest:{year}-W{week:02d}:m{member.pk}",
                    kind=NoticeKind.WEEKLY_DIGEST,
                    recipient_id=member.pk,
                    context={"event_ids": event_ids},
                )
            )
    return len(deliveries_plan(planned))
