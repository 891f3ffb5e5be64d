import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.factories import PASSWORD, OrganizerFactory


def current_totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(client, user):
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_organizer_without_mfa_is_sent_to_set_it_up(client):
    organizer = OrganizerFactory(mfa=False)
    client.force_login(organizer)
    response = client.get("/en/organizers/members/?status=pending")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/2fa/totp/activate/")
    assert "next=%2Fen%2Forganizers%2Fmembers%2F%3Fstatus%3Dpending" in response["Location"]


@pytest.mark.django_db
def test_organizer_without_mfa_cannot_approve(client, pending_member):
    organizer = OrganizerFactory(mfa=False)
    client.force_login(organizer)
    response = client.post(f"/en/organizers/members/{pending_member.pk}/approve/")
    assert response.status_code == 302
    pending_member.refresh_from_db()
    assert pending_member.membership_status == "pending"


@pytest.mark.django_db
def test_organizer_with_mfa_opens_organizer_page(organizer_client):
    assert organizer_client.get("/en/organizers/members/").status_code == 200


@pytest.mark.django_db
def test_organizer_sets_up_totp_then_reaches_the_page(client):
    organizer = OrganizerFactory(mfa=False)
    sign_in(client, organizer)
    # allauth asks for the password again before any change to two-factor settings.
    reauthenticate = client.get("/en/organizers/members/", follow=True)
    assert reauthenticate.request["PATH_INFO"] == "/en/accounts/reauthenticate/"
    setup = client.post(reauthenticate.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert setup.request["PATH_INFO"] == "/en/accounts/2fa/totp/activate/"
    secret = setup.context["form"].secret
    activated = client.post(
        "/en/accounts/2fa/totp/activate/?next=/en/organizers/members/",
        {"code": current_totp_code(secret)},
        follow=True,
    )
    assert activated.status_code == 200
    assert client.get("/en/organizers/members/").status_code == 200


@pytest.mark.django_db
def test_mfa_setup_page_is_available_to_every_member(client, member):
    sign_in(client, member)
    response = client.post(
        "/en/accounts/reauthenticate/?next=/en/accounts/2fa/totp/activate/",
        {"password": PASSWORD},
        follow=True,
    )
    assert response.request["PATH_INFO"] == "/en/accounts/2fa/totp/activate/"
    assert 'name="code"' in response.content.decode()


@pytest.mark.django_db
def test_organizer_with_mfa_must_give_a_code_to_sign_in(client, organizer):
    response = client.post("/en/accounts/login/", {"login": organizer.email, "password": PASSWORD})
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
