"""No dot-like separator beside a digit in Arabic or Persian: ٠ and ۰ are dots, so «٢ · ٣» reads
as «٢٠٣» (members/separators.py)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from events.models import Session
from members.separators import DOT_LIKE, item_separator, joined_items
from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    GroupFactory,
    OrganizerFactory,
    RsvpFactory,
)

DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
DOT_BESIDE_DIGIT = re.compile(
    rf"[{DOT_LIKE}](?:\s|<[^>]*>)*[{DIGIT}]|[{DIGIT}](?:\s|<[^>]*>)*[{DOT_LIKE}]"
)
SOURCE_DIRS = ("events", "members", "notifications", "templates", "config")
# The two pages drawn without the template tags (templates/500.html) spell the English one out.
SPELLED_OUT = {"templates/500.html", "templates/503.html", "members/separators.py"}


@pytest.fixture
def full_event(db):
    event = EventFactory(capacity=2, time_zone="Asia/Damascus", guest_registration=True)
    for _ in range(2):
        RsvpFactory(event=event)
    for _ in range(3):
        RsvpFactory(event=event, status="waitlisted", waitlisted_at=timezone.now())
    session = Session.objects.create(
        event=event,
        title_en="Opening",
        starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(hours=1),
        speaker_names="Nasrin 2",
    )
    session.speakers.add(ApprovedMemberFactory(display_name="Speaker 3"))
    GroupFactory()
    return event


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_no_page_puts_a_dot_beside_a_digit(full_event, language):
    organizer = OrganizerFactory(preferred_language=language)
    pages = [
        (None, f"/{language}/events/{full_event.pk}/"),
        (None, f"/{language}/events/{full_event.pk}/programme/"),
        (None, f"/{language}/events/"),
        (None, f"/{language}/events/month/?month={full_event.starts_at:%Y-%m}"),
        (None, f"/{language}/groups/"),
        (None, f"/embed/events/?lang={language}"),
        (organizer, f"/{language}/events/{full_event.pk}/"),
        (organizer, f"/{language}/events/{full_event.pk}/dashboard/"),
    ]
    for person, path in pages:
        client = Client()
        if person is not None:
            client.force_login(person)
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert not DOT_BESIDE_DIGIT.findall(html), path


def test_the_seats_line_uses_the_arabic_comma(full_event):
    html = Client().get(f"/ar/events/{full_event.pk}/").content.decode()
    assert "محجوز ٢ من ٢، ٣" in re.sub(r"\s+", " ", html)


def test_the_separator_follows_the_language():
    assert item_separator("ar") == "، "
    assert item_separator("fa") == "، "
    assert item_separator("en") == " · "
    with translation.override("fa"):
        assert joined_items("الف", 2) == "الف، 2"


def test_no_dot_like_separator_is_written_outside_members_separators():
    root = Path(settings.BASE_DIR)
    found = []
    for directory in SOURCE_DIRS:
        for path in (root / directory).rglob("*"):
            if path.suffix not in {".html", ".txt", ".py"} or "migrations" in path.parts:
                continue
            name = path.relative_to(root).as_posix()
            if name in SPELLED_OUT:
                continue
            if any(mark in path.read_text(encoding="utf-8") for mark in DOT_LIKE):
                found.append(name)
    assert found == []


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_no_translation_holds_a_dot_like_separator(language):
    catalogue = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    lines = catalogue.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if any(mark in line for mark in DOT_LIKE)] == []
