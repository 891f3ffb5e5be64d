"""Dates, times and time-zone names as each of our three languages reads them.

Persian readers plan in the Solar Hijri (Jalali) calendar, but the alliance's dates are agreed in
Gregorian ones, so Persian shows both side by side; Arabic and English show the Gregorian date
with month names in their own language. Month names come from Babel (CLDR), not from our
catalogues, so there is nothing here to translate.
"""

from datetime import date, datetime
from functools import cache

import jdatetime
from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel.core import get_global
from django.utils import timezone
from django.utils.translation import to_locale

from members.digits import digits_for, localise_digits
from members.enums import Language
from members.validators import time_zone_names

# English readers are used to the abbreviated month; in Arabic and Persian the abbreviated and
# full month names are the same words.
_DATE_PATTERNS = {Language.ENGLISH.value: "d MMM y"}
_FULL_MONTH_PATTERN = "d MMMM y"
_BOTH_CALENDARS = "{jalali} — {gregorian}"


def _primary_language(language: str) -> str:
    return (language or "").replace("_", "-").split("-")[0].lower()


def _babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(to_locale(language or Language.ENGLISH.value))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(Language.ENGLISH.value)


def _jalali(value: date) -> str:
    # Built by hand rather than with jdatetime's strftime, whose output follows its own locale.
    day = jdatetime.date.fromgregorian(date=value)
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}"


def format_date(
    value: date | datetime, language: str, style: str, *, with_time: bool = False
) -> str:
    """A date (and with `with_time`, its HH:mm) as a reader of `language` expects it.

    Aware datetimes are shown in the current Django time zone, which the middleware (or a
    task's `timezone.override`) sets to the reader's. `style` is the member's digit choice; an
    empty one means their language's usual digits. A plain date has no time to append.
    """
    language = language or Language.ENGLISH.value
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    day = value.date() if isinstance(value, datetime) else value
    locale = _babel_locale(language)
    primary = _primary_language(language)
    pattern = _DATE_PATTERNS.get(primary, _FULL_MONTH_PATTERN)
    text = babel_dates.format_date(day, pattern, locale=locale)
    if primary == Language.PERSIAN:
        text = _BOTH_CALENDARS.format(jalali=_jalali(day), gregorian=text)
    if with_time and isinstance(value, datetime):
        # CLDR's glue between date and time: "{1}, {0}" in English, "{1}، ساعت {0}" in Persian.
        glue = str(locale.datetime_formats["long"])
        text = glue.replace("{1}", text).replace("{0}", f"{value.hour:02d}:{value.minute:02d}")
    return localise_digits(text, digits_for(language, style))


@cache
def _zone_ids_by_canonical() -> dict[str, tuple[str, ...]]:
    # CLDR keys its city names by older zone ids (Asia/Calcutta, Europe/Kiev) while tzdata offers
    # the newer ones too (Asia/Kolkata, Europe/Kyiv), so a lookup tries every alias of a zone.
    groups: dict[str, list[str]] = {}
    for alias, canonical in get_global("zone_aliases").items():
        groups.setdefault(canonical, [canonical]).append(alias)
    return {canonical: tuple(ids) for canonical, ids in groups.items()}


def _zone_ids(zone: str) -> tuple[str, ...]:
    canonical = get_global("zone_aliases").get(zone, zone)
    return (zone, *_zone_ids_by_canonical().get(canonical, (canonical,)))


def format_time_zone_name(zone: str, language: str, *, city_only: bool = False) -> str:
    """A zone's name by its city, in the reader's language ("Tehran Time", "توقيت طهران").

    `city_only` leaves out CLDR's region format around the city ("Tehran", "طهران"), for a
    list whose every entry is a time zone anyway (members.time_zones).

    The city reads better than Babel's country form ("Iran Time") because members chose their
    zone by city. Zones without a city (UTC) use CLDR's long name; where CLDR has no name in the
    language at all the IANA name is shown rather than an English word in an Arabic sentence.
    English city names are CLDR's own default: the zone id's last part.
    """
    locale = _babel_locale(language)
    zone_names = [locale.time_zones.get(zone_id, {}) for zone_id in _zone_ids(zone)]
    for names in zone_names:
        if "city" in names:
            return names["city"] if city_only else locale.zone_formats["region"] % names["city"]
    for names in zone_names:
        standard = names.get("long", {}).get("standard")
        if standard:
            return standard
    if locale.language == Language.ENGLISH and _is_city_zone(zone):
        city = zone.rsplit("/", 1)[1].replace("_", " ")
        return city if city_only else locale.zone_formats["region"] % city
    return zone


def _is_city_zone(zone: str) -> bool:
    # "Etc/GMT+3" names an offset (and with the sign reversed), not a place.
    return "/" in zone and not zone.startswith("Etc/") and zone in time_zone_names()


def format_month(first: date, language: str, style: str) -> str:
    """A month's heading: "November 2026", "نوفمبر ٢٠٢٦"; in Persian with the Solar Hijri
    months it overlaps first ("آبان – آذر ۱۴۰۵ — نوامبر ۲۰۲۶")."""
    language = language or Language.ENGLISH.value
    text = babel_dates.format_date(first, "LLLL y", locale=_babel_locale(language))
    if _primary_language(language) == Language.PERSIAN:
        start = jdatetime.date.fromgregorian(date=first)
        end = jdatetime.date.fromgregorian(date=_month_end(first))
        names = jdatetime.date.j_months_fa
        if start.year == end.year:
            jalali = f"{names[start.month - 1]} – {names[end.month - 1]} {end.year}"
        else:
            jalali = f"{names[start.month - 1]} {start.year} – {names[end.month - 1]} {end.year}"
        text = _BOTH_CALENDARS.format(jalali=jalali, gregorian=text)
    return localise_digits(text, digits_for(language, style))


def _month_end(first: date) -> date:
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def weekday_name(weekday: int, language: str) -> str:
    """The short name of a weekday (0 = Monday) in the reader's language."""
    days = _babel_locale(language or Language.ENGLISH.value).days["stand-alone"]["abbreviated"]
    return days[weekday]


def jalali_day_label(value: date, language: str, style: str) -> str:
    """For Persian readers, the Solar Hijri day beside a Gregorian day; "" for other readers.
    The month is named on its first day, so a grid shows where Solar Hijri months turn."""
    if _primary_language(language or "") != Language.PERSIAN:
        return ""
    day = jdatetime.date.fromgregorian(date=value)
    text = str(day.day)
    if day.day == 1:
        text = f"{day.day} {jdatetime.date.j_months_fa[day.month - 1]}"
    return localise_digits(text, digits_for(language, style))
