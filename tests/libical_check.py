#!/usr/bin/python3
"""Read calendars as libical does, for the tests (tests/events/calendar_parsing.py runs this).

Run by Debian's /usr/bin/python3, not the project's virtualenv: libical reaches Python through
GObject introspection (Debian's gir1.2-ical-3.0 and python3-gi), and PyGObject for the
virtualenv would have to be compiled against development headers. scripts/ensure_packages.py
installs both packages for `make test`.

Input on stdin: a JSON list of calendars (text). Output on stdout: a JSON list, one object per
calendar, in the same order:
- "errors": the X-LIC-ERROR messages libical's parser and its restriction check (RFC 5545 and,
  under a METHOD, the iTIP table of RFC 5546) write into the calendar; none when it is valid;
- "times": for each VEVENT's UID, its DTSTART and DTEND in UTC ("YYYYMMDDTHHMMSSZ") as libical
  reckons them from the calendar's own VTIMEZONEs, not from a zone database of its own.
"""

import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402 — after require_version, as GObject asks

ERROR_PREFIX = "X-LIC-ERROR"


def _utc(moment) -> str:
    """A DATE-TIME from the calendar, converted to UTC through the VTIMEZONE it refers to."""
    zone = moment.get_timezone()
    converted = moment.clone()
    if zone is not None:
        ICalGLib.Time.convert_timezone(converted, zone, ICalGLib.Timezone.get_utc_timezone())
    return converted.as_ical_string().removesuffix("Z") + "Z"


def check(text: str) -> dict:
    calendar = ICalGLib.Component.new_from_string(text)
    if calendar is None:
        return {"errors": ["libical could not parse the calendar"], "times": {}}
    ICalGLib.restriction_check(calendar)
    unfolded = calendar.as_ical_string().replace("\r\n ", "").replace("\n ", "")
    errors = [line.strip() for line in unfolded.splitlines() if line.startswith(ERROR_PREFIX)]
    times = {}
    kind = ICalGLib.ComponentKind.VEVENT_COMPONENT
    event = calendar.get_first_component(kind)
    while event is not None:
        times[event.get_uid()] = [_utc(event.get_dtstart()), _utc(event.get_dtend())]
        event = calendar.get_next_component(kind)
    return {"errors": errors, "times": times}


if __name__ == "__main__":
    json.dump([check(text) for text in json.load(sys.stdin)], sys.stdout)
