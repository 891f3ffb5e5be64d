import hashlib
import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from members.models import ApiToken
from members.services import member_delete_account
from members.services_tokens import MAX_API_TOKENS, ApiTokenRefused, api_token_create
from tests.factories import ApprovedMemberFactory, api_token_headers

TOKENS_PAGE = "/en/members/api-tokens/"
ANSWERS = "/api/v1/me/answers/"
SECRET = re.compile(r'value="(tdm_[A-Za-z0-9_-]{43})"')


def revoke_url(token) -> str:
    return f"/en/members/api-tokens/{token.pk}/revoke/"


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


# The account pages


@pytest.mark.django_db
def test_creating_a_token_shows_it_once_and_stores_only_its_digest(member_client, member):
    posted = member_client.post(TOKENS_PAGE, {"label": "Calendar script"})
    response = member_client.get(TOKENS_PAGE)

    assert (posted.status_code, posted["Location"]) == (302, TOKENS_PAGE)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Token “<bdi>Calendar script</bdi>”" in response.content.decode()
    secret = SECRET.search(response.content.decode()).group(1)
    stored = ApiToken.objects.get(member=member)
    assert stored.label == "Calendar script"
    assert stored.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert stored.prefix == secret[:10]
    assert secret[10:] not in stored.digest
    page = member_client.get(TOKENS_PAGE).content.decode()
    assert secret not in page
    assert "Calendar script" in page
    assert f"{stored.prefix}…" in page


@pytest.mark.django_db
def test_reloading_the_shown_token_makes_no_new_one(member_client, member):
    shown = member_client.post(TOKENS_PAGE, {"label": "Calendar script"}, follow=True)
    secret = SECRET.search(shown.content.decode()).group(1)
    reloaded = member_client.get(TOKENS_PAGE)
    assert reloaded.status_code == 200
    assert secret not in reloaded.content.decode()
    assert list(ApiToken.objects.filter(member=member).values_list("label", flat=True)) == [
        "Calendar script"
    ]
    assert Client().get(ANSWERS, **bearer(secret)).status_code == 200


@pytest.mark.django_db
def test_token_list_shows_name_dates_and_revoke_link(member_client, member):
    token, _secret = api_token_create(member=member, label="Phone")
    ApiToken.objects.filter(pk=token.pk).update(last_used_on=timezone.now().date())
    api_token_create(member=member, label="Laptop")
    api_token_create(member=ApprovedMemberFactory(), label="Someone else's")

    page = member_client.get(TOKENS_PAGE).content.decode()

    table = page[page.index("<table") : page.index("</table>")]
    assert table.index("Laptop") < table.index("Phone")  # newest first
    assert "Never" in table
    assert revoke_url(token) in table
    assert "Someone else" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 8])
def test_token_list_queries_do_not_grow_with_tokens(
    member_client, member, count, django_assert_max_num_queries
):
    for number in range(count):
        api_token_create(member=member, label=f"Script {number}")
    with django_assert_max_num_queries(8):
        assert member_client.get(TOKENS_PAGE).status_code == 200


@pytest.mark.django_db
def test_pending_member_is_told_why_there_is_no_token(client, pending_member):
    client.force_login(pending_member)

    page = client.get(TOKENS_PAGE).content.decode()
    response = client.post(TOKENS_PAGE, {"label": "Script"})

    assert 'name="label"' not in page
    assert "API tokens are for approved members" in page
    assert response.status_code == 403
    assert "API tokens are for approved members" in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_token_limit_refuses_one_more_with_a_message(member_client, member):
    for number in range(MAX_API_TOKENS):
        api_token_create(member=member, label=f"Script {number}")

    response = member_client.post(TOKENS_PAGE, {"label": "One too many"})

    assert response.status_code == 400
    assert (
        f"You already have {MAX_API_TOKENS} API tokens, the most you can have."
        in response.content.decode()
    )
    assert ApiToken.objects.filter(member=member).count() == MAX_API_TOKENS


@pytest.mark.django_db
def test_token_limit_message_is_translated(client):
    member = ApprovedMemberFactory(preferred_language="fa")
    for number in range(MAX_API_TOKENS):
        api_token_create(member=member, label=f"Script {number}")
    client.force_login(member)

    response = client.post("/fa/members/api-tokens/", {"label": "یکی دیگر"})

    assert response.status_code == 400
    assert "شما هم‌اکنون ۱۰ توکن دارید" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("label", ["", "   ", "\u200b\u200c", "x" * 81])
