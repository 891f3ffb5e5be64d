"""Lists typed into one field split on the separators of every keyboard we serve: "," and ";" on
an English one, «،» (U+060C) and «؛» (U+061B) on an Arabic or Persian one."""

from datetime import timedelta

import pytest
from django.utils import translation

from events.forms.event import SessionForm
from events.models import Session
from events.templatetags.event_tags import joined, language_names
from members.lists import format_names, split_typed_list
from tests.events.calendar_parsing import by_uid, parse
from tests.factories import ApprovedMemberFactory, EventFactory


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("Shirin, Azad", ["Shirin", "Azad"]),
        ("شیرین، آزاد", ["شیرین", "آزاد"]),
        ("ليلى؛ كريم; Rojin", ["ليلى", "كريم", "Rojin"]),
        ("محمد‌رضا،Layla ,, ", ["محمد‌رضا", "Layla"]),
        ("", []),
    ],
)
def test_split_typed_list_accepts_latin_arabic_and_persian_separators(typed, names):
    assert split_typed_list(typed) == names


@pytest.mark.django_db
def test_session_form_stores_speakers_typed_with_persian_commas_one_by_one():
    event = EventFactory()
    data = {"title_en": "Opening", "starts_at": "", "ends_at": "", "language": "fa"}
    form = SessionForm(data=data | {"speaker_names": "شیرین، آزاد؛ Rojin"}, event=event)
    form.is_valid()
    assert form.cleaned_data["speaker_names"] == "شیرین, آزاد, Rojin"


def _session(event, speaker_names):
    return Session.objects.create(
        event=event,
        title_en="Panel",
        starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(minutes=45),
        language="fa",
        speaker_names=speaker_names,
    )


@pytest.mark.django_db
def test_calendar_feed_names_each_speaker_typed_with_an_arabic_comma(client):
    event = EventFactory(kind="conference")
    session = _session(event, "Rojin، Layla؛ Azad")  # stored before the form split on «،»
    response = client.get(f"/en/calendar/events/{event.pk}/event.ics?sessions=1&lang=en")
    description = str(by_uid(parse(response))[f"session-{session.pk}@tadamun"]["DESCRIPTION"])
    assert "Speakers: Rojin, Layla, and Azad" in description


@pytest.mark.django_db
def test_programme_joins_speakers_the_way_persian_joins_a_list(client):
    event = EventFactory(kind="conference")
    _session(event, "شیرین، آزاد, Rojin")
    html = client.get(f"/fa/events/{event.pk}/programme/").content.decode()
    assert "<bdi>شیرین،\u200f آزاد، و Rojin</bdi>" in html


@pytest.mark.parametrize(
    ("language", "names", "expected"),
    [
        ("ar", ["سارة", "علي"], "سارة وعلي"),
        ("ar", ["سارة", "John"], "سارة و John"),
        ("ar", ["John", "سارة", "Layla"], "John وسارة و Layla"),
        ("fa", ["شیرین", "John"], "شیرین و John"),
        ("en", ["Sara", "علي"], "Sara and علي"),
    ],
)
def test_arabic_and_stands_apart_from_a_name_in_another_script(language, names, expected):
    assert format_names(names, language) == expected


def test_language_names_do_not_glue_arabic_and_to_english():
    with translation.override("ar"):
        shown = language_names(["ar", "en"])
        speakers = joined(["ليلى", "Rojin"])
    assert shown == '<span lang="ar">العربيّة</span> و <span lang="en">English</span>'
    assert speakers == "ليلى و Rojin"


@pytest.mark.django_db
def test_programme_joins_member_and_typed_speakers_as_one_list(client):
    event = EventFactory(kind="conference")
    session = _session(event, "ضيف ١, Guest 2")
    session.speakers.add(ApprovedMemberFactory(display_name="ليلى"))

    html = client.get(f"/ar/events/{event.pk}/programme/").content.decode()

    assert "<bdi>ليلى وضيف ١ و Guest 2</bdi>" in html
