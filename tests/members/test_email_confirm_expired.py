"""An expired or forged email confirmation link says how to get a new one
(templates/account/email_confirm.html)."""

import pytest
from allauth.account.models import EmailAddress

from tests.factories import PASSWORD, ApprovedMemberFactory

EXPIRED = "/{language}/accounts/confirm-email/expired-or-forged/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "To get a new link, sign in."),
        ("ar", "للحصول على رابط جديد، سجّل الدخول."),
        ("fa", "برای گرفتن پیوند تازه وارد شوید."),
    ],
)
def test_a_signed_out_reader_is_sent_to_sign_in_which_sends_a_new_link(client, language, words):
    html = client.get(EXPIRED.format(language=language)).content.decode()
    assert words in html
    login = f"/{language}/accounts/login/?next=%2F{language}%2Faccounts%2Femail%2F"
    assert f'id="new-confirmation-link" href="{login}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Ask for a new confirmation link"), ("fa", "درخواست پیوند تأیید تازه")],
)
def test_a_signed_in_reader_is_sent_to_the_email_page(client, language, label):
    client.force_login(ApprovedMemberFactory(preferred_language=language))
    html = client.get(EXPIRED.format(language=language)).content.decode()
    assert f'id="new-confirmation-link" href="/{language}/accounts/email/">{label}</a>' in html


@pytest.mark.django_db
def test_signing_in_with_the_unconfirmed_address_sends_a_new_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    member = ApprovedMemberFactory()
    EmailAddress.objects.filter(user=member).update(verified=False)
    with django_capture_on_commit_callbacks(execute=True):  # account mail goes on commit
        login = client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert login["Location"] == "/en/accounts/confirm-email/"
    assert [message.to for message in mailoutbox] == [[member.email]]
