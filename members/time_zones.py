"""Time zone choices as a reader recognises them: by place, in their language, usual ones first.

A zone field lists the zones IANA offers people to choose from (`zone.tab`: one per place, so
Asia/Kolkata without its old spelling Asia/Calcutta or a US/Eastern beside America/New_York),
and UTC. Each shows its CLDR city and today's offset, "طهران (غرينتش‎+٠٣:٣٠)"; the IANA id
is only the submitted value. Labels are built once per language, digits and hour, not per request.
"""

import zoneinfo
from datetime import UTC, datetime
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils.translation import get_language, gettext, pgettext, to_locale

from members.calendars import format_time_zone_name
from members.digits import digits_for, localise_digits
from members.validators import time_zone_names

# Where most members live and meet, in this order; every other zone follows by its offset.
POPULAR_TIME_ZONES = (
    "Asia/Damascus",
    "Asia/Tehran",
    "Asia/Baghdad",
    "Asia/Beirut",
    "Europe/Istanbul",
    "Europe/Berlin",
    "Europe/Stockholm",
    "Europe/London",
    "America/Toronto",
)
FALLBACK_TIME_ZONE = "UTC"
# The short list's last entry (time_zone_choices): not a zone, a request for the whole list.
SHOW_ALL = "all"
# Keeps the sign before the digits in right-to-left text, as CLDR's Arabic and Persian hour
# formats do ("‎+HH:mm").
_LEFT_TO_RIGHT_MARK = "\u200e"

Choices = tuple[tuple[str, str], ...]


def default_time_zone() -> str:
    """The site's zone (settings.TIME_ZONE) for a field with no member's zone to start from."""
    return settings.TIME_ZONE if settings.TIME_ZONE in time_zone_names() else FALLBACK_TIME_ZONE


def _zone_tab_lines() -> list[str]:
    # The copy zoneinfo itself reads first (the system's), else the tzdata package's.
    for directory in zoneinfo.TZPATH:
        try:
            return (Path(directory) / "zone.tab").read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
    try:
        return resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text().splitlines()
    except (ModuleNotFoundError, OSError):
        return []


@cache
def selectable_time_zones() -> frozenset[str]:
    """The zones a list offers: zone.tab's (column 3) and UTC, where zoneinfo knows them.

    Every other known zone stays valid (members.validators); it is only not listed twice.
    Without a zone.tab anywhere, every known zone is listed.
    """
    listed = {
        line.split("\t")[2]
        for line in _zone_tab_lines()
        if line and not line.startswith("#") and line.count("\t") >= 2
    }
    known = set(time_zone_names())
    return frozenset((listed | {FALLBACK_TIME_ZONE}) & known) if listed else frozenset(known)


def _babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _offset_minutes(zone: str, moment: datetime) -> int:
    return int(moment.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset().total_seconds()) // 60


def _gmt_offset(minutes: int, locale: Locale, digits: str) -> str:
    # Written out rather than with Babel's get_timezone_gmt, which shows −03:30 as "-04:30".
    hours, rest = divmod(abs(minutes), 60)
    signed = f"{'-' if minutes < 0 else '+'}{hours:02d}:{rest:02d}"
    if locale.text_direction == "rtl":
        signed = _LEFT_TO_RIGHT_MARK + signed
    return localise_digits(locale.zone_formats["gmt"] % signed, digits)


def time_zone_label(zone: str, language: str, digits: str, moment: datetime) -> str:
    """ "Tehran (GMT+03:30)": the CLDR city in `language` and the offset at `moment`, joined by
    CLDR's fallback format, the offset in `digits` (an effective digit style).

    The city alone, without "Time"/"توقيت"/"وقت" around it: a time zone list repeats that word
    some 420 times, which costs a member on a slow network more than it tells them (issue 16's
    page weight budget)."""
    locale = _babel_locale(language)
    offset = _gmt_offset(_offset_minutes(zone, moment), locale, digits)
    name = format_time_zone_name(zone, language, city_only=True)
    return locale.zone_formats["fallback"] % {"0": offset, "1": name}


@lru_cache(maxsize=32)
def _labelled_zones(language: str, digits: str, hour: datetime) -> tuple[Choices, Choices]:
    popular = tuple(
        (zone, time_zone_label(zone, language, digits, hour))
        for zone in POPULAR_TIME_ZONES
        if zone in selectable_time_zones()
    )
    others = sorted(
        (_offset_minutes(zone, hour), time_zone_label(zone, language, digits, hour), zone)
        for zone in selectable_time_zones() - set(POPULAR_TIME_ZONES)
    )
    return popular, tuple((zone, label) for _offset, label, zone in others)


def time_zone_choices(
    *, digit_style: str = "", current: str = "", full: bool = True
) -> list[tuple[str, list[tuple[str, str]]]]:
    """A zone field's choices in the active language: `[(group label, [(IANA id, label)])]`,
    "Most used" (POPULAR_TIME_ZONES) then "All time zones" by offset, then name.

    `digit_style` is the reader's choice (members.digits.digits_for). `current`, the field's
    value, is listed even where zone.tab leaves it out (US/Eastern kept in an old profile), so
    that no other zone shows as chosen. Offsets are this hour's, so labels follow daylight
    saving; they are cached per language, digits and hour.

    Without `full`, "All time zones" holds one entry, SHOW_ALL ("Another time zone…"), and
    `current` heads "Most used" when it is not one of them: some 420 zones cost a page about
    7 KB compressed, half its weight budget (issue 16), for the few members who live elsewhere.
    Choosing SHOW_ALL and sending the form brings it back with every zone (members.forms).
    """
    language = get_language() or settings.LANGUAGE_CODE
    digits = digits_for(language, digit_style)
    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    popular, others = _labelled_zones(language, digits, hour)
    current_entry = (
        ((current, time_zone_label(current, language, digits, hour)),)
        if current in time_zone_names()
        else ()
    )
    if not full:
        listed = popular if current in POPULAR_TIME_ZONES else (*current_entry, *popular)
        return [
            (pgettext("time zones", "Most used"), list(listed)),
            (gettext("All time zones"), [(SHOW_ALL, gettext("Another time zone…"))]),
        ]
    if current not in selectable_time_zones():
        others = (*current_entry, *others)
    return [
        (pgettext("time zones", "Most used"), list(popular)),
        (gettext("All time zones"), list(others)),
    ]
