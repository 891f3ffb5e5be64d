import re
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.views.embed import EMBED_SIZE
from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    GroupFactory,
    OrganizerFactory,
    TopicFactory,
)
from tests.test_security_headers import POLICY, policy_of

SITE = "http://localhost:8000"


def titles(response) -> list[str]:
    return re.findall(r'class="embed-title"[^>]*>([^<]*)</a>', response.content.decode())


@pytest.mark.parametrize(("lang", "direction"), [("fa", "rtl"), ("ar", "rtl"), ("en", "ltr")])
@pytest.mark.django_db
def test_embed_is_in_the_asked_language_and_direction(client, lang, direction):
    EventFactory(title_fa="نشست همبستگی", title_ar="اجتماع تضامن", title_en="Solidarity meeting")
    response = client.get(f"/embed/events/?lang={lang}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert response["Content-Language"] == lang
    expected = {
        "fa": "نشست همبستگی",
        "ar": "اجتماع تضامن",
        "en": "Solidarity meeting",
    }[lang]
    assert titles(response) == [expected]


@pytest.mark.django_db
def test_embed_without_lang_follows_the_browser_and_an_unknown_lang_too(client):
    EventFactory()
    assert (
        '<html lang="fa" dir="rtl">'
        in client.get("/embed/events/", HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    )
    assert (
        '<html lang="ar" dir="rtl">'
        in client.get("/embed/events/?lang=de", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    )


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.django_db
def test_embed_sets_no_cookie_and_has_no_script(client, signed_in):
    EventFactory()
    if signed_in:
        client.force_login(ApprovedMemberFactory())
    client.cookies.pop("csrftoken", None)
    for query in ("?lang=fa", "?lang=ar&topic=nothing-of-the-sort", ""):
        response = client.get(f"/embed/events/{query}")
        assert "Set-Cookie" not in response.headers
        assert not response.cookies
        html = response.content.decode().lower()
        assert "<script" not in html
        assert "<form" not in html
        assert not re.search(r"<[^>]+\son[a-z]+=", html)  # no inline event handlers


@pytest.mark.django_db
def test_embed_alone_may_be_framed_by_any_site(client):
    EventFactory()
    for _ in ("rendered", "from the page cache"):
        embed = client.get("/embed/events/?lang=fa")
        assert "X-Frame-Options" not in embed.headers
        assert policy_of(embed) == {**POLICY, "frame-ancestors": ["*"]}
        assert embed["Cross-Origin-Resource-Policy"] == "cross-origin"
    for path in ("/fa/events/", "/fa/", "/fa/events/feed.atom", "/fa/calendar/events.ics"):
        other = client.get(path)
        assert other["X-Frame-Options"] == "DENY", path
        assert policy_of(other)["frame-ancestors"] == ["'none'"], path
        assert other["Cross-Origin-Resource-Policy"] == "same-origin", path
    refused = client.get("/embed/events/?topic=nothing")
    assert refused.status_code == 400
    assert "X-Frame-Options" not in refused.headers
    assert policy_of(refused)["frame-ancestors"] == ["*"]


@pytest.mark.django_db
def test_links_open_the_event_on_the_site_in_a_new_tab(client):
    event = EventFactory()
    html = client.get("/embed/events/?lang=fa&kind=meeting").content.decode()
    anchors = re.findall(r"<a [^>]*>", html)
    assert len(anchors) == 2
    assert all('target="_blank"' in anchor and 'rel="noopener"' in anchor for anchor in anchors)
    assert f'href="{SITE}/fa/events/{event.pk}/"' in anchors[0]
    assert f'href="{SITE}/fa/events/?kind=meeting"' in anchors[1]
    assert '<link rel="stylesheet" href="/static/css/embed.css">' in html


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("topic=no-such-topic", "هیچ موضوعی با نام «no-such-topic» وجود ندارد."),
        ("group=nobody", "هیچ گروهی با نام «nobody» وجود ندارد."),
        ("kind=party", "هیچ نوع رویدادی با نام «party» وجود ندارد."),
    ],
)
@pytest.mark.django_db
def test_unknown_filter_gives_a_page_saying_which_not_a_500(client, query, said):
    EventFactory()
    response = client.get(f"/embed/events/?lang=fa&{query}")
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert '<html lang="fa" dir="rtl">' in html
    assert said in html
    assert titles(response) == []


@pytest.mark.parametrize("viewer", ["stranger", "member", "organizer"])
@pytest.mark.django_db
def test_members_only_and_invite_only_events_never_appear(client, viewer):
    EventFactory(title_en="Public", meeting_link="https://meet.example.org/secret")
    EventFactory(title_en="Members only", visibility="members")
    invited = EventFactory(title_en="Invited groups only", visibility="invite")
    EventFactory(title_en="Held back", venue="Back room of the bakery", venue_release_hours=24)
    if viewer != "stranger":
        person = ApprovedMemberFactory() if viewer == "member" else OrganizerFactory()
        invited.organizers.add(person)
        client.force_login(person)
    response = client.get("/embed/events/?lang=en")
    assert titles(response) == ["Public", "Held back"]
    html = response.content.decode()
    assert "meet.example.org" not in html
    assert "Back room of the bakery" not in html
    assert "Community hall" in html


@pytest.mark.django_db
def test_embed_filters_by_topic_and_group(client):
    topic, group = TopicFactory(slug="federalism"), GroupFactory(slug="syrian-socialists")
    EventFactory(title_en="On federalism").topics.add(topic)
    EventFactory(title_en="Co-hosted").cohost_groups.add(group)
    EventFactory(title_en="Neither")
    assert titles(client.get("/embed/events/?lang=en&topic=federalism")) == ["On federalism"]
    assert titles(client.get("/embed/events/?lang=en&group=syrian-socialists")) == ["Co-hosted"]


def _queries(client) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/embed/events/?lang=fa&topic=federalism&group=syrian-socialists")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_embed_takes_as_many_queries_for_one_event_as_for_many(client, django_assert_num_queries):
    topic, group = TopicFactory(slug="federalism"), GroupFactory(slug="syrian-socialists")

    def add_event():
        event = EventFactory()
        event.topics.add(topic)
        event.cohost_groups.add(group, GroupFactory())

    add_event()
    one = _queries(client)
    for _ in range(EMBED_SIZE + 5):
        add_event()
    assert _queries(client) == one
    response = client.get("/embed/events/?lang=fa&topic=federalism&group=syrian-socialists")
    assert len(titles(response)) == EMBED_SIZE
    with django_assert_num_queries(0):  # a visitor's second request comes from the page cache
        client.get("/embed/events/?lang=fa&topic=federalism&group=syrian-socialists")


@pytest.mark.django_db
def test_events_list_offers_the_embed_code_with_its_language_and_filters(client):
    html = unescape(client.get("/fa/events/?topic=federalism&kind=rally").content.decode())
    src = f"{SITE}/embed/events/?lang=fa&amp;kind=rally&amp;topic=federalism"
    assert f'<iframe src="{src}" title="تضامن: رویدادهای پیش رو"' in html
    assert "این رویدادها را در سایت خود نشان دهید" in html


@pytest.mark.django_db
def test_group_page_offers_the_embed_code_of_its_events(client):
    group = GroupFactory(slug="syrian-socialists")
    html = unescape(client.get(f"/en/groups/{group.slug}/").content.decode())
    assert f'<iframe src="{SITE}/embed/events/?lang=en&amp;group=syrian-socialists"' in html


@pytest.mark.django_db
def test_embed_refuses_to_be_changed(client):
    response = client.post("/embed/events/")
    assert response.status_code == 405
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("query", ["?lang=en", ""])
@pytest.mark.django_db
def test_embed_ignores_the_session_and_reads_as_for_a_stranger(client, query):
    EventFactory(time_zone="Europe/Berlin", title_en="Berlin meeting", title_fa="نشست برلین")
    stranger = client.get(f"/embed/events/{query}", HTTP_ACCEPT_LANGUAGE="en")
    member = ApprovedMemberFactory(
        time_zone="Asia/Tehran", preferred_language="fa", digit_style="arabext"
    )
    client.force_login(member)
    cache.clear()  # drawn again for the signed-in reader, not the stranger's copy
    signed_in = client.get(f"/embed/events/{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert signed_in.status_code == 200
    assert signed_in.content == stranger.content
    html = signed_in.content.decode()
    assert "Berlin" in html
    assert "Tehran" not in html
    for response in (stranger, signed_in):
        assert "cookie" not in response.get("Vary", "").lower()
        assert "Set-Cookie" not in response.headers
    # Still the member's own session elsewhere.
    assert client.get("/fa/events/").wsgi_request.user == member
