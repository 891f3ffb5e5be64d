"""Visitors who are not signed in share cached copies of the event pages (events/page_cache.py):
a repeat visit queries nothing, a change to the events shows at once, and nobody is given a
copy that carries something of someone else's."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.services.rsvps import rsvp_set
from events.services.sessions import session_save
from tests.factories import ApprovedMemberFactory, EventFactory

pytestmark = pytest.mark.django_db


def queries_of(client, path: str, **headers) -> tuple[object, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
    return response, [query["sql"] for query in queries]


@pytest.fixture
def event():
    return EventFactory(title_en="Rally for the prisoners", capacity=40)


@pytest.mark.parametrize(
    "path",
    [
        "/en/events/",
        "/fa/events/past/",
        "/ar/events/month/",
        "/fa/events/{pk}/",
        "/en/events/{pk}/programme/",
        "/en/calendar/events.ics",
        "/fa/calendar/events.ics?lang=fa",
    ],
)
def test_a_visitors_repeat_visit_queries_nothing(client, event, path):
    path = path.format(pk=event.pk)
    first = client.get(path)

    again, queries = queries_of(client, path)

    assert (first.status_code, again.status_code) == (200, 200)
    assert queries == []
    assert again.content == first.content
    assert "csrftoken" not in again.cookies


def test_an_edit_shows_to_the_next_visitor_at_once(client, event):
    client.get(f"/en/events/{event.pk}/")

    event.title_en = "Rally for the workers"
    event.save()
    html = client.get(f"/en/events/{event.pk}/").content.decode()

    assert "Rally for the workers" in html
    assert "Rally for the prisoners" not in html


def test_a_cancelled_members_only_event_is_gone_from_the_visitors_copy_at_once(client, event):
    assert client.get(f"/en/events/{event.pk}/").status_code == 200

    event.visibility = "members"
    event.save()

    assert client.get(f"/en/events/{event.pk}/").status_code == 404
    assert "Rally for the prisoners" not in client.get("/en/events/").content.decode()


def test_a_change_to_the_programme_shows_at_once(client, event):
    client.get(f"/en/events/{event.pk}/programme/")
    session_save(
        event=event,
        session=None,
        fields={
            "title_en": "Opening words",
            "starts_at": event.starts_at,
            "ends_at": event.starts_at + timedelta(minutes=30),
        },
    )

    assert "Opening words" in client.get(f"/en/events/{event.pk}/programme/").content.decode()


def test_each_language_and_address_has_its_own_copy(client, event):
    english = client.get("/en/events/").content.decode()
    persian = client.get("/fa/events/").content.decode()
    second_page = client.get("/en/events/?page=2").content.decode()

    assert 'lang="en"' in english
    assert 'lang="fa"' in persian
    assert english != second_page


def test_a_member_never_gets_the_visitors_copy(client, event):
    client.get(f"/en/events/{event.pk}/")
    member = ApprovedMemberFactory(preferred_language="en")
    rsvp_set(event=event, member=member, answer="going")
    client.force_login(member)

    response, queries = queries_of(client, f"/en/events/{event.pk}/")

    assert queries
    assert 'action="/i18n/setlang/"' in response.content.decode()  # the member's own page
    assert response.context["rsvp"].member == member


def test_a_page_with_a_form_is_not_shared(client):
    guests_welcome = EventFactory(guest_registration=True)
    client.get(f"/en/events/{guests_welcome.pk}/")

    response, queries = queries_of(client, f"/en/events/{guests_welcome.pk}/")

    assert queries
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_a_visitor_with_a_message_waiting_is_not_given_the_shared_copy(client, event):
    client.get("/en/events/")  # the shared copy, made for visitors with nothing waiting
    client.force_login(ApprovedMemberFactory(preferred_language="en"))
    client.post("/en/accounts/logout/")  # leaves "You have signed out." for the next page

    signed_out = client.get("/en/events/").content.decode()
    next_visit = client.get("/en/events/").content.decode()

    assert "You have signed out." in signed_out
    assert "You have signed out." not in next_visit


def test_the_shared_feed_answers_a_conditional_get_with_304(client, event):
    first = client.get("/en/calendar/events.ics")

    again, queries = queries_of(client, "/en/calendar/events.ics", if_none_match=first["ETag"])

    assert again.status_code == 304
    assert (again["ETag"], again["Cache-Control"]) == (first["ETag"], first["Cache-Control"])
    assert queries == []
