"""A guest's answer remembers whether they last answered through the onion service (a yes or
no, never from where), for the links in their later mails; it goes with their other data."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from events.models import Rsvp
from events.services.retention import event_personal_data_erase
from events.services.rsvps import rsvp_set
from tests.conftest import ONION_HOST
from tests.events.test_guests import link_path, register
from tests.factories import ApprovedMemberFactory, EventFactory, RsvpFactory

WEB_HOST = "tadamun.example.org"


def _client(host: str) -> Client:
    return Client(headers={"host": host}, secure=host == WEB_HOST)


@pytest.mark.django_db
@pytest.mark.parametrize(("host", "through_onion"), [(ONION_HOST, True), (WEB_HOST, False)])
def test_a_guest_answer_records_the_address_it_came_through(
    onion_url, host, through_onion, django_capture_on_commit_callbacks
):
    event = EventFactory(guest_registration=True)
    with django_capture_on_commit_callbacks(execute=True):
        register(_client(host), event)
    assert Rsvp.objects.get().guest_through_onion is through_onion


@pytest.mark.django_db
def test_confirming_and_changing_record_the_address_used_last(
    onion_url, django_capture_on_commit_callbacks
):
    event = EventFactory(guest_registration=True)
    with django_capture_on_commit_callbacks(execute=True):
        register(_client(WEB_HOST), event)
    path = link_path(mail.outbox[0])
    _client(ONION_HOST).post(path)
    rsvp = Rsvp.objects.get()
    assert (rsvp.verified_at is not None, rsvp.guest_through_onion) == (True, True)
    _client(WEB_HOST).post(path, {"answer": "maybe"})
    rsvp.refresh_from_db()
    assert (rsvp.status, rsvp.guest_through_onion) == ("maybe", False)


@pytest.mark.django_db
def test_the_guests_address_choice_is_erased_with_their_data(db):
    event = EventFactory(
        starts_at=timezone.now() - timedelta(days=40),
        ends_at=timezone.now() - timedelta(days=39),
    )
    RsvpFactory(
        event=event,
        member=None,
        guest_name="Nasrin",
        guest_email="nasrin@example.org",
        verified_at=timezone.now(),
        guest_through_onion=True,
    )
    event_personal_data_erase(event=event)
    erased = Rsvp.objects.get()
    assert (erased.guest_email, erased.guest_through_onion) == ("", False)


@pytest.mark.django_db
def test_a_guest_answer_taken_over_by_a_member_drops_the_guests_address_choice(db):
    event = EventFactory(guest_registration=True)
    RsvpFactory(
        event=event,
        member=None,
        guest_name="Nasrin",
        guest_email="nasrin@example.org",
        verified_at=timezone.now(),
        guest_through_onion=True,
    )
    member = ApprovedMemberFactory(email="nasrin@example.org")
    answer = rsvp_set(event=event, member=member, answer="going")
    answer.refresh_from_db()
    assert (answer.member, answer.guest_through_onion) == (member, False)
