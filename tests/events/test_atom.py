import time
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.feeds.atom import FEED_SIZE
from tests.conftest import ONION_HOST
from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    GroupFactory,
    OrganizerFactory,
    TopicFactory,
)

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE = "http://localhost:8000"
TAG = "tag:localhost,"  # ids: tag: URIs on SITE_URL's host (RFC 4151)
FEED = "/en/events/feed.atom"


def atom(response) -> ElementTree.Element:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ElementTree.fromstring(response.content)  # noqa: S314 — our own feed, in a test.


def entries(root: ElementTree.Element) -> list[ElementTree.Element]:
    return root.findall(f"{ATOM}entry")


def titles(response) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in entries(atom(response))]


def utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    assert moment.utcoffset() == timedelta(0), text
    return moment


@pytest.mark.django_db
def test_atom_feed_parses_cleanly_with_the_elements_rfc_4287_requires(client):
    EventFactory(title_en="Solidarity meeting")
    response = client.get("/en/events/feed.atom")
    parsed = feedparser.parse(response.content)
    assert parsed.bozo is False, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = atom(response)
    # atom:feed: id, title, updated, an author (4.1.1); each atom:entry: id, title, updated (4.1.2).
    assert root.findtext(f"{ATOM}id") == f"{TAG}2026-11-30:en/events/feed.atom"
    assert root.findtext(f"{ATOM}title") == "Tadamun: coming events"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Tadamun"
    utc(root.findtext(f"{ATOM}updated"))
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == f"{SITE}/en/events/feed.atom"
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == f"{SITE}/en/events/"
    [entry] = entries(root)
    for element in ("id", "title", "updated", "published", "summary"):
        assert entry.findtext(f"{ATOM}{element}"), element
    assert parsed.entries[0].title == "Solidarity meeting"


@pytest.mark.django_db
def test_entry_times_are_the_events_creation_and_last_change_in_utc(client):
    event = EventFactory()
    entry = entries(atom(client.get("/en/events/feed.atom")))[0]
    event.refresh_from_db()
    assert utc(entry.findtext(f"{ATOM}published")) == event.created_at
    assert utc(entry.findtext(f"{ATOM}updated")) == event.updated_at
    # The feed changed when its newest entry did, or later: when it was first served so.
    root_updated = utc(atom(client.get("/en/events/feed.atom")).findtext(f"{ATOM}updated"))
    assert event.updated_at <= root_updated <= timezone.now()


@pytest.mark.django_db
def test_entry_id_is_a_tag_of_the_event_and_stays_when_the_event_changes(client):
    event = EventFactory()
    first = entries(atom(client.get("/en/events/feed.atom")))[0].findtext(f"{ATOM}id")
    event.title_en = "A new title"
    event.save()
    cache.clear()
    again = entries(atom(client.get("/en/events/feed.atom")))[0]
    created = event.created_at.astimezone(UTC).date().isoformat()
    assert first == again.findtext(f"{ATOM}id") == f"{TAG}{created}:events/{event.pk}/en"
    assert again.find(f"{ATOM}link").get("href") == f"{SITE}/en/events/{event.pk}/"


@pytest.mark.django_db
def test_ids_are_the_same_through_the_onion_service_and_links_open_it(client, onion_url):
    event = EventFactory()
    through_web = atom(Client(headers={"host": "tadamun.example.org"}).get(FEED, secure=True))
    through_onion = atom(Client(headers={"host": ONION_HOST}).get(FEED))
    created = event.created_at.astimezone(UTC).date().isoformat()
    feed_id = "tag:tadamun.example.org,2026-11-30:en/events/feed.atom"
    for root, base in ((through_web, "https://tadamun.example.org"), (through_onion, onion_url)):
        assert root.findtext(f"{ATOM}id") == feed_id
        assert root.find(f"{ATOM}link[@rel='self']").get("href") == f"{base}{FEED}"
        [entry] = entries(root)
        assert entry.findtext(f"{ATOM}id") == (
            f"tag:tadamun.example.org,{created}:events/{event.pk}/en"
        )
        assert entry.find(f"{ATOM}link").get("href") == f"{base}/en/events/{event.pk}/"
    assert through_web.findtext(f"{ATOM}updated") == through_onion.findtext(f"{ATOM}updated")
    assert "tadamun.example.org/" not in ElementTree.tostring(through_onion, encoding="unicode")


