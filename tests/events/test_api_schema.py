"""schemathesis against the live schema (/api/schema/): generated calls to every operation of
the API, answered through Django as a client's would be, never a 500, and every answer as the
schema says. Bounded: a few examples per operation, under a minute in all."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from events.services.rsvps import rsvp_set
from members.services_tokens import api_token_create
from tests.factories import ApprovedMemberFactory, EventFactory, GroupFactory, TopicFactory

# Uncompressed: schemathesis's WSGI client does not undo GZipMiddleware's compression.
PLAIN = {"Accept-Encoding": "identity"}


@pytest.fixture
def api_world(db):
    topic = TopicFactory(slug="labour", name_en="Labour", name_fa="کار")
    group = GroupFactory(slug="left")
    events = [
        EventFactory(),
        EventFactory(modality="hybrid", meeting_link="https://meet.example.org/x"),
        EventFactory(venue_release_hours=24, title_fa="نشست", title_en=""),
        EventFactory(status="cancelled", visibility="public"),
        EventFactory(visibility="members"),
    ]
    for event in events:
        event.topics.add(topic)
        event.cohost_groups.add(group)
    return events


@pytest.fixture
def unthrottled(settings):
    # The examples of a run share one client address: no rate limit among them.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
    # As Django's test client does: a request's start and end must not close the connection
    # that holds the test's transaction.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _schema_document() -> dict:
    """What /api/schema/?format=json serves (test_served_schema_is_the_one_tested checks)."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document))


# Loaded when the tests are collected, as schemathesis's pytest plugin needs, and called
# through Django's WSGI application, as a client's request would be. (Its lazy loader,
# schemathesis.pytest.from_fixture, does not work with pytest 9.)
schema = schemathesis.openapi.from_dict(_schema_document())
schema.app = get_wsgi_application()


@pytest.mark.django_db
def test_served_schema_is_the_one_tested(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert json.loads(response.content) == _schema_document()


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    # The database is only read by these calls, so one world serves every example.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_as_its_schema_says(case, api_world, unthrottled):
    # Every other check: no 500, each status, content type and body as documented. Not that
    # every value the schema allows is accepted: a topic or group that does not exist, or a
    # cursor the API did not give, is a documented 400, which no schema can tell beforehand.
    case.call_and_validate(headers=PLAIN, excluded_checks=[positive_data_acceptance])


@pytest.mark.django_db
def test_real_events_answer_as_the_schema_says(api_world, unthrottled):
    for event in api_world[:4]:
        for path in ("/api/v1/events/{event_id}/", "/api/v1/events/{event_id}/programme/"):
            for lang in ("fa", "all"):
                operation = schema[path]["GET"]
                case = operation.Case(path_parameters={"event_id": event.pk}, query={"lang": lang})
                response = case.call_and_validate(headers=PLAIN)
                assert response.status_code == 200
    listing = schema["/api/v1/events/"]["GET"].Case(query={"lang": "all", "page_size": 2})
    assert len(listing.call_and_validate(headers=PLAIN).json()["results"]) == 2


def _resolved(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


@pytest.mark.django_db
def test_every_read_answers_as_its_schema_says_and_lists_are_paged_as_documented(
    api_world, unthrottled
):
    # The generated calls above have no token, so they never reach a member's own answers:
    # here every GET is called with one and with real data, and every page is followed.
    member = ApprovedMemberFactory()
    for event in api_world[:2]:
        rsvp_set(event=event, member=member, answer="going")
    _token, secret = api_token_create(member=member, label="schema")
    headers = {**PLAIN, "Authorization": f"Bearer {secret}"}
    document = _schema_document()
    paged = set()
    for path, item in document["paths"].items():
        if "get" not in item or not path.startswith("/api/v1/"):
            continue
        operation = schema[path]["GET"]
        names = {parameter["name"] for parameter in item["get"].get("parameters", [])}
        declared = _resolved(
            document, item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        )
        query = {"lang": "fa"} if "lang" in names else {}
        if "page_size" in names:
            query["page_size"] = 1
        path_parameters = {"event_id": api_world[0].pk} if "{event_id}" in path else {}
        while True:
            case = operation.Case(path_parameters=path_parameters, query=query)
            response = case.call_and_validate(headers=headers)
            assert response.status_code == 200, (path, response.text)
            body = response.json()
            if not (isinstance(body, dict) and "results" in body):
                assert declared.get("type") == ("array" if isinstance(body, list) else "object")
                break
            paged.add(path)
            assert set(declared["properties"]) == {"next", "previous", "results"}, path
            assert declared["properties"]["results"]["type"] == "array"
            assert {"cursor", "page_size"} <= names, path
            if body["next"] is None:
                break
            query = {**query, "cursor": parse_qs(urlsplit(body["next"]).query)["cursor"][0]}
    assert paged == {"/api/v1/events/", "/api/v1/me/answers/"}


# Python's dotted paths, file names, and the names of the code's classes.
INTERNAL_NAME = re.compile(
    r"\b(events|members|notifications|config|rest_framework|drf_spectacular)[./]\w"
    r"|\.py\b|\b\w+(Form|Serializer|View|Pagination|Middleware|Field)\b"
)


def _texts(node, key=""):
    if isinstance(node, dict):
        for name, value in node.items():
            yield from _texts(value, name)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value, key)
    elif isinstance(node, str) and key in ("description", "summary", "title"):
        yield node


def test_the_schema_names_nothing_of_the_code():
    leaks = [text for text in _texts(_schema_document()) if INTERNAL_NAME.search(text)]

    assert leaks == []
