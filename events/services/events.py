from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from events.enums import ChangeKind, EventStatus
from events.errors import EventChangeRefused
from events.models import Event, EventChange
from events.selectors.rsvps import going_count, has_attendees
from events.services.fields import apply_fields, set_many_to_many
from events.services.sessions import sessions_follow_event
from events.services.waitlist import waitlist_fill
from events.signals import event_changed
from members.digits import local_digits
from members.models import User

# A change to any of these moves the event in calendars: SEQUENCE rises, attendees are told.
SCHEDULE_FIELDS = {
    "starts_at", "ends_at", "time_zone", "modality", "venue", "city", "country",
    "meeting_link", "status",
}  # fmt: skip
RECORDED_FIELDS = SCHEDULE_FIELDS | {
    "capacity", "rsvp_deadline", "visibility", "title_ar", "title_fa", "title_en",
}  # fmt: skip


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value


def _record(event: Event, kind: str, changes: dict, editor: User | None) -> EventChange:
    change = EventChange.objects.create(
        event=event,
        kind=kind,
        changes=changes,
        changed_by=editor,
        had_attendees=has_attendees(event),
    )
    transaction.on_commit(lambda: event_changed.send(sender=Event, change_id=change.pk))
    return change


@transaction.atomic
def event_update(*, event: Event, editor: User | None, fields: dict[str, Any]) -> Event:
    """Edit an event under a row lock.

    Capacity may not fall below the number going (refused with a message saying so); a larger
    capacity promotes from the waitlist at once. A change of time, place or status raises the
    calendar SEQUENCE, and every recorded change is logged for the notifications. A change of
    times or zone takes the programme along (`sessions_follow_event`), or is refused naming the
    sessions it would leave outside; answers may not close after the new end.
    """
    locked = Event.objects.select_for_update().get(pk=event.pk)
    before = {name: getattr(locked, name) for name in RECORDED_FIELDS}
    many_to_many = apply_fields(locked, fields)
    new_capacity = locked.capacity
    if new_capacity is not None and new_capacity != before["capacity"]:
        going = going_count(locked)
        if new_capacity < going:
            raise EventChangeRefused(
                local_digits(
                    _(
                        "The capacity cannot be lower than the %(going)d people already going. "
                        "Ask some of them to cancel first, or choose at least %(going)d."
                    )
                    % {"going": going}
                ),
                code="capacity_below_going",
            )
    if locked.rsvp_deadline and locked.rsvp_deadline > locked.ends_at:
        raise EventChangeRefused(
            _("Answers must close before the event ends."), code="deadline_after_end"
        )
    changes = {
        name: [_json_value(before[name]), _json_value(getattr(locked, name))]
        for name in RECORDED_FIELDS
        if before[name] != getattr(locked, name)
    }
    if {"starts_at", "ends_at", "time_zone"} & changes.keys():
        sessions_follow_event(
            event=locked,
            old_starts_at=before["starts_at"],
            old_time_zone=before["time_zone"],
            reader=editor,
        )
    if SCHEDULE_FIELDS & changes.keys():
        locked.sequence += 1
    locked.full_clean()
    locked.save()
    set_many_to_many(locked, many_to_many)
    if changes:
        kind = {
            EventStatus.CANCELLED: ChangeKind.CANCELLED,
            EventStatus.POSTPONED: ChangeKind.POSTPONED,
        }.get(locked.status, ChangeKind.EDITED)
        if "status" in changes and locked.status == EventStatus.SCHEDULED:
            kind = ChangeKind.RESCHEDULED
        _record(locked, kind, changes, editor)
    if "capacity" in changes:
        waitlist_fill(event=locked)
    return locked


@transaction.atomic
def _event_set_status(*, event: Event, editor: User, status: str, already: str) -> Event:
    # Checked on the locked row: two organizers pressing "cancel" at once get one change and
    # one refusal, not two successes.
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status == status:
        raise EventChangeRefused(already, code="already")
    return event_update(event=locked, editor=editor, fields={"status": status})


def event_cancel(*, event: Event, editor: User) -> Event:
    """Cancel: the event stays visible (and in calendars, as CANCELLED) with its answers kept."""
    return _event_set_status(
        event=event,
        editor=editor,
        status=EventStatus.CANCELLED,
        already=_("This event is already cancelled."),
    )


def event_postpone(*, event: Event, editor: User) -> Event:
    return _event_set_status(
        event=event,
        editor=editor,
        status=EventStatus.POSTPONED,
        already=_("This event is already postponed."),
    )


def event_reschedule(*, event: Event, editor: User) -> Event:
    return _event_set_status(
        event=event,
        editor=editor,
        status=EventStatus.SCHEDULED,
        already=_("This event is already scheduled."),
    )