@pytest.mark.django_db
def test_feed_updated_moves_on_and_never_back_when_the_newest_entry_leaves(client):
    EventFactory(title_en="Older")
    newest = EventFactory(title_en="Newest")
    newest.refresh_from_db()
    client.force_login(ApprovedMemberFactory())  # past the visitors' page cache, every time

    def updated() -> datetime:
        return utc(atom(client.get(FEED)).findtext(f"{ATOM}updated"))

    before = updated()
    assert before >= newest.updated_at
    assert updated() == before  # unchanged while the feed is
    newest.delete()
    time.sleep(1)  # the memory counts whole seconds
    after = updated()
    assert titles(client.get(FEED)) == ["Older"]
    assert after > before


@pytest.mark.django_db
def test_persian_feed_is_in_persian_and_a_title_only_in_english_says_so(client):
    EventFactory(title_fa="نشست همبستگی", title_en="Solidarity meeting", in_persian=True)
    EventFactory(title_en="Only in English")
    root = atom(client.get("/fa/events/feed.atom"))
    assert root.get(XML_LANG) == "fa"
    assert root.findtext(f"{ATOM}id") == f"{TAG}2026-11-30:fa/events/feed.atom"
    persian, english = (entry.find(f"{ATOM}title") for entry in entries(root))
    assert persian.text == "نشست همبستگی"
    assert persian.get(XML_LANG) is None
    assert english.text == "Only in English"
    assert english.get(XML_LANG) == "en"
    assert feedparser.parse(client.get("/fa/events/feed.atom").content).bozo is False


@pytest.mark.parametrize(("language", "title"), [("ar", "تضامن: الفعاليات القادمة")])
@pytest.mark.django_db
def test_feed_title_is_in_the_addresss_language(client, language, title):
    root = atom(client.get(f"/{language}/events/feed.atom"))
    assert root.get(XML_LANG) == language
    assert root.findtext(f"{ATOM}title") == title


@pytest.mark.django_db
def test_feed_filters_by_topic_group_and_kind(client):
    topic, group = TopicFactory(slug="federalism"), GroupFactory(slug="syrian-socialists")
    on_topic = EventFactory(title_en="On federalism")
    on_topic.topics.add(topic)
    cohosted = EventFactory(title_en="Co-hosted", kind="rally")
    cohosted.cohost_groups.add(group)
    EventFactory(title_en="Neither", kind="rally")
    assert titles(client.get("/en/events/feed.atom?topic=federalism")) == ["On federalism"]
    assert titles(client.get("/en/events/feed.atom?group=syrian-socialists")) == ["Co-hosted"]
    assert titles(client.get("/en/events/feed.atom?kind=rally")) == ["Co-hosted", "Neither"]
    root = atom(client.get("/en/events/feed.atom?kind=rally&group=syrian-socialists"))
    assert root.findtext(f"{ATOM}id") == (
        f"{TAG}2026-11-30:en/events/feed.atom?kind=rally&group=syrian-socialists"
    )
    assert root.findtext(f"{ATOM}title") == (
        "Tadamun: coming events (Rally or protest and Socialist group "
        f"{group.name_en.rsplit(' ', 1)[1]})"
    )
    [category] = entries(atom(client.get("/en/events/feed.atom?topic=federalism")))[0].findall(
        f"{ATOM}category"
    )
    assert category.get("term") == "federalism"
    assert category.get("label") == topic.name_en


