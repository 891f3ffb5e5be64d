import re

import pytest
from django.core import mail

from events.enums import RsvpStatus
from events.models import Rsvp
from tests.factories import EventFactory, RsvpFactory

LINK = re.compile(r"https?://\S+/events/\d+/guest/\S+/")


def register(client, event, language="en", **overrides):
    data = {"guest_name": "Nasrin", "guest_email": "nasrin@example.org", "answer": "going"}
    data.update(overrides)
    return client.post(f"/{language}/events/{event.pk}/guest/", data)


def link_path(message) -> str:
    url = LINK.search(message.body).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


@pytest.mark.django_db
def test_guest_registers_confirms_by_link_and_takes_a_place(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(guest_registration=True, capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, event, language="fa")
    assert response.status_code == 302
    rsvp = Rsvp.objects.get()
    assert rsvp.verified_at is None
    assert rsvp.guest_language == "fa"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nasrin@example.org"]
    assert re.search(r"[\u0600-\u06FF]", message.subject)
    html = message.alternatives[0][0]
    assert 'dir="rtl"' in html
    assert 'lang="fa"' in html
    path = link_path(message)
    assert path.startswith("/fa/events/")
    assert rsvp.guest_token not in message.body  # only the digest is stored

    assert client.get(path).status_code == 200
    client.post(path)
    rsvp.refresh_from_db()
    assert rsvp.verified_at is not None
    assert rsvp.status == RsvpStatus.GOING


@pytest.mark.django_db
def test_unconfirmed_guests_hold_no_place(client, member, django_capture_on_commit_callbacks):
    from events.services.rsvps import rsvp_set

    event = EventFactory(guest_registration=True, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event)
    assert rsvp_set(event=event, member=member, answer="going").status == RsvpStatus.GOING
    client.post(link_path(mail.outbox[0]))
    assert Rsvp.objects.get(member__isnull=True).status == RsvpStatus.WAITLISTED


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["wrong", "x" * 43])
def test_wrong_token_is_404_without_a_hint(client, token):
    event = EventFactory(guest_registration=True)
    RsvpFactory(event=event, member=None, guest_email="a@example.org", guest_name="A")
    assert client.get(f"/en/events/{event.pk}/guest/{token}/").status_code == 404
    assert client.post(f"/en/events/{event.pk}/guest/{token}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "event_kwargs",
    [{"guest_registration": False}, {"guest_registration": True, "visibility": "members"}],
)
def test_guest_registration_only_where_switched_on(client, event_kwargs):
    event = EventFactory(**event_kwargs)
    assert register(client, event).status_code == 404
    assert not Rsvp.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides", [{"guest_email": "not-an-email"}, {"guest_name": "  "}, {"answer": "sure"}]
)
def test_bad_guest_input_changes_nothing(client, overrides):
    event = EventFactory(guest_registration=True)
    response = register(client, event, **overrides)
    assert response.status_code == 400
    assert not Rsvp.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_registering_again_does_not_tell_whether_the_address_was_known(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(guest_registration=True)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(client, event)
        second = register(client, event)
    assert first.status_code == second.status_code == 302
    assert Rsvp.objects.count() == 1
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_guest_registrations_are_rate_limited(client, django_capture_on_commit_callbacks):
    event = EventFactory(guest_registration=True)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            register(client, event)
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_verified_guest_changes_answer_and_frees_the_place(
    client, member, django_capture_on_commit_callbacks
):
    from events.services.rsvps import rsvp_set

    event = EventFactory(guest_registration=True, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event)
    path = link_path(mail.outbox[0])
    client.post(path)
    waiting = rsvp_set(event=event, member=member, answer="going")
    assert waiting.status == RsvpStatus.WAITLISTED
    client.post(path, {"answer": "not_going"})
    waiting.refresh_from_db()
    assert waiting.status == RsvpStatus.GOING
