"""The event list's markup is cached (events/views/browse.py): a repeat visit reads no events,
and a copy is never shown once stale, nor to a reader it was not drawn for."""

import re
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ApprovedMemberFactory, EventFactory, TopicFactory

pytestmark = pytest.mark.django_db


def without_csrf_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize(
    ("path", "cards"), [("/en/events/", 20), ("/fa/events/?page=2", 5), ("/en/events/past/", 20)]
)
def test_event_list_a_repeat_visit_queries_nothing(client, path, cards):
    for event in EventFactory.create_batch(25):
        event.topics.add(TopicFactory(slug="federalism"))
    EventFactory.create_batch(
        25, starts_at=datetime(2020, 3, 1, tzinfo=UTC), ends_at=datetime(2020, 3, 2, tzinfo=UTC)
    )
    first = client.get(path).content.decode()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)

    assert response.status_code == 200
    assert response.content.decode().count('class="card mb-3"') == cards
    assert without_csrf_token(response.content.decode()) == without_csrf_token(first)
    assert [q["sql"] for q in queries] == []


def test_upcoming_list_shows_a_new_event_at_once(client):
    client.get("/en/events/")

    EventFactory(title_en="A new rally")
    html = client.get("/en/events/").content.decode()

    assert "A new rally" in html


def test_upcoming_list_shows_an_edit_at_once(client):
    event = EventFactory(title_en="Rally at the square")
    client.get("/en/events/")

    event.title_en = "Rally at the station"
    event.save()
    html = client.get("/en/events/").content.decode()

    assert "Rally at the station" in html
    assert "Rally at the square" not in html


def test_upcoming_list_shows_a_renamed_topic_at_once(client):
    topic = TopicFactory(name_en="Federalism")
    EventFactory().topics.add(topic)
    client.get("/en/events/")

    topic.name_en = "Federal states"
    topic.save()
    html = client.get("/en/events/").content.decode()

    assert "Federal states" in html
    assert "Federalism" not in html


def test_upcoming_list_each_reader_sees_their_own_zone_and_digits(client):
    EventFactory(
        starts_at=datetime(2030, 3, 1, 15, 0, tzinfo=UTC),
        ends_at=datetime(2030, 3, 1, 17, 0, tzinfo=UTC),
        time_zone="Europe/Berlin",
    )
    in_tehran = ApprovedMemberFactory(time_zone="Asia/Tehran")
    with_persian_digits = ApprovedMemberFactory(time_zone="Europe/Berlin", digit_style="arabext")

    stranger = client.get("/en/events/").content.decode()
    client.force_login(in_tehran)
    tehran = client.get("/en/events/").content.decode()
    client.force_login(with_persian_digits)
    persian_digits = client.get("/en/events/").content.decode()
    client.logout()
    stranger_again = client.get("/en/events/").content.decode()

    assert "16:00" in stranger  # the event's own zone, Berlin (UTC+01:00)
    assert "18:30" in tehran  # 15:00 UTC in Tehran (UTC+03:30)
    assert "۱۶:۰۰" in persian_digits
    assert "18:30" not in stranger_again
    assert "۱۶:۰۰" not in stranger_again
