"""Numbered lists (an event's description in Markdown) count in the reader's digits."""

import pytest

from tests.browser.test_journeys import visit
from tests.factories import EventFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize(
    ("language", "marker_style"),
    [("fa", "persian"), ("ar", "arabic-indic"), ("en", "decimal")],
)
def test_an_ordered_list_is_numbered_in_the_languages_digits(new_page, language, marker_style):
    event = EventFactory(
        description_en="1. Arrive\n2. Register", description_fa="", description_ar=""
    )
    page = new_page(locale=language)
    visit(page, f"/{language}/events/{event.pk}/")
    ordered_list = page.locator(".event-description ol")
    assert ordered_list.evaluate("ol => getComputedStyle(ol).listStyleType") == marker_style
