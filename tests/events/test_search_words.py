"""Search words with characters that draw nothing: a pasted zero-width space, direction mark or
BOM must not hide a title (members.validators.SEARCH_IGNORED, members/text.py)."""

import pytest

from events.forms.filters import EventFilterForm
from members.validators import search_words
from tests.factories import EventFactory, RsvpFactory

pytestmark = pytest.mark.django_db

INVISIBLE = [
    "\u200b",  # zero-width space
    "\u2060",  # word joiner
    "\ufeff",  # BOM / zero-width no-break space
    "\u200f",  # right-to-left mark
    "\u200e",  # left-to-right mark
    "\u061c",  # Arabic letter mark
    "\u2067",  # right-to-left isolate
    "\u2069",  # pop directional isolate
    "\u202b",  # right-to-left embedding
    "\u00ad",  # soft hyphen
    "\u200c",  # zero-width non-joiner, written in Persian words or not
]


@pytest.mark.parametrize("mark", INVISIBLE)
def test_a_search_with_an_invisible_character_finds_the_event(client, mark):
    EventFactory(title_fa="تجاوز به حقوق کارگران", title_en="Labour rights")
    html = client.get("/fa/events/", {"q": f"{mark}تجا{mark}وز{mark}"}).content.decode()
    assert "تجاوز به حقوق کارگران" in html


def test_a_title_stored_with_invisible_characters_is_found_by_plain_words(client):
    EventFactory(title_fa="تجا\u200bوز\u200f به حقوق", title_en="Stored oddly")
    html = client.get("/fa/events/", {"q": "تجاوز"}).content.decode()
    assert "تجا\u200bوز\u200f به حقوق" in html


def test_zwnj_and_its_absence_match_each_other_both_ways(client):
    EventFactory(title_fa="می\u200cروم", title_en="With ZWNJ")
    EventFactory(title_fa="میخواهم", title_en="Without ZWNJ")
    with_zwnj = client.get("/fa/events/", {"q": "میروم"}).content.decode()
    without = client.get("/fa/events/", {"q": "می\u200cخواهم"}).content.decode()
    assert "می\u200cروم" in with_zwnj
    assert "میخواهم" in without


def test_search_words_keep_the_words_and_drop_what_draws_nothing():
    assert search_words("\u200b  تجاوز\u200b \u2067به\u2069\ufeff ") == "تجاوز به"
    assert search_words("\u200b\u200f") == ""


def test_the_cleaned_query_is_what_links_carry():
    form = EventFilterForm({"q": "\u200bتجاوز\u00ad"})
    assert form.is_valid()
    assert form.chosen_query() == {"q": "تجاوز"}


def test_an_only_invisible_query_searches_nothing_in_particular(client):
    EventFactory(title_en="Anything")
    html = client.get("/en/events/", {"q": "\u200b\u200f"}).content.decode()
    assert "Anything" in html


def test_checkin_search_ignores_invisible_characters(event, organizer_client):
    RsvpFactory(event=event, member__display_name="Shirin Ebadi")
    response = organizer_client.post(f"/en/events/{event.pk}/check-in/", {"q": "Shi\u200brin"})
    assert response.status_code == 200
    assert "Shirin Ebadi" in response.content.decode()