def test_token_needs_a_visible_name_of_fitting_length(member_client, member, label):
    response = member_client.post(TOKENS_PAGE, {"label": label})

    assert response.status_code == 400
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_revoking_asks_first_then_stops_the_token_at_once(member_client, member):
    token, secret = api_token_create(member=member, label="Old laptop")
    api = Client()
    assert api.get(ANSWERS, **bearer(secret)).status_code == 200

    asked = member_client.get(revoke_url(token))
    unconfirmed = member_client.post(revoke_url(token))
    assert asked.status_code == 200
    assert "Revoke this API token?" in asked.content.decode()
    assert unconfirmed.status_code == 400
    assert ApiToken.objects.filter(pk=token.pk).exists()

    done = member_client.post(revoke_url(token), {"confirmed": "1"}, follow=True)

    assert done.redirect_chain == [(TOKENS_PAGE, 302)]
    assert "is revoked: it no longer works." in done.content.decode()
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert api.get(ANSWERS, **bearer(secret)).status_code == 401


@pytest.mark.django_db
def test_another_members_token_cannot_be_revoked(member_client):
    token, _secret = api_token_create(member=ApprovedMemberFactory(), label="Theirs")

    assert member_client.get(revoke_url(token)).status_code == 404
    assert member_client.post(revoke_url(token), {"confirmed": "1"}).status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


@pytest.mark.django_db
def test_account_menu_links_to_the_tokens(member_client):
    assert f'href="{TOKENS_PAGE}"' in member_client.get("/en/members/profile/").content.decode()


# With the account


@pytest.mark.django_db
def test_deleting_the_account_removes_its_tokens(member):
    headers = api_token_headers(member)

    member_delete_account(member=member)

    assert not ApiToken.objects.exists()
    assert Client().get(ANSWERS, **headers).status_code == 401


@pytest.mark.django_db
def test_data_download_lists_tokens_without_secrets(member_client, member):
    token, secret = api_token_create(member=member, label="Calendar script")

    response = member_client.get("/en/members/my-data.json")

    exported = json.loads(response.content)["api_tokens"]
    assert exported == [
        {
            "name": "Calendar script",
            "starts_with": token.prefix,
            "created_at": token.created_at.isoformat(),
            "last_used_on": None,
        }
    ]
    assert secret not in response.content.decode()
    assert token.digest not in response.content.decode()


# At the API's door


@pytest.mark.django_db
def test_a_token_is_marked_used_by_date_only(member):
    headers = api_token_headers(member)
    token = ApiToken.objects.get(member=member)
    ApiToken.objects.filter(pk=token.pk).update(last_used_on=timezone.now().date() - timedelta(3))

    assert Client().get(ANSWERS, **headers).status_code == 200

    token.refresh_from_db()
    assert token.last_used_on == timezone.now().date()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    [
        "Bearer tdm_" + "a" * 43,  # well formed, unknown
        "Bearer not-a-token",
        "Bearer",
        "Bearer one two",
        "Basic dXNlcjpwYXNz",  # another scheme: no credentials at all
        "",
    ],
)
def test_bad_or_missing_credentials_get_401(header):
    response = Client().get(ANSWERS, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert set(response.json()) == {"detail"}


@pytest.mark.django_db
def test_the_other_scheme_name_token_is_not_accepted(member):
    secret = api_token_headers(member)["HTTP_AUTHORIZATION"].split()[1]

    assert Client().get(ANSWERS, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 401


@pytest.mark.django_db
def test_a_signed_in_session_is_not_enough(member_client):
    assert member_client.get(ANSWERS).status_code == 401


@pytest.mark.django_db
def test_an_inactive_members_token_gets_401(member):
    headers = api_token_headers(member)
    member.is_active = False
    member.save(update_fields=["is_active"])

    assert Client().get(ANSWERS, **headers).status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_a_token_of_a_member_no_longer_approved_gets_403(member, status):
    headers = api_token_headers(member)
    member.membership_status = status
    member.save(update_fields=["membership_status"])

    response = Client().get(ANSWERS, **headers)

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only approved members can use the API with a personal token."
    }


@pytest.mark.django_db
def test_pending_member_cannot_get_a_token_from_the_service(pending_member):
    with pytest.raises(ApiTokenRefused):
        api_token_create(member=pending_member, label="Script")
