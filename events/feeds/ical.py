"""Writing iCalendar (RFC 5545) content lines.

VEVENTs are written here, property by property, rather than through icalendar's component
objects: a feed has a fixed, small set of properties, and icalendar's generic machinery needs
about 1.6 s just to serialise 5,000 events already built (bench/feeds.py), more than this
whole module needs to write them. icalendar still does what is hard to get right: the VTIMEZONE
components, generated from the IANA database; and every test parses the feeds back with it.
"""

import re
import zoneinfo
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from pathlib import Path

from icalendar import Timezone

CRLF = b"\r\n"
LINE_OCTETS = 75

# TEXT may not hold control characters other than HTAB (RFC 5545, 3.3.11); newlines are escaped.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PARAMETER_UNSAFE = re.compile(r'[\x00-\x1f\x7f"]')


def escape_text(value: str) -> str:
    value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> bytes:
    """One content line, folded so that no physical line passes 75 octets (the CRLF aside).

    Cuts fall between UTF-8 characters, never inside one, and never between a backslash and the
    character it escapes, which some clients would misread.
    """
    data = line.encode()
    if len(data) <= LINE_OCTETS:
        return data + CRLF
    parts = []
    start, room = 0, LINE_OCTETS
    while len(data) - start > room:
        cut = start + room
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: step back to its start
            cut -= 1
        backslashes = len(data[start:cut]) - len(data[start:cut].rstrip(b"\\"))
        if backslashes % 2 and cut - 1 > start:  # keep an escape and its character together
            cut -= 1
        parts.append(data[start:cut])
        start, room = cut, LINE_OCTETS - 1  # continuation lines begin with one space
    parts.append(data[start:])
    return b"\r\n ".join(parts) + CRLF


def _parameter(value: str) -> str:
    value = _PARAMETER_UNSAFE.sub("", value)
    return f'"{value}"' if any(char in value for char in ":;,") else value


def prop(name: str, value: str, /, **parameters: str) -> bytes:
    """A property whose value is already in iCalendar form (escaped text, a date-time, a URI)."""
    params = "".join(
        f";{key.replace('_', '-').upper()}={_parameter(str(param))}"
        for key, param in parameters.items()
        if param
    )
    return fold(f"{name}{params}:{value}")


def text(name: str, value: str, /, **parameters: str) -> bytes:
    return prop(name, escape_text(value), **parameters)


def uri(name: str, value: str, /, **parameters: str) -> bytes:
    return prop(name, _CONTROL.sub("", value).replace("\n", ""), **parameters)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@cache
def zone(name: str) -> zoneinfo.ZoneInfo | None:
    """The IANA zone, or None for UTC and for names the database does not know."""
    if not name or name in ("UTC", "Etc/UTC"):
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def zoned_time(name: str, moment: datetime, zone_name: str) -> bytes:
    """DTSTART/DTEND as local time with TZID (a VTIMEZONE must follow), else in UTC."""
    local_zone = zone(zone_name)
    if local_zone is None:
        return prop(name, utc_stamp(moment))
    local = moment.astimezone(local_zone).strftime("%Y%m%dT%H%M%S")
    return prop(name, local, tzid=zone_name)


@cache
def zone_database_version() -> str:
    """The IANA release zoneinfo reads: the system's copy when there is one, else tzdata's."""
    for directory in zoneinfo.TZPATH:
        try:
            with (Path(directory) / "tzdata.zi").open(encoding="ascii") as database:
                first_line = database.readline()
        except OSError:
            continue
        return first_line.removeprefix("# version").strip()
    try:
        import tzdata  # zoneinfo's fallback, present only where the system has no database
    except ImportError:
        return "unknown"
    return tzdata.IANA_VERSION


@lru_cache(maxsize=512)
def vtimezone(zone_name: str, first_year: int, last_year: int) -> bytes:
    """VTIMEZONE for `zone_name`, with every offset change from `first_year` to `last_year`
    (Tehran's daylight saving until 2022 included, for events of those years)."""
    component = Timezone.from_tzid(
        zone_name, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
    )
    return component.to_ical()


def component(name: str, lines: list[bytes]) -> bytes:
    return b"".join([f"BEGIN:{name}".encode(), CRLF, *lines, f"END:{name}".encode(), CRLF])
