"""«Also written in: English» links to the event's words in that language."""

import re

import pytest
from django.test import Client

from tests.factories import ApprovedMemberFactory, EventFactory

pytestmark = pytest.mark.django_db


def _event():
    return EventFactory(
        title_ar="لقاء التضامن",
        title_en="Solidarity meeting",
        description_ar="نلتقي",
        description_en="We meet in English.",
    )


def _also_written(html: str) -> str:
    return html.split("Also written in:", 1)[1].split("</p>", 1)[0]


def test_a_visitor_is_linked_to_the_page_under_the_other_prefix():
    event = _event()
    html = Client().get(f"/ar/events/{event.pk}/").content.decode()
    line = html.split("مكتوبة أيضًا", 1)[1].split("</p>", 1)[0]
    assert f'<a href="/en/events/{event.pk}/" lang="en" hreflang="en">English</a>' in line


def test_a_member_reads_the_other_text_without_leaving_their_language():
    event = _event()
    client = Client()
    client.force_login(ApprovedMemberFactory(preferred_language="en"))
    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert f'href="/en/events/{event.pk}/?text=ar"' in _also_written(page)
    shown = client.get(f"/en/events/{event.pk}/?text=ar")
    assert shown.status_code == 200
    html = shown.content.decode()
    assert re.search(r'<h1[^>]*lang="ar"[^>]*>لقاء التضامن</h1>', html)
    assert "نلتقي" in html
    assert "We meet in English." not in html
    # The page around the text stays in English, and links back to the English text.
    assert '<html lang="en"' in html
    assert f'<a href="/en/events/{event.pk}/" lang="en" hreflang="en">English</a>' in (
        _also_written(html)
    )


def test_an_unknown_text_language_is_ignored():
    event = _event()
    client = Client()
    client.force_login(ApprovedMemberFactory(preferred_language="en"))
    html = client.get(f"/en/events/{event.pk}/?text=fa").content.decode()
    assert "We meet in English." in html
