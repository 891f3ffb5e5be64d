"""allauth's mails: the recipient's language, links on the site's public address, the site's name.

A request's Host header is under the sender's control (a forged one would put another host into a
password-reset link), and its language prefix is the page's, not the recipient's; neither may
reach a mail.
"""

import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from django.core import mail
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext

from members.models import User
from tests.factories import PASSWORD, ApprovedMemberFactory
from tests.mail_links import links_in, links_off_site
from tests.members.test_signup import signup_data

FORGED_HOST = "attacker.example"
SITE_NAME = {"ar": "تضامن", "fa": "تضامن", "en": "Tadamun"}


@pytest.fixture
def forged_host(settings):
    settings.ALLOWED_HOSTS = ["*"]
    return {"HTTP_HOST": FORGED_HOST}


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def assert_mail_for(message, *, site_url: str, language: str, subject: str) -> list[str]:
    """The checks every allauth mail passes; returns its links for more specific ones."""
    with translation.override(language):
        assert message.subject == f"[{SITE_NAME[language]}] {gettext(subject)}"
    assert SITE_NAME[language] in message.body
    assert FORGED_HOST not in message.body
    assert "testserver" not in message.body
    assert links_off_site(message, site_url=site_url, language=language) == []
    links = links_in(message)
    assert links[-1] == f"{site_url}/{language}/"  # under the signature: the home page
    return links


@pytest.mark.django_db(transaction=True)  # account mail goes on commit
def test_signup_verification_follows_the_chosen_language_and_the_sites_address(
    client, site_url, forged_host
):
    client.post("/en/accounts/signup/", signup_data(preferred_language="fa"), **forged_host)
    [message] = mail.outbox
    links = assert_mail_for(
        message, site_url=site_url, language="fa", subject="Please Confirm Your Email Address"
    )
    assert links[0].startswith(f"{site_url}/fa/accounts/confirm-email/")
    assert "ثبت‌نام" in message.body  # a sign-up is said to be one
    client.post(path_of(links[0]))
    assert EmailAddress.objects.get(email="layla@tadamun.example").verified


@pytest.mark.django_db(transaction=True)  # account mail goes on commit
def test_signup_with_a_taken_address_tells_its_owner_in_their_language(
    client, site_url, forged_host
):
    owner = ApprovedMemberFactory(preferred_language="ar")
    client.post(
        "/en/accounts/signup/",
        signup_data(email=owner.email, preferred_language="en"),
        **forged_host,
    )
    [message] = mail.outbox
    assert message.to == [owner.email]
    links = assert_mail_for(
        message, site_url=site_url, language="ar", subject="Account Already Exists"
    )
    assert links[0] == f"{site_url}/ar/accounts/password/reset/"


@pytest.mark.django_db(transaction=True)  # account mail goes on commit
def test_password_reset_asked_from_the_english_page_reaches_a_persian_member_in_persian(
    client, site_url, forged_host
):
    member = ApprovedMemberFactory(preferred_language="fa")
    client.post("/en/accounts/password/reset/", {"email": member.email}, **forged_host)
    [message] = mail.outbox
    links = assert_mail_for(
        message, site_url=site_url, language="fa", subject="Password Reset Email"
    )
    assert links[0].startswith(f"{site_url}/fa/accounts/password/reset/key/")
    opened = client.get(path_of(links[0]))
    assert opened.status_code == 302
    assert opened["Location"].startswith("/fa/accounts/password/reset/key/")
    new_password = "another long Solidarity passphrase 2027"
    mail.outbox.clear()
    client.post(opened["Location"], {"password1": new_password, "password2": new_password})
    member.refresh_from_db()
    assert member.check_password(new_password)
    [notice] = mail.outbox  # "your password was reset", in Persian too
    assert_mail_for(notice, site_url=site_url, language="fa", subject="Password Reset")


@pytest.mark.django_db(transaction=True)  # account mail goes on commit
def test_password_reset_for_an_unknown_address_answers_in_the_pages_language(
    client, site_url, forged_host
):
    client.post("/ar/accounts/password/reset/", {"email": "nobody@tadamun.example"}, **forged_host)
    [message] = mail.outbox
    links = assert_mail_for(message, site_url=site_url, language="ar", subject="Unknown Account")
    assert links[0] == f"{site_url}/ar/accounts/signup/"


@pytest.mark.django_db(transaction=True)  # account mail goes on commit
def test_address_change_is_verified_and_announced_in_the_members_language(
    client, site_url, forged_host
):
    member = ApprovedMemberFactory(preferred_language="fa")
    client.post("/fa/accounts/login/", {"login": member.email, "password": PASSWORD})
    # A form posted under another prefix is answered in that prefix's language.
    client.post(
        "/en/accounts/email/", {"action_add": "", "email": "new@tadamun.example"}, **forged_host
    )
    [verification] = mail.outbox
    assert verification.to == ["new@tadamun.example"]
    # An added address, not a sign-up: allauth's text said "to register an account" for both.
    assert "این نشانی را به حساب خود" in verification.body
    assert "ثبت‌نام" not in verification.body
    links = assert_mail_for(
        verification, site_url=site_url, language="fa", subject="Please Confirm Your Email Address"
    )
    mail.outbox.clear()
    client.post(path_of(links[0]), **forged_host)
    assert User.objects.get(pk=member.pk).email == "new@tadamun.example"
    [notice] = mail.outbox
    assert notice.to == [member.email]
    assert_mail_for(notice, site_url=site_url, language="fa", subject="Email Changed")


@pytest.mark.django_db(transaction=True)  # account mail goes on commit
def test_password_change_from_the_english_page_is_announced_in_the_members_language(
    client, site_url, forged_host
):
    member = ApprovedMemberFactory(preferred_language="ar")
    client.post("/ar/accounts/login/", {"login": member.email, "password": PASSWORD})
    new_password = "another long Solidarity passphrase 2027"
    client.post(
        "/en/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
        **forged_host,
    )
    [notice] = mail.outbox
    assert_mail_for(notice, site_url=site_url, language="ar", subject="Password Changed")


@pytest.mark.django_db(transaction=True)  # account mail goes on commit
@pytest.mark.parametrize(
    ("template", "subject", "context"),
    [
        ("account/email/password_set", "Password Set", {}),
        ("account/email/email_deleted", "Email Removed", {"deleted_email": "old@tadamun.example"}),
        ("mfa/email/totp_activated", "Authenticator App Activated", {}),
        ("mfa/email/totp_deactivated", "Authenticator App Deactivated", {}),
        ("mfa/email/recovery_codes_generated", "New Recovery Codes Generated", {}),
        ("mfa/email/webauthn_added", "Security Key Added", {}),
        ("mfa/email/webauthn_removed", "Security Key Removed", {}),
    ],
)
def test_every_account_notice_is_in_the_members_language_on_the_sites_address(
    site_url, template, subject, context
):
    member = ApprovedMemberFactory(preferred_language="fa")
    request = RequestFactory().get("/en/accounts/", HTTP_HOST="localhost")
    request.user = member
    with request_context(request), translation.override("en"):
        get_adapter(request).send_notification_mail(template, member, context)
    [notice] = mail.outbox
    assert notice.to == [member.email]
    assert_mail_for(notice, site_url=site_url, language="fa", subject=subject)
