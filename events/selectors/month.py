"""A month of events laid out as weeks, in the viewer's time zone and week.

A visitor's zone is unknown: each event then shows on the day and at the hour of its own zone,
as its page and the lists show it to a visitor (events.templatetags.event_tags.event_when), and
the page names that zone.

The week starts where the reader's language is mostly spoken (Saturday in Iran and in most of
the Arab world, Sunday in the United States) — CLDR's data through Babel, not our guess. An
event that runs over several days shows on each of them.
"""

import calendar
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from events.models import Event
from events.selectors.events import visible_events

# A day cell lists this many events; the rest fold away behind "N more", as calendars do.
SHOWN_PER_DAY = 4


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    events: list[Event] = field(default_factory=list)

    shown_count = SHOWN_PER_DAY

    @property
    def folded_count(self) -> int:
        return max(len(self.events) - SHOWN_PER_DAY, 0)


@dataclass(frozen=True)
class MonthGrid:
    first: date
    weeks: list[list[Day]]
    weekdays: list[int]  # 0 = Monday, in the order the columns show them
    previous: date
    next: date
    # The zones the times are shown in: the reader's one, or the events' own (a visitor's).
    zone_names: tuple[str, ...] = ()
    # A visitor's month mixing zones names each event's beside its time.
    names_each_zone: bool = False

    @property
    def agenda(self) -> list[Day]:
        """The month's own days that have events, in order: the calendar as a narrow screen
        shows it, where a seventh of the width is narrower than a word."""
        return [day for week in self.weeks for day in week if day.in_month and day.events]


def week_start(language: str) -> int:
    """The first day of the week (0 = Monday) where `language` is most likely read."""
    likely = get_global("likely_subtags").get(language, language)
    try:
        return Locale.parse(likely).first_week_day
    except (UnknownLocaleError, ValueError):
        return 0


def month_start(value: date) -> date:
    return value.replace(day=1)


def _shift(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# The furthest any zone is from UTC (Kiribati, +14:00): how far past the grid's edges a visitor's
# query looks, before each event is placed by its own zone.
ZONE_REACH = timedelta(hours=14)


def _event_zone(name: str) -> tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def month_grid(*, user, first: date, zone: tzinfo | None, language: str, today: date) -> MonthGrid:
    """`zone` is the reader's; None for a visitor, whose events each keep their own zone."""
    start_weekday = week_start(language)
    lead = (first.weekday() - start_weekday) % 7
    grid_start = first - timedelta(days=lead)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    trail = (start_weekday + 6 - last.weekday()) % 7
    grid_end = last + timedelta(days=trail + 1)  # exclusive

    def moment(day: date) -> datetime:
        return datetime.combine(day, time.min, tzinfo=zone or zoneinfo.ZoneInfo("UTC"))

    reach = timedelta(0) if zone is not None else ZONE_REACH

    days = [
        Day(date=day, in_month=day.month == first.month, is_today=day == today)
        for day in (grid_start + timedelta(days=n) for n in range((grid_end - grid_start).days))
    ]
    events = (
        visible_events(user)
        .filter(starts_at__lt=moment(grid_end) + reach, ends_at__gt=moment(grid_start) - reach)
        .order_by("starts_at", "pk")
    )
    zone_names = set()
    for event in events:
        shown_zone = zone or _event_zone(event.time_zone)
        local_start = event.starts_at.astimezone(shown_zone)
        starts = local_start.date()
        # An event ending at midnight belongs to the day before.
        ends = max(
            starts, (event.ends_at.astimezone(shown_zone) - timedelta(microseconds=1)).date()
        )
        if ends < grid_start or starts >= grid_end:
            continue
        event.starts_on = starts  # the grid shows the start time on that day only
        event.start_time = local_start.time()  # a naive time: no template converts it again
        zone_names.add(str(shown_zone))
        for offset in range((starts - grid_start).days, (ends - grid_start).days + 1):
            if 0 <= offset < len(days):
                days[offset].events.append(event)
    return MonthGrid(
        first=first,
        weeks=[days[n : n + 7] for n in range(0, len(days), 7)],
        weekdays=[(start_weekday + n) % 7 for n in range(7)],
        previous=_shift(first, -1),
        next=_shift(first, 1),
        zone_names=tuple(sorted(zone_names)) if zone is None else (str(zone),),
        names_each_zone=zone is None and len(zone_names) > 1,
    )
