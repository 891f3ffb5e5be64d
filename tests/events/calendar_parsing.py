"""Reading feeds back as a strict client would: icalendar's parser, and line-level checks."""

from icalendar import Calendar

LINE_OCTETS = 75


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
