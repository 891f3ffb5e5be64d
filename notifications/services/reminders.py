from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from events.enums import EventStatus, RsvpStatus
from events.models import Event, Rsvp
from events.selectors.rsvps import counted_rsvps
from notifications.enums import MEMBER_OFFSET_FIELDS, OFFSET_DURATIONS, NoticeKind, ReminderOffset
from notifications.recipients import one_answer_per_address
from notifications.services.deliveries import Planned, deliveries_plan

LONGEST_OFFSET = max(OFFSET_DURATIONS.values())


def event_offsets(event: Event) -> list[str]:
    """The event's own plan, or the defaults: 7 days and 24 hours, plus 1 hour when online."""
    plan = getattr(event, "reminder_plan", None)
    if plan is not None:
        return plan.offsets()
    offsets = [ReminderOffset.WEEK, ReminderOffset.DAY]
    if event.is_online:
        offsets.append(ReminderOffset.HOUR)
    return offsets


def due_offset(event: Event, now: datetime) -> str | None:
    """The reminder due now, if any: the nearest one whose time has come.

    When several have come (the worker was down for days), only the nearest is sent: a
    "7 days before" mail two days before the event would only confuse.
    """
    due = [
        offset
        for offset in event_offsets(event)
        if event.starts_at - OFFSET_DURATIONS[offset] <= now
    ]
    return min(due, key=OFFSET_DURATIONS.__getitem__) if due else None


def reminder_key(event: Event, offset: str, rsvp: Rsvp) -> str:
    # The start time is part of the key: an event that moves gets its reminders again, at the
    # new times; one that stays never gets the same reminder twice.
    who = f"m{rsvp.member_id}" if rsvp.member_id else f"g{rsvp.pk}"
    return f"reminder:{event.pk}:{offset}:{int(event.starts_at.timestamp())}:{who}"


def _wants(rsvp: Rsvp, offset: str) -> bool:
    member = rsvp.member
    if member is None:
        return rsvp.status == RsvpStatus.GOING
    if not member.reminders_enabled or not getattr(member, MEMBER_OFFSET_FIELDS[offset]):
        return False
    return rsvp.status == RsvpStatus.GOING or member.remind_when_maybe


def schedule_due_reminders(*, now: datetime | None = None) -> int:
    """Write (and enqueue) every reminder that is due and not yet written. Run every minute.

    The database is the schedule: nothing waits in the broker, so a restart of Redis or of the
    worker loses nothing, and a reminder that fell due while the worker was down goes out when
    it is back — unless the event has started. Returns how many new messages were written.
    """
    now = now or timezone.now()
    events = (
        Event.objects.filter(
            status=EventStatus.SCHEDULED, starts_at__gt=now, starts_at__lte=now + LONGEST_OFFSET
        )
        .select_related("reminder_plan")
        .order_by("pk")
    )
    due = {event.pk: (event, offset) for event in events if (offset := due_offset(event, now))}
    if not due:
        return 0
    answers = (
        Rsvp.objects.filter(counted_rsvps(), event_id__in=due)
        .filter(Q(status=RsvpStatus.GOING) | Q(status=RsvpStatus.MAYBE, member__isnull=False))
        .select_related("member")
    )
    planned = []
    for rsvp in one_answer_per_address(answers):
        event, offset = due[rsvp.event_id]
        if rsvp.created_at > event.starts_at - OFFSET_DURATIONS[offset]:
            continue  # answered after this reminder's time: their confirmation said it all
        if not _wants(rsvp, offset):
            continue
        planned.append(
            Planned(
                key=reminder_key(event, offset, rsvp),
                kind=NoticeKind.REMINDER,
                recipient_id=rsvp.member_id,
                rsvp_id=rsvp.pk,
                event_id=event.pk,
                context={"offset": offset, "starts_at": event.starts_at.isoformat()},
            )
        )
    return len(deliveries_plan(planned))
