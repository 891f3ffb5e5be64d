"""Reading feeds back as strict clients would: icalendar's parser, libical's restriction
check, and line-level checks."""

import json
import subprocess
from pathlib import Path

from icalendar import Calendar

LINE_OCTETS = 75
SYSTEM_PYTHON = "/usr/bin/python3"
LIBICAL_CHECK = Path(__file__).resolve().parent.parent / "libical_check.py"


def parse(response) -> Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def by_uid(calendar: Calendar) -> dict:
    return {str(event["UID"]): event for event in vevents(calendar)}


def physical_lines(content: bytes) -> list[bytes]:
    """Every line as sent, each checked to end in CRLF, decode as UTF-8 and fit 75 octets."""
    assert content.endswith(b"\r\n")
    lines = content.split(b"\r\n")[:-1]
    for line in lines:
        assert b"\n" not in line
        assert b"\r" not in line
        assert len(line) <= LINE_OCTETS, line
        line.decode("utf-8")  # raises if a fold split a character
    return lines


def libical(*contents: bytes) -> list[dict]:
    """Each calendar as libical reads it: {"errors": [...], "times": {uid: [start, end]}}
    (tests/libical_check.py says what they hold). One subprocess for all of them: libical is
    reached through Debian's python3-gi, which the virtualenv cannot import."""
    result = subprocess.run(  # noqa: S603 — a fixed interpreter and script of this repository
        [SYSTEM_PYTHON, str(LIBICAL_CHECK)],
        input=json.dumps([content.decode() for content in contents]),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, (
        "libical is needed to check calendars: run scripts/ensure_packages.py libical (as root) or "
        f"install Debian's gir1.2-ical-3.0 and python3-gi.\n{result.stderr}"
    )
    return json.loads(result.stdout)


def assert_valid(*contents: bytes) -> list[dict]:
    """Fails unless libical finds every calendar valid under RFC 5545 and, where it declares a
    METHOD, RFC 5546; returns libical's reading of each."""
    readings = libical(*contents)
    for content, reading in zip(contents, readings, strict=True):
        assert reading["errors"] == [], (reading["errors"], content.decode())
    return readings
