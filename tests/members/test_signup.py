import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from members.enums import MembershipStatus
from members.models import User

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
LINK = re.compile(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/")


def signup_data(**overrides):
    data = {
        "email": "layla@tadamun.example",
        "password1": "a long Solidarity passphrase 2026",
        "password2": "a long Solidarity passphrase 2026",
        "display_name": "Layla",
        "preferred_language": "en",
        "time_zone": "Asia/Damascus",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db(transaction=True)  # account mail goes on commit
@pytest.mark.parametrize("language", ["ar", "fa", "en"])
def test_signup_verify_login_in_each_language(client, language):
    response = client.post(
        f"/{language}/accounts/signup/", signup_data(preferred_language=language)
    )
    assert response.status_code == 302
    member = User.objects.get(email="layla@tadamun.example")
    assert member.preferred_language == language
    assert member.time_zone == "Asia/Damascus"
    assert member.membership_status == MembershipStatus.PENDING
    assert not EmailAddress.objects.get(user=member).verified

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    with translation.override(language):
        assert gettext("Please Confirm Your Email Address") in message.subject
    assert bool(ARABIC_SCRIPT.search(message.body)) is (language in ("ar", "fa"))
    link = LINK.search(message.body).group(0)
    assert f"/{language}/accounts/confirm-email/" in link

    # Not verified yet: signing in is refused and points to the verification step.
    client.logout()
    login = client.post(
        f"/{language}/accounts/login/",
        {"login": "layla@tadamun.example", "password": "a long Solidarity passphrase 2026"},
    )
    assert login.status_code == 302
    assert "confirm-email" in login["Location"]
    assert "_auth_user_id" not in client.session

    path = link.split("://", 1)[1].split("/", 1)[1]
    confirm_page = client.get("/" + path)
    assert confirm_page.status_code == 200
    confirmed = client.post("/" + path)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(user=member).verified

    client.logout()
    login = client.post(
        f"/{language}/accounts/login/",
        {"login": "layla@tadamun.example", "password": "a long Solidarity passphrase 2026"},
    )
    assert login.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


@pytest.mark.django_db(transaction=True)  # account mail goes on commit
def test_verification_mail_uses_chosen_language_not_page_language(client):
    client.post("/en/accounts/signup/", signup_data(preferred_language="fa"))
    message = mail.outbox[0]
    with translation.override("fa"):
        assert gettext("Please Confirm Your Email Address") in message.subject
    assert "/fa/accounts/confirm-email/" in message.body


@pytest.mark.django_db(transaction=True)  # account mail goes on commit
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-email"),
        ("email", "two@@tadamun.example"),
        ("time_zone", "Mars/Olympus_Mons"),
        ("preferred_language", "de"),
        ("display_name", "x" * 81),
        ("display_name", "   "),
    ],
)
def test_signup_bad_input_is_refused_in_persian_and_writes_nothing(client, field, value):
    response = client.post("/fa/accounts/signup/", signup_data(**{field: value}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert ARABIC_SCRIPT.search(" ".join(errors[field]))
    assert User.objects.count() == 0
    assert EmailAddress.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_signup_without_csrf_token_is_refused(client):
    client = type(client)(enforce_csrf_checks=True)
    response = client.post("/ar/accounts/signup/", signup_data())
    assert response.status_code == 403
    assert ARABIC_SCRIPT.search(response.content.decode())
    assert User.objects.count() == 0


@pytest.mark.django_db(transaction=True)  # account mail goes on commit
def test_reused_verification_link_is_refused_without_error(client):
    client.post("/en/accounts/signup/", signup_data())
    path = "/" + LINK.search(mail.outbox[0].body).group(0).split("://", 1)[1].split("/", 1)[1]
    assert client.post(path).status_code == 302
    client.logout()
    second = client.post(path)
    # allauth answers an already used link with its "invalid link" page and changes nothing.
    assert second.status_code in (200, 404)
    assert EmailAddress.objects.filter(verified=True).count() == 1


@pytest.mark.django_db
def test_expired_verification_link_does_not_verify(client, settings):
    client.post("/en/accounts/signup/", signup_data())
    address = EmailAddress.objects.get()
    key = EmailConfirmationHMAC(address).key
    settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 0
    response = client.post(f"/en/accounts/confirm-email/{key}/")
    assert response.status_code in (200, 404)
    address.refresh_from_db()
    assert not address.verified


@pytest.mark.django_db
def test_forged_verification_key_is_refused(client):
    response = client.get("/en/accounts/confirm-email/not-a-real-key/")
    assert response.status_code in (200, 404)
    assert response.status_code != 500
