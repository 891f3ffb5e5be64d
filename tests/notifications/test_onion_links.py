"""A member's mails link to the address they chose or last signed in through, web or onion, and
never to both in one message (members/links.py); a guest's to the address they answered
through."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from events.models import EventChange
from members.enums import LinkAddress
from notifications.enums import NoticeKind
from notifications.models import Delivery
from notifications.tasks import send_deliveries
from tests.factories import PASSWORD, ApprovedMemberFactory, EventFactory, RsvpFactory
from tests.mail_links import LINK, links_in
from tests.notifications.every_kind import MEETING_LINK, send_every_kind


def _links(message) -> list[str]:
    """Every address in the message: both parts, the List-Unsubscribe header and the URL and
    description lines of an attached calendar file."""
    found = [*links_in(message), message.extra_headers["List-Unsubscribe"].strip("<>")]
    for _name, content, _type in message.attachments:
        text = content.decode() if isinstance(content, bytes) else str(content)
        unfolded = text.replace("\r\n ", "").replace("\n ", "")  # RFC 5545, 3.1
        found += [line.split(":", 1)[1] for line in unfolded.splitlines() if line.startswith("URL")]
        found += LINK.findall(unfolded.replace("\\n", " "))
    return [link for link in found if link != MEETING_LINK]


def _assert_only_on(messages, base: str, other: str) -> None:
    for kind, message in messages.items():
        links = _links(message)
        assert links, kind
        assert [link for link in links if not link.startswith(f"{base}/en/")] == [], kind
        assert other.split("://")[1] not in str(message.message()), kind


@pytest.mark.django_db
@pytest.mark.parametrize("choice", [LinkAddress.ONION, LinkAddress.WEB])
def test_every_notice_links_only_to_the_address_the_member_chose(onion_url, site_url, choice):
    reader = ApprovedMemberFactory(link_address=choice, signed_in_through_onion=True)
    messages = send_every_kind(reader)
    assert set(messages) == set(NoticeKind.values)
    if choice == LinkAddress.ONION:
        _assert_only_on(messages, onion_url, site_url)
    else:
        _assert_only_on(messages, site_url, onion_url)


@pytest.mark.django_db
@pytest.mark.parametrize("through_onion", [True, False])
def test_without_a_choice_notices_follow_the_last_sign_in(
    onion_url, site_url, through_onion, django_capture_on_commit_callbacks
):
    reader = ApprovedMemberFactory()
    host = onion_url.split("://")[1] if through_onion else "tadamun.example.org"
    Client(headers={"host": host}).post(
        "/en/accounts/login/", {"login": reader.email, "password": PASSWORD}, secure=False
    )
    reader.refresh_from_db()
    assert reader.signed_in_through_onion is through_onion
    messages = send_every_kind(reader)
    if through_onion:
        _assert_only_on(messages, onion_url, site_url)
    else:
        _assert_only_on(messages, site_url, onion_url)


@pytest.mark.django_db
def test_notices_link_to_the_web_address_when_no_onion_service_is_configured(site_url, settings):
    settings.ONION_URL = ""
    reader = ApprovedMemberFactory(link_address=LinkAddress.ONION, signed_in_through_onion=True)
    messages = send_every_kind(reader)
    _assert_only_on(messages, site_url, "http://.onion")


def _send_to_guest(guest) -> dict[str, object]:
    """A reminder, a change, a cancellation and the venue's release to `guest`, as the worker
    sends them; kind → the message."""
    event = guest.event
    change = EventChange.objects.create(
        event=event, kind="edited", changes={"city": ["Potsdam", "Berlin"]}
    )
    cancelled = EventChange.objects.create(event=event, kind="cancelled", changes={})
    contexts = {
        NoticeKind.REMINDER: {"offset": "day", "starts_at": event.starts_at.isoformat()},
        NoticeKind.EVENT_CHANGED: {"change_id": change.pk},
        NoticeKind.EVENT_CANCELLED: {"change_id": cancelled.pk},
        NoticeKind.VENUE_RELEASE: {},
    }
    sent = {}
    for kind, context in contexts.items():
        delivery = Delivery.objects.create(
            key=f"guest:{guest.pk}:{kind}", kind=kind, rsvp=guest, event=event, context=context
        )
        mail.outbox.clear()
        send_deliveries([delivery.pk])
        delivery.refresh_from_db()
        assert delivery.status == "sent", (kind, delivery.last_error)
        [sent[kind]] = mail.outbox
    return sent


@pytest.mark.django_db
@pytest.mark.parametrize("through_onion", [True, False])
def test_a_guests_later_mails_link_to_the_address_they_answered_through(
    onion_url, site_url, through_onion
):
    now = timezone.now()
    event = EventFactory(
        venue="Community hall",
        venue_release_hours=3,
        starts_at=now + timedelta(hours=2),
        ends_at=now + timedelta(hours=4),
    )
    guest = RsvpFactory(
        event=event,
        member=None,
        guest_name="Nasrin",
        guest_email="nasrin@example.org",
        guest_language="en",
        guest_through_onion=through_onion,
    )
    messages = _send_to_guest(guest)
    if through_onion:
        _assert_only_on(messages, onion_url, site_url)
    else:
        _assert_only_on(messages, site_url, onion_url)


@pytest.mark.django_db
def test_a_guests_mails_link_to_the_web_address_when_no_onion_service_is_configured(
    site_url, settings
):
    settings.ONION_URL = ""
    guest = RsvpFactory(
        member=None, guest_name="N", guest_email="n@example.org", guest_through_onion=True
    )
    _assert_only_on(_send_to_guest(guest), site_url, "http://.onion")
