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
from members.validators import visible_or_empty

# A change to any of these moves the event in calendars: SEQUENCE rises, attendees are told.
SCHEDULE_FIELDS = {
    "starts_at", "ends_at", "time_zone", "modality", "venue", "city", "country",
    "meeting_link", "status",
}  # fmt: skip
RECORDED_FIELDS = SCHEDULE_FIELDS | {
    "capacity", "rsvp_deadline", "visibility", "title_ar", "title_fa", "title_en",
}  # fmt: skip


def organizer_message(message: str) -> str:
    """The organizers' words as attendees read them: trimmed, "" when they show nothing."""
    text = message.replace("\r\n", "\n").strip()
    return text if visible_or_empty(text) else ""


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value


def _record(
    event: Event, kind: str, changes: dict, editor: User | None, message: str
) -> EventChange:
    change = EventChange.objects.create(
        event=event,
        kind=kind,
        changes=changes,
        changed_by=editor,
        had_attendees=has_attendees(event),
    )
    transaction.on_commit(
        lambda: event_changed.send(sender=Event, change_id=change.pk, message=message)
    )
    return change


def _cohost_slugs(event: Event) -> list[str]:
    return sorted(event.cohost_groups.values_list("slug", flat=True))


@transaction.atomic
def event_update(
    *, event: Event, editor: User | None, fields: dict[str, Any], message: str = ""
) -> Event:
    """Edit an event under a row lock.

    Capacity may not fall below the number going (refused with a message saying so); a larger
    capacity promotes from the waitlist at once. A change of time, place or status raises the
    calendar SEQUENCE, and every recorded change is logged for the notifications. A change of
    times or zone takes the programme along (`sessions_follow_event`), or is refused naming the
    sessions it would leave outside; answers may not close after the new end. `message`, the
    organizers' words to the attendees, goes into their notices (see `organizer_message`).
    """
    locked = Event.objects.select_for_update().get(pk=event.pk)
    before = {name: getattr(locked, name) for name in RECORDED_FIELDS}
    many_to_many = apply_fields(locked, fields)
    cohosts_before = _cohost_slugs(locked) if "cohost_groups" in many_to_many else None
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
    if cohosts_before is not None and _cohost_slugs(locked) != cohosts_before:
        changes["cohost_groups"] = [cohosts_before, _cohost_slugs(locked)]
    if changes:
        kind = {
            EventStatus.CANCELLED: ChangeKind.CANCELLED,
            EventStatus.POSTPONED: ChangeKind.POSTPONED,
        }.get(locked.status, ChangeKind.EDITED)
        if "status" in changes and locked.status == EventStatus.SCHEDULED:
            kind = ChangeKind.RESCHEDULED
        _record(locked, kind, changes, editor, organizer_message(message))
    if "capacity" in changes:
        waitlist_fill(event=locked)
    return locked


def event_status_refusal(event: Event, status: str) -> EventChangeRefused | None:
    """Why `event` cannot be given `status`, or None: it has it already. The confirmation
    pages ask this first, so that none offers a change that would not happen."""
    if event.status != status:
        return None
    already = {
        EventStatus.CANCELLED: _("This event is already cancelled."),
        EventStatus.POSTPONED: _("This event is already postponed."),
        EventStatus.SCHEDULED: _("This event is already scheduled."),
    }[status]
    return EventChangeRefused(already, code="already")


@transaction.atomic
def _event_set_status(*, event: Event, editor: User, status: str, message: str = "") -> Event:
    # Checked on the locked row: two organizers pressing "cancel" at once get one change and
    # one refusal, not two successes.
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if refusal := event_status_refusal(locked, status):
        raise refusal
    return event_update(event=locked, editor=editor, fields={"status": status}, message=message)


def event_cancel(*, event: Event, editor: User, message: str = "") -> Event:
    """Cancel: the event stays visible (and in calendars, as CANCELLED) with its answers kept.
    Everyone who answered is told, with `message` (the organizers' words) in their notice."""
    return _event_set_status(
        event=event,
        editor=editor,
        status=EventStatus.CANCELLED,
        message=message,
    )


def event_postpone(*, event: Event, editor: User, message: str = "") -> Event:
    """Postpone until scheduled again; as `event_cancel`, everyone who answered is told."""
    return _event_set_status(
        event=event,
        editor=editor,
        status=EventStatus.POSTPONED,
        message=message,
    )


def event_reschedule(*, event: Event, editor: User) -> Event:
    return _event_set_status(
        event=event,
        editor=editor,
        status=EventStatus.SCHEDULED,
    )
