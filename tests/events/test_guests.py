import re

import pytest
from django.core import mail
from django.test import Client

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


# One person, one place: a member's address never holds a second answer as a guest's


def messages_of(response) -> list[str]:
    from django.contrib.messages import get_messages

    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_guest_registration_with_a_members_address_in_other_case_takes_no_second_place(
    client, member, django_capture_on_commit_callbacks
):
    from events.selectors.rsvps import going_count
    from events.services.rsvps import rsvp_set

    event = EventFactory(guest_registration=True, capacity=2)
    own = rsvp_set(event=event, member=member, answer="going")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, event, guest_email=member.email.upper())
        stranger = register(Client(), event, guest_email="stranger@example.org")
    # The page says the same as for anyone else: it never tells whether an address is a member's.
    assert messages_of(response) == messages_of(stranger)
    assert list(Rsvp.objects.filter(event=event).values_list("pk", flat=True)) == [
        own.pk,
        Rsvp.objects.get(guest_email="stranger@example.org").pk,
    ]
    assert going_count(event) == 1
    # Only the owner of the address reads why: the mail has no link that could confirm a place.
    hint, link = mail.outbox
    assert hint.to == [member.email]
    assert "belongs to your Tadamun account" in hint.body
    assert f"/en/events/{event.pk}/" in hint.body
    assert "/accounts/password/reset/" in hint.body
    assert LINK.search(hint.body) is None
    assert link.to == ["stranger@example.org"]


@pytest.mark.django_db
def test_guest_registration_with_a_members_verified_second_address_takes_no_place(
    client, member, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=member, email="second@example.org", verified=True)
    event = EventFactory(guest_registration=True)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event, guest_email="Second@Example.org")
    assert not Rsvp.objects.filter(event=event).exists()
    assert mail.outbox[0].to == ["second@example.org"]
    assert "belongs to your Tadamun account" in mail.outbox[0].body


@pytest.mark.django_db
def test_account_hint_is_written_in_the_members_language(
    client, django_capture_on_commit_callbacks
):
    from tests.factories import ApprovedMemberFactory

    member = ApprovedMemberFactory(preferred_language="fa")
    event = EventFactory(guest_registration=True, title_fa="نشست همبستگی")
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event, guest_email=member.email)
    message = mail.outbox[0]
    assert "نشست همبستگی" in message.subject
    assert '<html lang="fa" dir="rtl">' in message.alternatives[0][0]
    assert f"/fa/events/{event.pk}/" in message.body


@pytest.mark.django_db
def test_guest_link_confirmed_after_the_address_joined_as_a_member_is_refused(
    client, django_capture_on_commit_callbacks
):
    from tests.factories import ApprovedMemberFactory

    event = EventFactory(guest_registration=True)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event, guest_email="nasrin@example.org")
    path = link_path(mail.outbox[0])
    ApprovedMemberFactory(email="Nasrin@Example.org")
    response = Client().post(path)
    assert response.status_code == 302
    assert messages_of(response) == [
        "This address belongs to a member's account. Sign in to answer with it."
    ]
    assert Rsvp.objects.get(event=event).verified_at is None


@pytest.mark.django_db
def test_member_answer_takes_over_the_guest_answer_given_with_their_address(
    django_capture_on_commit_callbacks,
):
    from events.services.rsvps import rsvp_set
    from tests.factories import ApprovedMemberFactory

    event = EventFactory(guest_registration=True, capacity=1)
    guest = RsvpFactory(
        event=event, member=None, guest_name="Nasrin", guest_email="nasrin@example.org"
    )
    member = ApprovedMemberFactory(email="Nasrin@Example.org")
    answer = rsvp_set(event=event, member=member, answer="going")
    assert answer.pk == guest.pk
    only = Rsvp.objects.get(event=event)
    assert (only.member, only.status, only.checkin_code) == (member, "going", guest.checkin_code)
    assert (only.guest_email, only.guest_name, only.guest_token) == ("", "", "")


@pytest.mark.django_db
def test_member_answer_drops_an_unconfirmed_guest_answer_with_their_address(member):
    from events.services.rsvps import rsvp_set

    event = EventFactory(guest_registration=True)
    RsvpFactory(
        event=event, member=None, guest_email=member.email.upper(), guest_name="X",
        verified_at=None, status="going",
    )  # fmt: skip
    answer = rsvp_set(event=event, member=member, answer="maybe")
    assert list(Rsvp.objects.filter(event=event)) == [answer]
    assert answer.status == "maybe"


@pytest.mark.django_db
def test_confirming_an_address_merges_the_guest_answer_into_the_members_better_one(
    member, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress
    from allauth.account.signals import email_confirmed

    from events.services.rsvps import rsvp_set

    event = EventFactory(guest_registration=True, capacity=1)
    other = RsvpFactory(event=EventFactory(), member=member, status="maybe")
    guest = RsvpFactory(event=event, member=None, guest_email="new@example.org", guest_name="N")
    waiting = rsvp_set(event=event, member=member, answer="going")
    assert waiting.status == "waitlisted"
    address = EmailAddress.objects.create(user=member, email="new@example.org", verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    kept = Rsvp.objects.get(event=event)
    assert (kept.pk, kept.member, kept.status) == (guest.pk, member, "going")
    other.refresh_from_db()
    assert other.status == "maybe"
