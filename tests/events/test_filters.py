"""The filters of every public list are one definition (events/forms/filters.py): the events
list, the Atom feed, the embeddable list, the public calendar feed and the API take the same
names with the same meaning, refuse the same unknown values, and links built from a page carry
all of its filters."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.events.calendar_parsing import parse, vevents
from tests.events.test_atom import titles as atom_titles
from tests.events.test_embed import titles as embed_titles
from tests.factories import EventFactory, GroupFactory, TopicFactory

pytestmark = pytest.mark.django_db

WANTED = "Wanted event"


def listed_titles(client, query: dict) -> dict[str, set[str]]:
    """What each of the five public lists holds for `query`, by title."""
    page = client.get("/en/events/", query)
    api = client.get("/api/v1/events/", {**query, "lang": "en"})
    ics = client.get("/en/calendar/events.ics", query)
    for response in (page, api, ics):
        assert response.status_code == 200
    return {
        "list": {str(event) for event in page.context["page"].object_list},
        "atom": set(atom_titles(client.get("/en/events/feed.atom", query))),
        "embed": set(embed_titles(client.get("/embed/events/", {**query, "lang": "en"}))),
        "ics": {str(event["SUMMARY"]) for event in vevents(parse(ics))},
        "api": {event["title"] for event in api.json()["results"]},
    }


@pytest.fixture
def events_apart():
    """One event that every filter below chooses, and for each filter one it leaves out."""
    topic = TopicFactory(slug="federalism")
    group = GroupFactory(slug="iraqi-left")
    wanted = EventFactory(
        title_en=WANTED,
        kind="rally",
        country="IQ",
        modality="hybrid",
        in_arabic=True,
    )
    wanted.topics.add(topic)
    wanted.cohost_groups.add(group)
    EventFactory(title_en="Elsewhere", country="DE", kind="webinar", modality="online")
    return group


@pytest.mark.parametrize(
    "query",
    [
        {"country": "IQ"},
        {"country": "iq"},
        {"modality": "in_person"},
        {"language": "ar"},
        {"kind": "rally"},
        {"topic": "federalism"},
        {"group": "iraqi-left"},
        {"group": "GROUP_ID"},
        {"q": "wanted"},
        {"country": "IQ", "modality": "in_person", "language": "ar", "group": "GROUP_ID"},
    ],
)
def test_every_public_list_takes_each_filter_with_the_same_meaning(client, events_apart, query):
    query = {name: str(events_apart.pk) if v == "GROUP_ID" else v for name, v in query.items()}
    found = listed_titles(client, query)
    assert found == {key: {WANTED} for key in found}


def test_an_online_filter_means_online_or_hybrid_everywhere(client, events_apart):
    found = listed_titles(client, {"modality": "online"})
    assert found == {key: {WANTED, "Elsewhere"} for key in found}


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ({"kind": "party"}, "There is no kind of event called “party”."),
        ({"language": "xx"}, "Unknown language: use ar, fa or en."),
        ({"modality": "teleport"}, "Unknown format: use online or in_person."),
        ({"country": "QQ"}, "Unknown country: use a two-letter code such as DE."),
        ({"topic": "nope"}, "There is no topic called “nope”."),
        ({"group": "nobody"}, "There is no group called “nobody”."),
        ({"group": "424242"}, "There is no group called “424242”."),
        ({"group": "9" * 60}, "There is no group called “" + "9" * 60 + "”."),
    ],
)
def test_every_public_list_refuses_an_unknown_value_saying_which(client, query, said):
    EventFactory()
    for path in ("/en/events/", "/en/events/feed.atom", "/en/calendar/events.ics"):
        response = client.get(path, query)
        assert response.status_code == 400, path
        assert said in unescape(response.content.decode()), path
    embed = client.get("/embed/events/", {**query, "lang": "en"})
    assert embed.status_code == 400
    assert said in unescape(embed.content.decode())
    assert embed_titles(embed) == []
    api = client.get("/api/v1/events/", query)
    assert api.status_code == 400
    (name,) = query
    assert api.json()[name] == [said]


PAGE_QUERY = {
    "q": "wanted",
    "kind": "rally",
    "language": "ar",
    "modality": "in_person",
    "country": "IQ",
    "topic": "federalism",
    "group": "1",
}


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(unescape(url)).query))


def test_every_link_and_snippet_of_the_events_page_carries_all_its_filters(client):
    TopicFactory(slug="federalism")
    GroupFactory(pk=1, slug="iraqi-left")
    html = client.get("/en/events/", PAGE_QUERY).content.decode()
    wanted = {**PAGE_QUERY, "lang": "en"}

    webcal = re.search(r'"(webcal://[^"]*/calendar/events\.ics\?[^"]*)"', html).group(1)
    https = re.search(r'"(http://[^"]*/calendar/events\.ics\?[^"]*)"', html).group(1)
    embed = re.search(r'<iframe src="([^"]*)"', unescape(html)).group(1)
    atom_links = re.findall(r'href="([^"]*/events/feed\.atom[^"]*)"', html)

    assert query_of(webcal) == wanted
    assert query_of(https) == wanted
    assert query_of(embed) == wanted
    assert len(atom_links) == 2  # <link rel="alternate"> and the visible link
    assert all(query_of(link) == PAGE_QUERY for link in atom_links)


def test_embed_and_atom_link_back_to_the_list_with_all_their_filters(client):
    TopicFactory(slug="federalism")
    GroupFactory(pk=1, slug="iraqi-left")
    embed = client.get("/embed/events/", {**PAGE_QUERY, "lang": "en"}).content.decode()
    back = re.findall(r'href="([^"]*/en/events/\?[^"]*)"', embed)
    # A group named by its number is named by its slug from then on: one list, one feed.
    assert [query_of(link) for link in back] == [{**PAGE_QUERY, "group": "iraqi-left"}]
    feed = client.get("/en/events/feed.atom", PAGE_QUERY).content.decode()
    alternate = re.search(r'<link href="([^"]*)" rel="alternate"', feed).group(1)
    assert query_of(alternate) == {**PAGE_QUERY, "group": "iraqi-left"}


def test_atom_feed_title_names_every_chosen_filter_in_the_readers_language(client):
    TopicFactory(slug="federalism", name_fa="فدرالیسم")
    GroupFactory(pk=1, slug="iraqi-left", name_fa="چپ عراق")
    feed = client.get("/fa/events/feed.atom", PAGE_QUERY).content.decode()
    title = re.search(r"<title>([^<]*)</title>", feed).group(1)
    for name in ("«wanted»", "عربی", "حضوری", "عراق", "فدرالیسم", "چپ عراق"):
        assert name in unescape(title), name
