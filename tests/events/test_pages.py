from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    RsvpFactory,
    TopicFactory,
)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa", "en"])
def test_upcoming_page_lists_coming_events_in_each_language(client, language):
    coming = EventFactory(title_en="Coming", title_fa="آینده")
    EventFactory(
        title_en="Over",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=2),
    )
    response = client.get(f"/{language}/events/")
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [coming]


@pytest.mark.django_db
def test_past_page_lists_finished_events(client):
    EventFactory()
    over = EventFactory(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=2)
    )
    response = client.get("/en/events/past/")
    assert list(response.context["page"].object_list) == [over]


@pytest.mark.django_db
def test_upcoming_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    topic = TopicFactory()
    for event in EventFactory.create_batch(60):
        event.topics.add(topic)
    with django_assert_max_num_queries(12):
        response = client.get("/en/events/?page=2")
    assert len(response.context["page"].object_list) == 20


@pytest.mark.django_db
def test_event_page_query_count_is_constant_for_a_big_conference(
    client, django_assert_max_num_queries
):
    from events.models import Session

    event = EventFactory(kind="conference", capacity=400)
    speaker = ApprovedMemberFactory()
    for number in range(40):
        session = Session.objects.create(
            event=event,
            title_en=f"Session {number}",
            starts_at=event.starts_at,
            ends_at=event.ends_at,
        )
        session.speakers.add(speaker)
    RsvpFactory.create_batch(300, event=event)
    viewer = ApprovedMemberFactory()
    RsvpFactory(event=event, member=viewer)
    client.force_login(viewer)
    with django_assert_max_num_queries(12):
        response = client.get(f"/en/events/{event.pk}/")
    assert response.context["event"].going == 301
    with django_assert_max_num_queries(12):
        response = client.get(f"/en/events/{event.pk}/programme/")
    assert "Session 39" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Kurdish", "کردستان", "كردستان"])
def test_search_finds_an_event_by_title_in_any_language(client, query):
    wanted = EventFactory(
        title_en="Kurdish self-determination", title_fa="خودمختاری کردستان", title_ar="كردستان"
    )
    EventFactory(title_en="Something else")
    response = client.get("/en/events/", {"q": query})
    assert list(response.context["page"].object_list) == [wanted]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "title_fa"),
    [("کردستان", "همبستگی با كُردستان"), ("كردستان", "همبستگی با کردستان"), ("یاری", "ياري")],
)
def test_search_matches_a_title_typed_on_another_keyboard(client, typed, title_fa):
    wanted = EventFactory(title_en="Solidarity", title_fa=title_fa)
    EventFactory(title_en="Something else", title_fa="نشست دیگر")
    response = client.get("/fa/events/", {"q": typed})
    assert list(response.context["page"].object_list) == [wanted]


@pytest.mark.django_db
def test_filters_by_kind_language_format_country_and_topic(client):
    topic = TopicFactory(slug="federalism")
    wanted = EventFactory(kind="webinar", in_persian=True, modality="online", country="IR")
    wanted.topics.add(topic)
    EventFactory(kind="webinar", in_persian=False, modality="online", country="IR")
    EventFactory(kind="meeting", in_persian=True, modality="online", country="IR")
    response = client.get(
        "/en/events/",
        {
            "kind": "webinar",
            "language": "fa",
            "modality": "online",
            "country": "IR",
            "topic": "federalism",
        },
    )
    assert list(response.context["page"].object_list) == [wanted]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "said"),
    [
        ({"kind": "party"}, "There is no kind of event called “party”."),
        ({"language": "xx"}, "Unknown language: use ar, fa or en."),
        ({"country": "QQ"}, "Unknown country: use a two-letter code such as DE."),
        ({"topic": "nope"}, "There is no topic called “nope”."),
        ({"group": "nobody"}, "There is no group called “nobody”."),
        ({"q": "x" * 500}, "Ensure this value has at most 100 characters (it has 500)."),
        ({"modality": "teleport"}, "Unknown format: use online or in_person."),
    ],
)
def test_unknown_filter_value_is_said_at_its_field_not_every_event(client, query, said):
    EventFactory()
    response = client.get("/en/events/", query)
    assert response.status_code == 400
    assert list(response.context["page"].object_list) == []
    assert said in unescape(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["-1", "abc"])
def test_a_page_number_out_of_range_gives_a_page_not_an_error(client, page):
    event = EventFactory()
    response = client.get("/en/events/", {"page": page})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [event]


@pytest.mark.django_db
def test_event_page_shows_times_in_viewer_zone_and_event_zone(client):
    from datetime import UTC, datetime

    event = EventFactory(
        starts_at=datetime(2030, 3, 1, 15, 0, tzinfo=UTC),
        ends_at=datetime(2030, 3, 1, 17, 0, tzinfo=UTC),
        time_zone="Europe/Berlin",
    )
    viewer = ApprovedMemberFactory(time_zone="Asia/Tehran")
    client.force_login(viewer)
    html = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "18:30" in html  # 15:00 UTC in Tehran (UTC+03:30)
    assert "16:00" in html  # …and in Berlin (UTC+01:00), beside it
    assert "Tehran" in html
    assert "Berlin" in html


@pytest.mark.django_db
def test_stranger_sees_event_in_its_own_zone(client):
    from datetime import UTC, datetime

    event = EventFactory(
        starts_at=datetime(2030, 3, 1, 15, 0, tzinfo=UTC),
        ends_at=datetime(2030, 3, 1, 17, 0, tzinfo=UTC),
        time_zone="Asia/Damascus",
    )
    html = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "18:00" in html  # Damascus is UTC+03:00 all year


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa", "en"])
def test_event_detail_renders_in_each_language(client, language, member):
    event = EventFactory(title_ar="مؤتمر", in_arabic=True, interpretation_fa=True, capacity=5)
    client.force_login(member)
    member.preferred_language = language
    member.save()
    response = client.get(f"/{language}/events/{event.pk}/")
    assert response.status_code == 200
