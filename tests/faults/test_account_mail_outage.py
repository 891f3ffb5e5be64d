"""Redis stopped under a running site: allauth's mails go out from the web process; with the mail
server stopped too, sign-up and password reset still answer and say to try again later."""

import pytest

from tests import processes
from tests.faults.client import Browser
from tests.members.test_signup import signup_data

pytestmark = [pytest.mark.integration, pytest.mark.slow]

NOT_SENT = "تعذّر علينا إرسال البريد الإلكتروني الآن. يُرجى المحاولة مرة أخرى بعد بضع دقائق."


def test_without_redis_account_mail_is_sent_by_the_site_and_without_a_mail_server_it_says_so(
    cluster, start_site, private_redis
):
    database_url = cluster.create_database()
    inbox = processes.Inbox()
    with processes.smtp_server(inbox) as smtp_port:
        site = start_site(
            database_url=database_url, redis_url=private_redis.url(1), smtp_port=smtp_port
        )
        private_redis.stop()

        joined = Browser(site.port).post(
            "/en/accounts/signup/", signup_data(email="new@example.org", preferred_language="fa")
        )
        assert (joined.status, joined.headers["Location"]) == (302, "/en/accounts/confirm-email/")
        [message] = inbox.wait_for(1)
        assert message["To"] == "new@example.org"
        assert "/fa/accounts/confirm-email/" in message.get_body(("plain",)).get_content()

    # The mail server is gone too.
    visitor = Browser(site.port)
    asked = visitor.post("/ar/accounts/password/reset/", {"email": cluster.seed["member"]})
    assert (asked.status, asked.headers["Location"]) == (302, "/ar/accounts/password/reset/done/")
    assert NOT_SENT in visitor.get("/ar/accounts/password/reset/done/").body
    assert len(inbox.messages) == 1
