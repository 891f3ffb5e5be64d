"""allauth's mails leave the request through a task: a mail server or a broker that is away never
makes a page fail, and a message waits for the mail server rather than being lost."""

import logging
import time
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache

from tests.factories import ApprovedMemberFactory
from tests.members.test_adapters import assert_mail_for
from tests.members.test_signup import signup_data
from tests.processes import Inbox, wait_until

pytestmark = pytest.mark.django_db(transaction=True)  # account mail goes on commit

PASSWORD = signup_data()["password1"]

NOT_SENT = {
    "ar": "تعذّر علينا إرسال البريد الإلكتروني الآن. يُرجى المحاولة مرة أخرى بعد بضع دقائق.",
    "fa": "هم‌اکنون نتوانستیم ایمیل را بفرستیم. لطفاً چند دقیقهٔ دیگر دوباره تلاش کنید.",
}


def as_django_message(received):
    """A message the SMTP server received, with the attributes tests/mail_links.py reads."""
    html = received.get_body(("html",))
    return SimpleNamespace(
        to=[received["To"]],
        subject=received["Subject"].strip(),  # a long one is folded onto a new line
        body=received.get_body(("plain",)).get_content(),
        alternatives=[(html.get_content(), "text/html")] if html else [],
    )


class RefusingInbox(Inbox):
    """Refuses each recipient with `reply` (at RCPT TO, where greylisting answers) `times`
    times, then takes the message."""

    def __init__(self, reply: str, times: int):
        super().__init__()
        self.reply, self.refuse_next = reply, times

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_next:
            self.refuse_next -= 1
            self.refused += 1
            return f"{self.reply} <{address}>"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.mark.integration
def test_sign_up_and_password_reset_answer_while_the_mail_server_is_away_and_mail_waits_for_it(
    client, site_url, settings, mail_server_away, celery_worker
):
    settings.NOTIFICATIONS_MAX_RETRIES = 0  # an outage is no refusal: it uses up no retries
    settings.NOTIFICATIONS_RETRY_MAX_SECONDS = 0.2
    member = ApprovedMemberFactory(preferred_language="ar")

    signed_up = client.post("/en/accounts/signup/", signup_data(preferred_language="fa"))
    reset = client.post("/en/accounts/password/reset/", {"email": member.email})

    assert (signed_up.status_code, signed_up["Location"]) == (302, "/en/accounts/confirm-email/")
    assert (reset.status_code, reset["Location"]) == (302, "/en/accounts/password/reset/done/")
    time.sleep(1.5)  # tried again and again, refused each time
    inbox = mail_server_away.start()
    inbox.wait_for(2, timeout=15)
    time.sleep(0.5)  # a second copy of either would arrive now
    assert inbox.per_recipient() == {"layla@tadamun.example": 1, member.email: 1}
    by_recipient = {message["To"]: as_django_message(message) for message in inbox.messages}
    verification = by_recipient["layla@tadamun.example"]
    links = assert_mail_for(
        verification, site_url=site_url, language="fa", subject="Please Confirm Your Email Address"
    )
    assert links[0].startswith(f"{site_url}/fa/accounts/confirm-email/")
    links = assert_mail_for(
        by_recipient[member.email], site_url=site_url, language="ar", subject="Password Reset Email"
    )
    assert links[0].startswith(f"{site_url}/ar/accounts/password/reset/key/")


def test_without_the_broker_account_mail_is_sent_from_the_web_process(
    client, site_url, broker_unreachable
):
    response = client.post("/ar/accounts/signup/", signup_data(preferred_language="fa"))

    assert response.status_code == 302
    [message] = mail.outbox
    links = assert_mail_for(
        message, site_url=site_url, language="fa", subject="Please Confirm Your Email Address"
    )
    assert links[0].startswith(f"{site_url}/fa/accounts/confirm-email/")


def test_without_broker_and_mail_server_sign_up_says_so_and_the_mail_can_be_asked_for_again(
    client, site_url, broker_unreachable, mail_server_away
):
    data = signup_data(preferred_language="ar")

    response = client.post("/ar/accounts/signup/", data, follow=True)

    assert response.status_code == 200
    assert NOT_SENT["ar"] in response.content.decode()
    assert EmailAddress.objects.filter(email=data["email"], verified=False).exists()
    # A few minutes on (allauth sends one verification mail per address every three minutes),
    # the mail server is back: signing in sends the verification mail again.
    cache.clear()
    inbox = mail_server_away.start()
    login = client.post("/ar/accounts/login/", {"login": data["email"], "password": PASSWORD})
    assert (login.status_code, login["Location"]) == (302, "/ar/accounts/confirm-email/")
    [received] = inbox.wait_for(1)
    links = assert_mail_for(
        as_django_message(received),
        site_url=site_url,
        language="ar",
        subject="Please Confirm Your Email Address",
    )
    assert links[0].startswith(f"{site_url}/ar/accounts/confirm-email/")


def test_without_broker_and_mail_server_password_reset_says_so_in_the_pages_language(
    client, broker_unreachable, mail_server_away
):
    member = ApprovedMemberFactory(preferred_language="ar")

    response = client.post("/fa/accounts/password/reset/", {"email": member.email}, follow=True)

    assert response.redirect_chain == [("/fa/accounts/password/reset/done/", 302)]
    assert NOT_SENT["fa"] in response.content.decode()


@pytest.fixture
def smtp_handler(request):
    return RefusingInbox(*request.param)


@pytest.mark.integration
@pytest.mark.parametrize("smtp_handler", [("550 5.1.1 No such user", 1)], indirect=True)
def test_permanent_refusal_is_logged_by_its_code_without_the_address_and_not_retried(
    client, smtp_inbox, celery_worker, caplog
):
    caplog.set_level(logging.WARNING)  # the worker has set the root logger to errors only

    response = client.post("/en/accounts/signup/", signup_data())

    assert response.status_code == 302
    assert wait_until(lambda: "SMTPRecipientsRefused 550" in caplog.text, timeout=10)
    time.sleep(0.5)  # a retry would come now
    assert (smtp_inbox.refused, smtp_inbox.messages) == (1, [])
    assert "layla" not in caplog.text


@pytest.mark.integration
@pytest.mark.parametrize("smtp_handler", [("450 4.7.1 Greylisted", 2)], indirect=True)
def test_temporary_refusals_are_tried_again_until_the_mail_is_taken(
    client, smtp_inbox, celery_worker
):
    response = client.post("/en/accounts/signup/", signup_data())

    assert response.status_code == 302
    smtp_inbox.wait_for(1, timeout=10)
    assert smtp_inbox.refused == 2
    assert smtp_inbox.per_recipient() == {"layla@tadamun.example": 1}


@pytest.mark.integration
@pytest.mark.parametrize("smtp_handler", [("451 4.3.0 Try later", 100)], indirect=True)
def test_temporary_refusals_are_tried_again_only_so_often(
    client, settings, smtp_inbox, celery_worker, caplog
):
    settings.NOTIFICATIONS_MAX_RETRIES = 2
    caplog.set_level(logging.WARNING)

    response = client.post("/en/accounts/signup/", signup_data())

    assert response.status_code == 302
    assert wait_until(lambda: "SMTPRecipientsRefused 451" in caplog.text, timeout=10)
    time.sleep(0.5)  # a fourth try would come now
    assert (smtp_inbox.refused, smtp_inbox.messages) == (3, [])
