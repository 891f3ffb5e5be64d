"""A guest's link and a member's account hint wait for a mail server that is away, however long,
as notices do (notifications/retries.py)."""

import time

import pytest

from events.tasks import send_guest_account_hint, send_guest_link
from tests.factories import ApprovedMemberFactory, EventFactory, RsvpFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# Tries already made when the test starts: 30 s doubling five times is a quarter of an hour
# into an outage, where these mails used to be given up.
TRIED_FOR_A_QUARTER_OF_AN_HOUR = 5


def test_guest_mails_wait_for_a_mail_server_away_for_more_than_a_quarter_of_an_hour(
    settings, mail_server_away, celery_worker
):
    settings.NOTIFICATIONS_MAX_RETRIES = 0  # an outage is no refusal: it uses up no retries
    settings.NOTIFICATIONS_RETRY_MAX_SECONDS = 0.2
    event = EventFactory(guest_registration=True)
    guest = RsvpFactory(
        event=event, member=None, guest_email="nasrin@example.org", guest_language="fa"
    )
    member = ApprovedMemberFactory(preferred_language="ar")

    send_guest_link.apply_async((guest.pk, "a-token"), retries=TRIED_FOR_A_QUARTER_OF_AN_HOUR)
    send_guest_account_hint.apply_async(
        (event.pk, member.email), retries=TRIED_FOR_A_QUARTER_OF_AN_HOUR
    )
    time.sleep(1.5)  # tried again and again, refused each time
    inbox = mail_server_away.start()
    inbox.wait_for(2, timeout=15)
    time.sleep(0.5)  # a second copy of either would arrive now

    assert inbox.per_recipient() == {"nasrin@example.org": 1, member.email: 1}
    by_recipient = {message["To"]: message for message in inbox.messages}
    link = by_recipient["nasrin@example.org"].get_body(("plain",)).get_content()
    assert f"/fa/events/{event.pk}/guest/a-token/" in link
    assert 'lang="ar"' in by_recipient[member.email].get_body(("html",)).get_content()
