import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.factories import PASSWORD, MemberFactory

EXTERNAL_ASSET = re.compile(r'(?:src|href)="(?:https?:)?//', re.IGNORECASE)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "direction", "stylesheet"),
    [
        ("ar", "rtl", "bootstrap.rtl.trimmed.min.css"),
        ("fa", "rtl", "bootstrap.rtl.trimmed.min.css"),
        ("en", "ltr", "bootstrap.trimmed.min.css"),
    ],
)
def test_page_direction_and_stylesheet_follow_language(client, language, direction, stylesheet):
    html = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert f"/static/vendor/bootstrap/{stylesheet}" in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/fa/", "/ar/accounts/signup/", "/en/accounts/login/"])
def test_pages_load_nothing_from_other_sites(client, path):
    html = client.get(path).content.decode()
    assert not EXTERNAL_ASSET.search(html)


@pytest.mark.django_db
def test_persian_home_page_is_in_persian(client):
    html = client.get("/fa/").content.decode()
    assert "تضامن" in html
    assert "Pseudonyms welcome" not in html


@pytest.mark.django_db
def test_root_follows_accept_language(client):
    response = client.get("/", headers={"accept-language": "fa-IR,fa;q=0.9,en;q=0.5"})
    assert response.status_code == 302
    assert response["Location"] == "/fa/"


@pytest.mark.django_db
def test_url_prefix_wins_over_accept_language_for_strangers(client):
    html = client.get("/ar/", headers={"accept-language": "en"}).content.decode()
    assert 'lang="ar"' in html


@pytest.mark.django_db
def test_profile_language_wins_over_url_prefix(client, member):
    member.preferred_language = "fa"
    member.save()
    client.force_login(member)
    response = client.get("/en/members/profile/?tab=1")
    assert response.status_code == 302
    assert response["Location"] == "/fa/members/profile/?tab=1"
    html = client.get(response["Location"]).content.decode()
    assert 'lang="fa" dir="rtl"' in html


@pytest.mark.django_db
def test_language_switcher_saves_the_members_choice(member_client, member):
    response = member_client.post(
        "/i18n/setlang/", {"language": "ar", "next": "/en/members/profile/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/ar/members/profile/"
    member.refresh_from_db()
    assert member.preferred_language == "ar"


@pytest.mark.django_db
def test_language_switcher_ignores_unknown_language(member_client, member):
    response = member_client.post("/i18n/setlang/", {"language": "xx", "next": "/en/"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.preferred_language == "en"


@pytest.mark.django_db
def test_switcher_for_visitors_links_the_same_page_in_each_language(client):
    for path in ["/en/", "/en/accounts/login/", "/en/accounts/signup/"]:
        html = client.get(path + "?next=%2Fen%2Fevents%2F").content.decode()
        rest = path.removeprefix("/en")
        for language in ("ar", "fa", "en"):
            assert f'href="/{language}{rest}?next=%2Fen%2Fevents%2F" lang="{language}"' in html
        assert 'action="/i18n/setlang/"' not in html


@pytest.mark.django_db
def test_switcher_for_members_is_a_form_that_saves_the_choice(member_client):
    for path in ["/en/", "/en/events/", "/en/members/profile/"]:
        assert 'action="/i18n/setlang/"' in member_client.get(path).content.decode()


@pytest.mark.django_db
def test_form_posted_under_another_prefix_is_answered_not_lost(member_client, member):
    response = member_client.post(
        "/fa/members/profile/",
        {"display_name": "", "preferred_language": "en", "time_zone": "UTC"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["display_name"]


@pytest.mark.django_db
@pytest.mark.parametrize(("page_language", "own_language"), [("fa", "ar"), ("ar", "en")])
def test_sign_in_message_is_in_the_members_language_not_the_login_pages(
    client, page_language, own_language
):
    member = MemberFactory(preferred_language=own_language, display_name="Layla")
    response = client.post(
        f"/{page_language}/accounts/login/",
        {"login": member.email, "password": PASSWORD},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    with translation.override(own_language):
        expected = render_to_string(
            "account/messages/logged_in.txt", {"user": member, "user_display": "Layla"}
        ).strip()
    assert response.request["PATH_INFO"].startswith(f"/{own_language}/")
    assert expected in shown
