"""The public read API (/api/v1/): what it lists, in which language, and what it never shows."""

import base64
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from events.models import Session
from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    GroupFactory,
    RsvpFactory,
    TopicFactory,
)

EVENTS = "/api/v1/events/"


def listed(client, **params) -> list[int]:
    response = client.get(EVENTS, params)
    assert response.status_code == 200, response.json()
    return [event["id"] for event in response.json()["results"]]


@pytest.mark.django_db
def test_event_list_shows_an_event_in_utc_with_its_zone(client, site_url):
    starts = datetime(2031, 5, 1, 16, 0, tzinfo=UTC)
    topic = TopicFactory(slug="federalism", name_en="Federalism", name_fa="فدرالیسم")
    group = GroupFactory(slug="syrian-left", name_en="Syrian left")
    event = EventFactory(
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        time_zone="Asia/Tehran",
        in_persian=True,
        interpretation_ar=True,
        rsvp_deadline=starts - timedelta(days=1),
    )
    event.topics.add(topic)
    event.cohost_groups.add(group)
    response = client.get(EVENTS, {"lang": "en"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Language"] == "en"
    body = response.json()
    assert body["next"] is None
    assert body["previous"] is None
    assert body["results"] == [
        {
            "id": event.pk,
            "url": f"https://tadamun.example.org/en/events/{event.pk}/",
            "kind": "meeting",
            "status": "scheduled",
            "title": event.title_en,
            "title_language": "en",
            "description": "We meet to plan **joint actions**.",
            "description_language": "en",
            "starts_at": "2031-05-01T16:00:00Z",
            "ends_at": "2031-05-01T18:00:00Z",
            "time_zone": "Asia/Tehran",
            "modality": "in_person",
            "online": False,
            "in_person": True,
            "venue": "Community hall",
            "venue_held_back": False,
            "city": "Berlin",
            "country": "DE",
            "country_name": "Germany",
            "languages": ["fa", "en"],
            "interpretation": ["ar"],
            "answers_close_at": "2031-04-30T16:00:00Z",
            "topics": [{"slug": "federalism", "name": "Federalism", "name_language": "en"}],
            "groups": [
                {
                    "id": group.pk,
                    "slug": "syrian-left",
                    "name": "Syrian left",
                    "name_language": "en",
                }
            ],
        }
    ]


@pytest.mark.django_db
def test_event_list_holds_coming_events_soonest_first(client):
    later = EventFactory(starts_at=timezone.now() + timedelta(days=9))
    sooner = EventFactory(starts_at=timezone.now() + timedelta(days=2))
    EventFactory(starts_at=timezone.now() - timedelta(days=3))  # over
    assert listed(client) == [sooner.pk, later.pk]


@pytest.mark.django_db
def test_event_list_filters_by_kind_language_format_and_country(client):
    webinar = EventFactory(kind="webinar", modality="online", venue="", country="", city="")
    persian = EventFactory(in_persian=True, in_english=False, country="IQ", city="Erbil")
    hybrid = EventFactory(modality="hybrid", country="SE", city="Malmö")
    assert listed(client, kind="webinar") == [webinar.pk]
    assert listed(client, language="fa") == [persian.pk]
    assert set(listed(client, modality="online")) == {webinar.pk, hybrid.pk}
    assert set(listed(client, modality="in_person")) == {persian.pk, hybrid.pk}
    assert listed(client, country="IQ") == [persian.pk]
    assert listed(client, country="iq") == [persian.pk]


@pytest.mark.django_db
def test_event_list_filters_by_topic_and_by_group_slug_or_id(client):
    topic = TopicFactory(slug="women")
    group = GroupFactory(slug="kurdish-left")
    on_topic = EventFactory()
    on_topic.topics.add(topic)
    cohosted = EventFactory()
    cohosted.cohost_groups.add(group)
    EventFactory()
    assert listed(client, topic="women") == [on_topic.pk]
    assert listed(client, group="kurdish-left") == [cohosted.pk]
    assert listed(client, group=str(group.pk)) == [cohosted.pk]


@pytest.mark.django_db
def test_event_list_filters_by_date_range(client):
    may = EventFactory(starts_at=datetime(2031, 5, 10, 9, tzinfo=UTC))
    june = EventFactory(starts_at=datetime(2031, 6, 10, 9, tzinfo=UTC))
    july = EventFactory(starts_at=datetime(2031, 7, 10, 9, tzinfo=UTC))
    assert listed(client, **{"from": "2031-06-01", "to": "2031-06-30"}) == [june.pk]
    assert listed(client, **{"from": "2031-06-10T10:00:00+00:00"}) == [june.pk, july.pk]
    assert listed(client, to="2031-05-31T23:59:59Z") == [may.pk]
    past = EventFactory(starts_at=timezone.now() - timedelta(days=40))
    assert listed(client, **{"from": "2000-01-01", "to": "2031-05-31"}) == [past.pk, may.pk]


@pytest.mark.django_db
def test_a_date_alone_as_the_end_of_the_range_holds_that_whole_day_in_utc(client):
    def on_first_december(hour, minute=0):
        starts = datetime(2031, 12, 1, hour, minute, tzinfo=UTC)
        return EventFactory(starts_at=starts, ends_at=starts + timedelta(minutes=30))

    morning, evening, last_minute = (
        on_first_december(0),
        on_first_december(18),
        on_first_december(23, 59),
    )
    EventFactory(starts_at=datetime(2031, 12, 2, 0, 0, tzinfo=UTC))  # the next day
    EventFactory(starts_at=datetime(2031, 11, 29, 9, tzinfo=UTC))  # ended before it

    whole_day = [morning.pk, evening.pk, last_minute.pk]
    assert listed(client, **{"from": "2031-12-01", "to": "2031-12-01"}) == whole_day
    assert listed(client, **{"from": "2031-11-30", "to": "2031-12-01"}) == whole_day
    # A time is taken as given: up to that moment.
    assert listed(client, **{"from": "2031-12-01", "to": "2031-12-01T00:00:00Z"}) == [morning.pk]
    assert listed(client, **{"from": "2031-12-01", "to": "2031-12-01T12:00"}) == [morning.pk]
    refused = client.get(EVENTS, {"from": "2031-12-02", "to": "2031-12-01"})
    assert refused.status_code == 400


@pytest.mark.django_db
def test_the_schema_says_what_a_date_alone_means_in_the_range(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    parameters = {p["name"]: p for p in schema["paths"][EVENTS]["get"]["parameters"]}

    assert "the whole day in UTC included" in parameters["to"]["description"]
    assert "00:00 UTC" in parameters["from"]["description"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "title", "language"),
    [("fa", "نشست", "fa"), ("ar", "نشست", "fa"), ("en", "Meeting", "en")],
)
def test_each_text_says_the_language_it_is_in_when_it_falls_back(client, lang, title, language):
    event = EventFactory(
        title_en="Meeting", title_fa="نشست", title_ar="", description_en="", description_ar="نص"
    )
    topic = TopicFactory(name_en="Labour", name_fa="", name_ar="")
    event.topics.add(topic)

    body = client.get(f"{EVENTS}{event.pk}/", {"lang": lang}).json()

    assert (body["title"], body["title_language"]) == (title, language)
    assert body["description_language"] == "ar"
    assert body["topics"][0]["name_language"] == "en"


@pytest.mark.django_db
def test_event_list_is_in_the_asked_language_with_the_pages_fallback(client):
    event = EventFactory(title_en="Meeting", title_fa="نشست", title_ar="", description_en="Text")
    by_query = client.get(EVENTS, {"lang": "fa"})
    assert by_query["Content-Language"] == "fa"
    first = by_query.json()["results"][0]
    assert first["title"] == "نشست"
    assert first["country_name"] == "آلمان"
    assert first["url"].endswith(f"/fa/events/{event.pk}/")
    # No Arabic title: the first language it was written in (ar, fa, en), as the pages do.
    by_header = client.get(EVENTS, headers={"accept-language": "ar"})
    assert by_header["Content-Language"] == "ar"
    assert by_header.json()["results"][0]["title"] == "نشست"
    assert by_header.json()["results"][0]["description"] == "Text"
    assert "Accept-Language" in by_header["Vary"]


@pytest.mark.django_db
def test_lang_all_gives_each_text_in_the_three_languages(client):
    topic = TopicFactory(slug="labour", name_en="Labour", name_ar="العمل")
    event = EventFactory(title_en="Meeting", title_fa="نشست", title_ar="")
    event.topics.add(topic)
    response = client.get(f"{EVENTS}{event.pk}/", {"lang": "all"})
    assert response.status_code == 200
    assert response["Content-Language"] == "ar, fa, en"
    body = response.json()
    assert body["title"] == {"ar": None, "fa": "نشست", "en": "Meeting"}
    assert body["topics"] == [
        {
            "slug": "labour",
            "name": {"ar": "العمل", "fa": None, "en": "Labour"},
            "name_language": None,
        }
    ]
    assert body["title_language"] is None
    assert body["country_name"] == {"ar": "ألمانيا", "fa": "آلمان", "en": "Germany"}
    assert body["url"]["fa"].endswith(f"/fa/events/{event.pk}/")


@pytest.mark.django_db
def test_event_list_pages_by_cursor_without_repeating_or_missing(client):
    start = timezone.now() + timedelta(days=1)
    events = [EventFactory(starts_at=start + timedelta(hours=hour // 2)) for hour in range(7)]
    seen, url, pages = [], EVENTS + "?page_size=3", 0
    while url:
        body = client.get(url).json()
        seen += [event["id"] for event in body["results"]]
        url, pages = body["next"], pages + 1
        if url:
            assert url.startswith("http://localhost:8000/api/v1/events/?")
    assert pages == 3
    assert seen == [event.pk for event in events]


@pytest.mark.django_db
def test_event_detail_and_programme(client):
    speaker = ApprovedMemberFactory(display_name="Shirin")
    event = EventFactory(time_zone="Asia/Tehran")
    starts = event.starts_at
    session = Session.objects.create(
        event=event,
        title_en="Opening",
        title_fa="آغاز",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        room="Hall A",
        language="fa",
        speaker_names="Nasrin، Layla",
    )
    session.speakers.add(speaker)
    detail = client.get(f"{EVENTS}{event.pk}/", {"lang": "en"})
    assert detail.status_code == 200
    assert detail.json()["id"] == event.pk
    programme = client.get(f"{EVENTS}{event.pk}/programme/", {"lang": "fa"})
    assert programme.status_code == 200
    assert programme.json() == {
        "event": event.pk,
        "time_zone": "Asia/Tehran",
        "sessions": [
            {
                "id": session.pk,
                "title": "آغاز",
                "title_language": "fa",
                "starts_at": starts.astimezone(UTC).isoformat().replace("+00:00", "Z"),
                "ends_at": (starts + timedelta(hours=1))
                .astimezone(UTC)
                .isoformat()
                .replace("+00:00", "Z"),
                "room": "Hall A",
                "language": "fa",
                "speakers": ["Shirin", "Nasrin", "Layla"],
            }
        ],
    }


@pytest.mark.django_db
def test_topics_list_every_topic(client):
    TopicFactory(slug="women", name_en="Women", name_fa="زنان")
    TopicFactory(slug="labour", name_en="Labour")
    response = client.get("/api/v1/topics/", {"lang": "fa"})
    assert response.json() == [
        {"slug": "labour", "name": "Labour", "name_language": "en"},
        {"slug": "women", "name": "زنان", "name_language": "fa"},
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("visibility", ["members", "invite"])
def test_events_not_public_never_reach_the_api(client, visibility):
    hidden = EventFactory(visibility=visibility)
    member = ApprovedMemberFactory()
    client.force_login(member)  # a session changes nothing: the API reads as a stranger
    assert listed(client) == []
    assert client.get(f"{EVENTS}{hidden.pk}/").status_code == 404
    assert client.get(f"{EVENTS}{hidden.pk}/programme/").status_code == 404
    assert client.get(f"{EVENTS}{hidden.pk}/", {"lang": "fa"}).json() == {
        "detail": "هیچ رویداد عمومی‌ای این شماره را ندارد."
    }


@pytest.mark.django_db
def test_meeting_links_held_back_addresses_and_attendees_never_show(client):
    hybrid = EventFactory(
        modality="hybrid",
        meeting_link="https://meet.example.org/secret-room",
        venue="Back room, 12 Hidden street",
        venue_release_hours=24,
    )
    attendee = RsvpFactory(event=hybrid, member=ApprovedMemberFactory(display_name="Roya Secret"))
    attendee.member.email = "roya@tadamun.example"
    attendee.member.save()
    responses = [client.get(EVENTS, {"lang": lang}) for lang in ("en", "fa", "all")] + [
        client.get(f"{EVENTS}{hybrid.pk}/", {"lang": "all"})
    ]
    for response in responses:
        text = response.content.decode()
        for secret in ("secret-room", "meet.example.org", "Hidden street", "Roya", "roya@"):
            assert secret not in text
    detail = responses[-1].json()
    assert detail["venue"] is None
    assert detail["venue_held_back"] is True
    assert detail["city"] == "Berlin"
    assert detail["online"] is True


@pytest.mark.django_db
def test_a_released_address_shows_for_nobody_in_particular_no_sooner_than_the_pages(client):
    # venue_visible_to(event, None): a held-back address never shows to anyone unnamed, even
    # after its release time (it goes to confirmed attendees by mail), as on a shared page.
    soon = EventFactory(starts_at=timezone.now() + timedelta(hours=2), venue_release_hours=24)
    assert client.get(f"{EVENTS}{soon.pk}/").json()["venue"] is None


@pytest.mark.django_db
def test_cancelled_event_is_listed_as_cancelled_and_no_more(client):
    event = EventFactory(status="cancelled", meeting_link="https://meet.example.org/x")
    body = client.get(f"{EVENTS}{event.pk}/").json()
    assert body["status"] == "cancelled"
    assert "meet.example.org" not in str(body)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"lang": "de"}, "lang", "Unknown language: use ar, fa, en or all."),
        ({"kind": "party"}, "kind", "There is no kind of event called “party”."),
        ({"language": "de"}, "language", "Unknown language: use ar, fa or en."),
        ({"modality": "hybrid"}, "modality", "Unknown format: use online or in_person."),
        ({"country": "XX"}, "country", "Unknown country"),
        ({"topic": "nothing"}, "topic", "There is no topic called “nothing”."),
        ({"group": "nobody"}, "group", "There is no group called “nobody”."),
        ({"group": "999999"}, "group", "There is no group called “999999”."),
        ({"group": "9" * 40}, "group", "There is no group called “"),
        ({"from": "yesterday"}, "from", "Not a date"),
        ({"to": "2031-02-30"}, "to", "Not a date"),
        ({"from": "2031-06-01", "to": "2031-05-01"}, "to", "comes before its start"),
        ({"cursor": "not-a-cursor"}, "cursor", "This cursor is not valid"),
        ({"page_size": "0"}, "page_size", "from 1 to 100"),
        ({"page_size": "many"}, "page_size", "from 1 to 100"),
    ],
)
def test_bad_input_is_a_400_that_says_what_is_wrong(client, params, field, message):
    response = client.get(EVENTS, params)
    assert response.status_code == 400
    assert message in response.json()[field][0]


@pytest.mark.django_db
def test_a_forged_cursor_position_is_a_400_not_a_500(client):
    forged = base64.b64encode(b"o=0&r=0&p=not-a-time").decode()
    response = client.get(EVENTS, {"cursor": forged})
    assert response.status_code == 400
    assert "cursor" in response.json()


@pytest.mark.django_db
def test_bad_input_is_answered_in_the_readers_language(client):
    response = client.get(EVENTS, {"lang": "fa", "kind": "party"})
    assert response.status_code == 400
    assert response["Content-Language"] == "fa"
    assert response.json()["kind"][0] == "هیچ نوع رویدادی با نام «party» وجود ندارد."
    unknown_lang = client.get(EVENTS, {"lang": "xx"}, headers={"accept-language": "ar"})
    assert unknown_lang.json()["lang"][0].startswith("لغة غير معروفة")


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 30])
def test_event_list_queries_do_not_grow_with_the_page(client, django_assert_max_num_queries, count):
    topic = TopicFactory(slug="labour")
    group = GroupFactory(slug="left")
    for _number in range(count):
        event = EventFactory(venue_release_hours=24 if _number % 2 else None)
        event.topics.add(topic, TopicFactory())
        event.cohost_groups.add(group)
    with django_assert_max_num_queries(8):
        response = client.get(EVENTS, {"page_size": 30, "topic": "labour", "group": "left"})
    assert len(response.json()["results"]) == count
    with django_assert_max_num_queries(8):
        response = client.get(EVENTS, {"page_size": 30, "lang": "all"})
    assert len(response.json()["results"]) == count
