from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.lists import format_list
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.errors import EventChangeRefused
from events.models import Event, Session
from events.services.fields import apply_fields, set_many_to_many
from members.calendars import format_date
from members.digits import digits_for, localise_digits
from members.models import User

# What <bdi> is in plain text (Unicode TR9): a title keeps its own direction inside a sentence.
ISOLATE, END_ISOLATE = "\u2068", "\u2069"


@transaction.atomic
def session_save(*, event: Event, session: Session | None, fields: dict[str, Any]) -> Session:
    """Add or change a session. Raises EventChangeRefused (code "session_outside") unless it
    lies within the event, checked under the event's row lock that event edits also take."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    session = session or Session(event=locked)
    many_to_many = apply_fields(session, fields)
    session.full_clean()
    if session.starts_at < locked.starts_at or session.ends_at > locked.ends_at:
        raise EventChangeRefused(
            _("A session must lie within the event's own times."), code="session_outside"
        )
    session.save()
    set_many_to_many(session, many_to_many)
    _programme_changed(locked)
    return session


@transaction.atomic
def session_delete(*, session: Session) -> None:
    event = session.event
    session.delete()
    _programme_changed(event)


def _programme_changed(event: Event) -> None:
    # Calendar clients see the programme through the event: its revision rises with it.
    Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1, updated_at=timezone.now())


def _same_wall_clock(value: datetime, old: tuple[ZoneInfo, date], new: tuple[ZoneInfo, date]):
    (old_zone, old_day), (new_zone, new_day) = old, new
    local = value.astimezone(old_zone)
    day = new_day + (local.date() - old_day)
    return datetime.combine(day, local.time(), tzinfo=new_zone)


def sessions_follow_event(
    *, event: Event, old_starts_at: datetime, old_time_zone: str, reader: User | None
) -> None:
    """Keep the programme where it stood on the event's own calendar after its times or zone
    change: each session keeps its wall-clock times in the event's zone and its day counted from
    the event's local start date. So a zone change keeps 16:00–18:00 at 16:00–18:00 in the new
    zone; moving the event a day later moves every session a day; a new start hour on the same
    day moves none. `event` holds the new values, unsaved; the caller holds its row lock.

    Raises EventChangeRefused (code "sessions_outside") naming every session that would then
    lie outside the event — title, date and times in the active language and the reader's
    digits, in the event's zone — and changes nothing; otherwise saves the sessions moved.
    """
    old = (ZoneInfo(old_time_zone), old_starts_at.astimezone(ZoneInfo(old_time_zone)).date())
    zone = ZoneInfo(event.time_zone)
    new = (zone, event.starts_at.astimezone(zone).date())
    moved, outside = [], []
    for session in event.sessions.all():
        starts = _same_wall_clock(session.starts_at, old, new)
        ends = _same_wall_clock(session.ends_at, old, new)
        if not event.starts_at <= starts < ends <= event.ends_at:
            outside.append((session, starts, ends))
        elif (starts, ends) != (session.starts_at, session.ends_at):
            session.starts_at, session.ends_at = starts, ends
            moved.append(session)
    if outside:
        language = get_language() or "en"
        style = getattr(reader, "digit_style", "")
        with timezone.override(zone):
            listed = [_describe(*item, language, style) for item in outside]
        raise EventChangeRefused(
            _(
                "These sessions would fall outside the event's new times: %(sessions)s. "
                "Move or remove them in the programme first, or choose times that include them."
            )
            % {"sessions": format_list(listed, locale=language)},
            code="sessions_outside",
        )
    Session.objects.bulk_update(moved, ["starts_at", "ends_at"])


def _describe(session: Session, starts: datetime, ends: datetime, language: str, style: str):
    # "Closing debate (3 Jun 2030, 16:00–18:00)", with the end's date only when it differs.
    start_text = format_date(starts, language, style, with_time=True)
    if timezone.localtime(starts).date() == timezone.localtime(ends).date():
        local_end = timezone.localtime(ends)
        end_text = localise_digits(f"{local_end:%H:%M}", digits_for(language, style))
    else:
        end_text = format_date(ends, language, style, with_time=True)
    return f"{ISOLATE}{session}{END_ISOLATE} ({start_text}–{end_text})"
