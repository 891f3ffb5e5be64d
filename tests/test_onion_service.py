"""The site on its onion service (ONION_URL) beside its public address: config/middleware.py,
members/links.py."""

import re

import pytest
from django.test import Client

from events.services.feed_tokens import feed_token_create
from tests.conftest import ONION_HOST
from tests.events.calendar_parsing import parse, vevents
from tests.factories import PASSWORD, ApprovedMemberFactory, EventFactory, RsvpFactory

WEB_HOST = "tadamun.example.org"
HOST = re.compile(r"(?:https?|webcal)://([\w.-]+)")


@pytest.fixture
def production_security(settings):
    """What production sends over https: the redirect, HSTS and Secure cookies."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


def web(**extra) -> Client:
    return Client(headers={"host": WEB_HOST}, **extra)


def onion(**extra) -> Client:
    return Client(headers={"host": ONION_HOST}, **extra)


# The code an organizer copies into an allied site names the public address on purpose: the
# allied site's readers could not open the onion one (events/templatetags/feed_tags.py,
# embed_code). It is text to copy, not a link of this page's; its preview link is on the page's.
EMBED_CODE = re.compile(r"https://tadamun\.example\.org/embed/events/[^\s\"'<>&]*")


def hosts_in(html: str) -> set[str]:
    return set(HOST.findall(EMBED_CODE.sub("", html)))


@pytest.mark.django_db
def test_web_pages_point_tor_browser_to_the_same_page_on_the_onion_service(onion_url):
    response = web().get("/en/events/?kind=webinar&q=solidarity", secure=True)
    assert response.status_code == 200
    assert response["Onion-Location"] == f"{onion_url}/en/events/?kind=webinar&q=solidarity"


@pytest.mark.django_db
def test_no_onion_location_on_the_onion_service_on_other_content_or_without_one(
    onion_url, settings
):
    assert "Onion-Location" not in onion().get("/en/events/")
    assert "Onion-Location" not in web().get("/en/calendar/events.ics", secure=True)
    assert "Onion-Location" not in web().get("/healthz", secure=True)
    settings.ONION_URL = ""
    assert "Onion-Location" not in web().get("/en/events/", secure=True)


@pytest.mark.django_db
def test_the_onion_service_answers_over_http_without_redirect_or_hsts(
    onion_url, production_security
):
    response = onion().get("/en/events/")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    # The public address still goes to https, and keeps its HSTS there.
    assert web().get("/en/events/")["Location"] == f"https://{WEB_HOST}/en/events/"
    assert "Strict-Transport-Security" in web().get("/en/events/", secure=True)


@pytest.mark.django_db
def test_signing_in_through_the_onion_service_works_and_its_cookies_are_not_secure_only(
    onion_url, production_security
):
    member = ApprovedMemberFactory()
    client = onion(enforce_csrf_checks=True)
    page = client.get("/en/accounts/login/")
    assert page.cookies["csrftoken"]["secure"] == ""
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = client.post(
        "/en/accounts/login/",
        {"login": member.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"origin": onion_url},
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"] == ""
    assert client.get("/en/members/profile/").status_code == 200
    member.refresh_from_db()
    assert member.signed_in_through_onion is True
    # On the public address they stay Secure.
    assert web().get("/en/accounts/login/", secure=True).cookies["csrftoken"]["secure"] is True


@pytest.mark.django_db
def test_a_page_links_only_to_the_address_it_is_served_on(onion_url):
    event = EventFactory(meeting_link="https://meet.example.org/a")
    for path in ("/en/events/", f"/en/events/{event.pk}/"):
        # Web first: a visitor's page kept in the cache must not be served on the other host.
        assert hosts_in(web().get(path, secure=True).content.decode()) == {WEB_HOST}
        assert hosts_in(onion().get(path).content.decode()) == {ONION_HOST}


@pytest.mark.django_db
def test_the_private_calendar_address_shown_is_on_the_pages_host(onion_url, member):
    client = onion()
    client.force_login(member)
    page = client.post("/en/calendar/private/new/", follow=True).content.decode()
    assert re.search(rf"webcal://{ONION_HOST}/en/calendar/private/[\w-]{{43}}\.ics", page)
    assert WEB_HOST not in page


@pytest.mark.django_db
def test_a_feed_fetched_through_the_onion_service_links_to_it(onion_url, site_url, member):
    event = RsvpFactory(member=member).event
    token = feed_token_create(member=member)
    for path in ("/en/calendar/events.ics", f"/en/calendar/private/{token}.ics"):
        through_web = web().get(path, secure=True)
        through_onion = onion().get(path)
        assert through_web["ETag"] != through_onion["ETag"]
        [entry] = vevents(parse(through_onion))
        assert str(entry["URL"]) == f"{onion_url}/en/events/{event.pk}/"
        assert WEB_HOST not in through_onion.content.decode()
        [entry] = vevents(parse(through_web))
        assert str(entry["URL"]) == f"{site_url}/en/events/{event.pk}/"


@pytest.mark.django_db
def test_another_host_never_makes_links(onion_url, site_url, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "elsewhere.example"]
    html = Client(headers={"host": "elsewhere.example"}).get("/en/events/", secure=True)
    assert hosts_in(html.content.decode()) <= {WEB_HOST}


@pytest.mark.django_db
def test_calendar_instructions_name_the_scheme_of_the_pages_address(onion_url):
    through_web = web().get("/en/events/", secure=True).content.decode()
    through_onion = onion().get("/en/events/").content.decode()
    assert "Address for Google Calendar and others (https://)" in through_web
    assert "paste the https:// address" in through_web
    assert "https://" not in EMBED_CODE.sub("", through_onion)
    assert "Address for other calendar apps (http://)" in through_onion
    assert "These addresses open only through Tor." in through_onion
    assert f'value="http://{ONION_HOST}/en/calendar/events.ics?lang=en"' in through_onion


@pytest.mark.django_db
def test_the_embed_preview_opens_on_the_pages_address_and_the_code_on_the_public_one(onion_url):
    page = onion().get("/fa/events/").content.decode()
    code = "&lt;iframe src=&quot;https://tadamun.example.org/embed/events/?lang=fa&quot;"
    assert code in page
    preview = f'<a href="http://{ONION_HOST}/embed/events/?lang=fa" target="_blank"'
    assert preview in page
    web_page = web().get("/fa/events/", secure=True).content.decode()
    assert '<a href="https://tadamun.example.org/embed/events/?lang=fa" target="_blank"' in web_page