@pytest.mark.parametrize("query", ["topic=no-such-topic", "group=nobody", "kind=party"])
@pytest.mark.django_db
def test_unknown_filter_value_is_a_400_not_every_event(client, query):
    EventFactory()
    assert client.get(f"/en/events/feed.atom?{query}").status_code == 400


@pytest.mark.parametrize("viewer", ["stranger", "member", "organizer"])
@pytest.mark.django_db
def test_members_only_and_invite_only_events_never_appear(client, viewer):
    EventFactory(title_en="Public")
    EventFactory(title_en="Members only", visibility="members")
    invited = EventFactory(title_en="Invited groups only", visibility="invite")
    if viewer != "stranger":
        person = ApprovedMemberFactory() if viewer == "member" else OrganizerFactory()
        invited.organizers.add(person)
        client.force_login(person)
    assert titles(client.get("/en/events/feed.atom")) == ["Public"]


@pytest.mark.django_db
def test_no_meeting_link_and_no_address_held_back(client):
    EventFactory(
        title_en="Online", modality="online", meeting_link="https://meet.example.org/secret"
    )
    EventFactory(title_en="Held back", venue="Back room of the bakery", venue_release_hours=24)
    EventFactory(title_en="Open", venue="Community hall")
    content = client.get("/en/events/feed.atom").content.decode()
    assert "meet.example.org" not in content
    assert "Back room of the bakery" not in content
    assert "Community hall" in content
    summaries = [entry.summary for entry in feedparser.parse(content).entries]
    assert "Online" in summaries[0]
    assert "Berlin" in summaries[1]


@pytest.mark.django_db
def test_past_events_leave_and_cancelled_ones_say_so(client):
    now = timezone.now()
    EventFactory(
        title_en="Over", starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=1)
    )
    EventFactory(title_en="Called off", status="cancelled")
    response = client.get("/en/events/feed.atom")
    assert titles(response) == ["Cancelled: Called off"]
    assert "This event has been cancelled." in feedparser.parse(response.content).entries[0].summary


def _queries_for_feed(client) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/events/feed.atom?topic=federalism&group=syrian-socialists")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_feed_takes_as_many_queries_for_one_event_as_for_many(client, django_assert_num_queries):
    topic, group = TopicFactory(slug="federalism"), GroupFactory(slug="syrian-socialists")

    def add_event():
        event = EventFactory()
        event.topics.add(topic, TopicFactory())
        event.cohost_groups.add(group, GroupFactory())

    add_event()
    one = _queries_for_feed(client)
    for _ in range(FEED_SIZE + 5):
        add_event()
    assert _queries_for_feed(client) == one
    assert len(titles(client.get("/en/events/feed.atom?topic=federalism"))) == FEED_SIZE
    with django_assert_num_queries(0):  # a visitor's second request comes from the page cache
        client.get("/en/events/feed.atom?topic=federalism")


@pytest.mark.django_db
def test_pages_name_their_atom_feed_in_the_head(client):
    # A path: feed readers resolve it against the address the page came from (web or onion).
    group = GroupFactory(slug="syrian-socialists")
    link = '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">'
    home = client.get("/fa/").content.decode()
    assert link.format("تضامن: رویدادهای پیش رو", "/fa/events/feed.atom") in home
    events = client.get("/en/events/?topic=federalism&kind=rally&q=x").content.decode()
    expected = "/en/events/feed.atom?q=x&amp;kind=rally&amp;topic=federalism"
    assert link.format("Tadamun: coming events", expected) in events
    page = client.get(f"/en/groups/{group.slug}/").content.decode()
    expected = "/en/events/feed.atom?group=syrian-socialists"
    assert link.format(f"Tadamun: {group.name_en}", expected) in page


@pytest.mark.django_db
def test_atom_feed_refuses_to_be_changed(client):
    assert client.post("/en/events/feed.atom").status_code == 405
