"""The public API's headers: CORS for the read endpoints only, rate limits, and a docs page
that works under the site's Content-Security-Policy."""

import pytest
from django.core.cache import cache

from tests.events.test_api_events import EVENTS
from tests.factories import EventFactory
from tests.inline_code import inline_code
from tests.test_security_headers import POLICY, policy_of

ORIGIN = "https://allied.example.net"


@pytest.mark.django_db
@pytest.mark.parametrize("path", [EVENTS, "/api/v1/topics/", "event", "programme"])
def test_read_endpoints_may_be_read_by_any_site_without_credentials(client, path):
    event = EventFactory()
    path = {"event": f"{EVENTS}{event.pk}/", "programme": f"{EVENTS}{event.pk}/programme/"}.get(
        path, path
    )
    response = client.get(path, headers={"origin": ORIGIN})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        path, headers={"origin": ORIGIN, "access-control-request-method": "GET"}
    )
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/schema/", "/api/docs/", "/api/v1/me/answers/", "/en/", "/en/events/"]
)
def test_other_addresses_have_no_cors_header(client, path):
    response = client.get(path, headers={"origin": ORIGIN})
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
def test_too_many_calls_from_one_client_get_429(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "5/minute"},
    }
    statuses = [client.get(EVENTS).status_code for _call in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/topics/", {"lang": "en"})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["detail"].startswith("Too many requests in a short time.")
    # Another client still gets through; no address is part of a cache key.
    other = client.get(EVENTS, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200
    redis = cache._cache.get_client(write=False)
    keys = [key.decode() for key in redis.keys("*throttle_anon_*")]
    assert len(keys) == 2
    assert all("127.0.0.1" not in key and "192.0.2.7" not in key for key in keys)


@pytest.mark.django_db
def test_docs_page_uses_our_own_files_under_the_sites_policy(client):
    response = client.get("/api/docs/", headers={"accept-language": "fa"})
    assert response.status_code == 200
    html = response.content.decode()
    assert policy_of(response) == POLICY
    assert inline_code(html) == []
    assert '<html lang="fa" dir="rtl">' in html
    assert "<title>رابط برنامه‌نویسی تضامن (API)</title>" in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "http://" not in html.replace('href="http://localhost', "")
    assert "https://" not in html
    script = client.get("/api/docs/", {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert '"/api/schema/"' in script.content.decode()
    assert "validatorUrl" in script.content.decode()


@pytest.mark.django_db
def test_schema_is_openapi_3_and_names_the_read_endpoints(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/events/",
        "/api/v1/events/{event_id}/",
        "/api/v1/events/{event_id}/programme/",
        "/api/v1/topics/",
    } <= set(schema["paths"])


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete", "options", "head"])
def test_an_unknown_address_is_a_404_that_allows_nothing(client, method):
    response = getattr(client, method)("/api/v1/nowhere/", HTTP_ACCEPT="application/json")

    assert response.status_code == 404
    assert "Allow" not in response


@pytest.mark.django_db
def test_a_real_endpoint_still_says_what_it_allows(client):
    assert client.get(EVENTS)["Allow"] == "GET, HEAD, OPTIONS"
