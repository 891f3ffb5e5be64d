from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from events.feeds import ical


def unfold(folded: bytes) -> str:
    return folded.removesuffix(b"\r\n").replace(b"\r\n ", b"").decode()


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400))
def test_fold_keeps_lines_within_75_octets_and_whole_characters(text):
    folded = ical.fold("DESCRIPTION:" + text.replace("\r", "").replace("\n", ""))
    for line in folded.split(b"\r\n")[:-1]:
        assert len(line) <= 75
        line.decode()
    assert unfold(folded) == "DESCRIPTION:" + text.replace("\r", "").replace("\n", "")


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=300))
def test_escaped_text_reads_back_as_written(text):
    content = ical.component("VCALENDAR", [ical.component("VEVENT", [ical.text("SUMMARY", text)])])
    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["SUMMARY"]) == text


def test_fold_never_separates_a_backslash_from_what_it_escapes():
    for padding in range(60, 80):
        folded = ical.text("DESCRIPTION", "a" * padding + ",;\\" * 10)
        for line in folded.split(b"\r\n")[:-1]:
            trailing = len(line) - len(line.rstrip(b"\\"))
            assert trailing % 2 == 0, line


def test_text_drops_control_characters_and_escapes_newlines():
    assert ical.text("SUMMARY", "a\x00b\x07c\r\nd\te") == b"SUMMARY:abc\\nd\te\r\n"


def test_parameter_values_with_separators_are_quoted():
    assert ical.prop("X-A", "v", tzid='Odd:Zone;"x"') == b'X-A;TZID="Odd:Zone;x":v\r\n'
