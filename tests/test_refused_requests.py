"""Requests Django refuses before a view sees them (django.core.handlers.exception) answer the
translated pages, as with `make run` (DEBUG off): a 3 MB paste is a 413 saying to shorten it,
too many fields a 400, a malformed upload a 400, a foreign Host a 400, a stale form token a 403,
and a bug a 500."""

from unittest import mock

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PAGES = {
    "en": ("ltr", "What you sent is too large", "This form has too many fields"),
    "ar": ("rtl", "ما أرسلته كبير جدًا", "في هذا النموذج حقول كثيرة جدًا"),
    "fa": ("rtl", "آنچه فرستادید بیش از حد بزرگ است", "این فرم فیلدهای بیش از حد زیادی دارد"),
}
GENERAL_400 = {
    "en": "This request could not be understood",
    "ar": "تعذّر فهم هذا الطلب",
    "fa": "این درخواست قابل درک نبود",
}


@pytest.fixture(autouse=True)
def _make_runs_error_pages(settings):
    settings.DEBUG = False


def _page(response, language: str) -> str:
    html = response.content.decode()
    assert f'lang="{language}" dir="{PAGES[language][0]}"' in html
    assert "Traceback" not in html
    assert "DATA_UPLOAD_MAX" not in html
    return html


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_a_3_mb_paste_is_a_413_that_says_to_shorten_it(member_client, language):
    response = member_client.post(
        f"/{language}/proposals/new/", {"description_en": "x" * 3_000_000}
    )
    assert response.status_code == 413
    assert PAGES[language][1] in _page(response, language)


@pytest.mark.parametrize(
    ("referer", "back"),
    [
        ("http://testserver/en/proposals/new/?step=2", "/en/proposals/new/"),
        ("/en/events/7/edit/", "/en/events/7/edit/"),
        ("https://evil.example/en/proposals/new/", None),
        ("//evil.example/en/proposals/new/", None),
        ("http://testserver.evil.example/en/", None),
        ("javascript:alert(1)", None),
        (None, None),
    ],
)
def test_the_413_page_leads_back_to_the_page_on_this_site_the_reader_came_from(
    member_client, referer, back
):
    headers = {"HTTP_REFERER": referer} if referer is not None else {}
    response = member_client.post(
        "/en/proposals/new/", {"description_en": "x" * 3_000_000}, **headers
    )
    html = _page(response, "en")
    assert response.status_code == 413
    if back is None:
        assert 'id="back-to-page"' not in html
        assert '<p><a href="/en/">Back to the start page</a></p>' in html
    else:
        assert f'<a href="{back}" id="back-to-page">Back to the page you were on</a>' in html
        assert "evil" not in html


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_a_form_of_too_many_fields_is_a_400_that_says_so(member_client, language):
    fields = {f"field{number}": "1" for number in range(1001)}
    response = member_client.post(f"/{language}/proposals/new/", fields)
    assert response.status_code == 400
    assert PAGES[language][2] in _page(response, language)


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_an_address_of_too_many_fields_is_a_400_that_says_so(client, language):
    query = "&".join(f"f{number}=1" for number in range(1001))
    response = client.get(f"/{language}/events/?{query}")
    assert response.status_code == 400
    assert PAGES[language][2] in _page(response, language)


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_too_many_files_is_a_400_that_says_so(member_client, language):
    body = "".join(
        f'--B\r\nContent-Disposition: form-data; name="f{number}"; filename="a.txt"\r\n'
        "Content-Type: text/plain\r\n\r\nx\r\n"
        for number in range(101)
    )
    response = member_client.generic(
        "POST",
        f"/{language}/proposals/new/",
        f"{body}--B--\r\n".encode(),
        content_type="multipart/form-data; boundary=B",
    )
    assert response.status_code == 400
    assert PAGES[language][2] in _page(response, language)


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_a_malformed_upload_is_the_general_400(member_client, language):
    response = member_client.generic(
        "POST",
        f"/{language}/proposals/new/",
        b"--B\r\nno headers at all",
        content_type="multipart/form-data; boundary=",
    )
    assert response.status_code == 400
    assert GENERAL_400[language] in _page(response, language)


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_a_feed_filter_that_makes_no_sense_is_the_general_400(client, language):
    response = client.get(f"/{language}/calendar/events.ics?kind=nonsense")
    assert response.status_code == 400
    assert GENERAL_400[language] in _page(response, language)


def test_a_request_for_another_host_is_a_400_without_a_500(client):
    response = client.get("/en/", headers={"host": "evil.example.org"})
    assert response.status_code == 400
    assert "evil.example.org" not in response.content.decode()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "This form could not be accepted"),
        ("ar", "تعذّر قبول هذا النموذج"),
        ("fa", "این فرم پذیرفته نشد"),
    ],
)
def test_a_form_without_its_token_is_the_translated_403(member, language, words):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(f"/{language}/proposals/new/", {"title_en": "x"})
    assert response.status_code == 403
    html = _page(response, language)
    assert words in html
    assert 'href="/' + language + '/members/profile/"' in html  # the menu as signed in


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Something went wrong"), ("ar", "حدث خطأ ما"), ("fa", "مشکلی پیش آمد")],
)
def test_a_bug_is_the_translated_500(client, language, words):
    client.raise_request_exception = False
    with mock.patch("members.views.render", side_effect=RuntimeError("a bug")):
        response = client.get(f"/{language}/")
    assert response.status_code == 500
    html = _page(response, language)
    assert words in html
    assert "a bug" not in html


def test_the_favicon_is_there_for_browsers_that_ask_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.ico"
    assert response["Cache-Control"] == "public, max-age=86400"


@pytest.mark.parametrize("path", ["/en/", "/fa/events/"])
def test_pages_link_the_icon(client, path):
    html = client.get(path).content.decode()
    assert '<link rel="icon" href="/static/img/favicon.ico" sizes="32x32">' in html
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
