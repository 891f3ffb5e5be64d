"""handler500 (config/views.py): an unreachable database is a 503, anything else stays a 500.
tests/faults/test_database_restart.py stops a real PostgreSQL under a real server."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from config.views import page_not_found, server_error
from tests.factories import PASSWORD, ApprovedMemberFactory, EventFactory


def answer_to(error: Exception, request):
    try:
        raise error
    except Exception:  # as Django calls handler500: while the exception is handled
        return server_error(request)


@pytest.mark.parametrize(
    "error", [OperationalError("connection refused"), InterfaceError("connection already closed")]
)
def test_unreachable_database_is_a_503_in_the_readers_language(rf, error):
    with translation.override("ar"):
        response = answer_to(error, rf.get("/ar/events/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert 'lang="ar" dir="rtl"' in response.content.decode()
    assert "الموقع غير متاح لبرهة" in response.content.decode()


def test_other_errors_keep_the_500_page(rf):
    response = answer_to(ValueError("a bug"), rf.get("/en/events/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_a_silent_database_host_is_given_up_on_within_seconds():
    # Without a connect timeout a host that drops packets holds the worker for minutes and the
    # proxy answers 502 instead of the 503 page above.
    from django.db import connection

    assert connection.get_connection_params()["connect_timeout"] == 5


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_503_page_is_true_for_any_request_and_its_retry_after(rf, method):
    response = answer_to(OperationalError("connection refused"), getattr(rf, method)("/en/"))
    html = response.content.decode()
    assert "minute" not in html  # Retry-After is RETRY_AFTER_SECONDS, 30
    assert "Please try again in a moment. If you were sending a form, it was not saved" in html
    with translation.override("fa"):
        persian = answer_to(OperationalError("connection refused"), rf.get("/fa/"))
    assert "لحظاتی دیگر" in persian.content.decode()


# The 404 page (handler404, config/views.py): a members-only event answers like a missing one,
# and a signed-out reader is offered to sign in and come back. DEBUG is on in tests; Django then
# shows its technical page, so these switch it off as production runs.

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def production(settings):
    settings.DEBUG = False


def _page(response, event_id: int) -> str:
    """The body with the event's id in the path (plain and in `?next=`) and the per-response
    CSRF token of the language switcher's form taken out."""
    html = CSRF_TOKEN.sub("", response.content.decode())
    return html.replace(f"events/{event_id}/", "events/ID/").replace(
        f"events%2F{event_id}%2F", "events%2FID%2F"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_a_members_only_event_and_a_missing_one_answer_the_same_404(client, production, language):
    hidden = EventFactory(visibility="members")
    missing = hidden.pk + 1000
    response = client.get(f"/{language}/events/{hidden.pk}/")
    other = client.get(f"/{language}/events/{missing}/")
    assert response.status_code == other.status_code == 404
    assert _page(response, hidden.pk) == _page(other, missing)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "direction", "words"),
    [
        ("en", "ltr", "may be open only to signed-in members"),
        ("ar", "rtl", "للأعضاء المسجّلين دخولهم"),
        ("fa", "rtl", "اعضایی که وارد شده‌اند"),
    ],
)
def test_a_stranger_is_told_in_their_language_that_the_page_may_need_signing_in(
    client, production, language, direction, words
):
    event = EventFactory(visibility="members")
    html = client.get(f"/{language}/events/{event.pk}/").content.decode()
    assert f'lang="{language}" dir="{direction}"' in html
    assert words in html
    login = reverse("account_login").replace("/en/", f"/{language}/")
    assert f'href="{login}?next=%2F{language}%2Fevents%2F{event.pk}%2F"' in html


@pytest.mark.django_db
def test_an_unknown_address_gets_the_same_page(client, production):
    response = client.get("/fa/no-such-page/")
    assert response.status_code == 404
    assert "/fa/accounts/login/?next=%2Ffa%2Fno-such-page%2F" in response.content.decode()


@pytest.mark.django_db
def test_a_member_gets_the_plain_not_found_text_without_a_sign_in_link(member_client, production):
    html = member_client.get("/en/events/999999/").content.decode()
    assert "There is nothing at this address, or it is not visible to you." in html
    assert "?next=" not in html


def test_the_sign_in_link_never_leads_off_the_site(rf):
    request = rf.get("/x")
    request.path = "//evil.example.org/x"  # as a request line "GET //evil.example.org/x" gives
    request.user = AnonymousUser()
    with translation.override("en"):
        html = page_not_found(request, Http404()).content.decode()
    assert "evil.example.org" not in html.split("<main")[1].split("Back to the start page")[0]
    assert "?next=" not in html


@pytest.mark.django_db
def test_signing_in_from_the_404_page_leads_to_the_members_only_event(client, production):
    event = EventFactory(visibility="members", title_en="Closed strategy meeting")
    member = ApprovedMemberFactory()
    stranger_page = client.get(f"/en/events/{event.pk}/")
    assert stranger_page.status_code == 404
    link = re.search(r'href="(/en/accounts/login/\?next=[^"]+)"', stranger_page.content.decode())
    sign_in = client.post(link[1], {"login": member.email, "password": PASSWORD})
    assert sign_in.status_code == 302
    assert sign_in["Location"] == f"/en/events/{event.pk}/"
    page = client.get(sign_in["Location"])
    assert page.status_code == 200
    assert "Closed strategy meeting" in page.content.decode()


# 405: an address that only receives a form, opened as a page (config/middleware.py)

POST_ONLY_PAGES = [
    ("/fa/events/{event}/answer/", "/fa/events/{event}/"),
    ("/fa/events/{event}/guest/", "/fa/events/{event}/"),
    ("/i18n/setlang/", None),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "form_page"), POST_ONLY_PAGES)
def test_opening_a_form_only_address_is_a_translated_page_with_a_way_back(client, path, form_page):
    event = EventFactory(visibility="public", guest_registration=True)
    client.force_login(ApprovedMemberFactory(preferred_language="fa"))
    response = client.get(path.format(event=event.pk))
    html = response.content.decode()
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert 'lang="fa" dir="rtl"' in html
    assert "این نشانی فقط فرم دریافت می‌کند" in html
    if form_page:
        assert f'<a href="{form_page.format(event=event.pk)}" id="back-to-form">' in html
    else:
        assert 'id="back-to-start"' in html


def test_a_form_sent_to_a_page_only_address_is_a_translated_page(client):
    response = client.post("/ar/calendar/events.ics")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "هذا الرابط لا يقبل ما أُرسل إليه" in response.content.decode()
    assert 'id="back-to-start"' in response.content.decode()


@pytest.mark.django_db
def test_the_apis_405_stays_json(client):
    response = client.post("/api/v1/events/")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
