"""Unsubscribe links carry no readable address: a proxy logs their path (docs/PRIVACY.md)."""

import base64
import binascii
import contextlib
import zlib

import pytest
from django.core import mail, signing

from events.models import Rsvp
from events.services.guests import rsvp_guest_confirm, rsvp_guest_request
from notifications.models import Suppression
from notifications.unsubscribe import SALT, read_token
from tests.factories import EventFactory

ADDRESS = "Nasrin.Guest@Example.org"


def _readings(token: str) -> list[bytes]:
    """The token and what base64 and zlib make of each of its parts, as Django's signing
    writes them ("[.]payload:timestamp:signature")."""
    readings = [token.encode()]
    for part in token.split(":"):
        try:
            raw = base64.urlsafe_b64decode(part.lstrip(".") + "=" * (-len(part) % 4))
        except (binascii.Error, ValueError):
            continue
        readings.append(raw)
        with contextlib.suppress(zlib.error):
            readings.append(zlib.decompress(raw))
    return readings


@pytest.mark.django_db
def test_a_guests_unsubscribe_link_hides_their_address_and_still_works(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(guest_registration=True)
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_guest_request(event=event, name="Nasrin", email=ADDRESS, language="en", answer="going")
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_guest_confirm(rsvp=Rsvp.objects.get())
    link = mail.outbox[-1].extra_headers["List-Unsubscribe"].strip("<>")
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    token = path.rstrip("/").rsplit("/", 1)[1]

    assert [r for r in _readings(token) if b"nasrin" in r.lower()] == []
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Suppression.objects.filter(email=ADDRESS.lower()).exists()


def test_a_link_sent_before_the_tokens_were_encrypted_still_works():
    old = signing.dumps({"s": "reminders", "e": "old@example.org"}, salt=SALT, compress=True)

    assert read_token(old) == {"s": "reminders", "e": "old@example.org"}


def test_a_tampered_token_is_refused():
    assert read_token("gAAAAAB" + "x" * 100) is None
