import threading

import pytest
from django.db import connection
from django.test import Client

from events.enums import RsvpStatus
from events.models import Rsvp
from events.selectors.rsvps import waitlist_position
from tests.factories import ApprovedMemberFactory, EventFactory

CONCURRENT_REQUESTS = 50
CAPACITY = 10


def fire_at_once(requests):
    """Run each callable in its own thread (own database connection), all released together."""
    barrier = threading.Barrier(len(requests))
    results, errors = [None] * len(requests), []

    def run(index, request):
        try:
            barrier.wait()
            results[index] = request()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results, errors


def going_request(client, event):
    return lambda: client.post(f"/en/events/{event.pk}/answer/", {"answer": "going"}).status_code


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_going_answers_never_exceed_capacity():
    event = EventFactory(capacity=CAPACITY)
    clients = []
    for member in ApprovedMemberFactory.create_batch(CONCURRENT_REQUESTS):
        client = Client()
        client.force_login(member)
        clients.append(client)

    statuses, errors = fire_at_once([going_request(client, event) for client in clients])

    assert errors == []
    assert statuses == [302] * CONCURRENT_REQUESTS
    answers = list(Rsvp.objects.filter(event=event))
    assert len(answers) == CONCURRENT_REQUESTS
    assert len({a.member_id for a in answers}) == CONCURRENT_REQUESTS
    assert sum(a.status == RsvpStatus.GOING for a in answers) == CAPACITY
    waiting = [a for a in answers if a.status == RsvpStatus.WAITLISTED]
    assert len(waiting) == CONCURRENT_REQUESTS - CAPACITY
    # In arrival order: the order they reached the waitlist is the order they were written.
    by_arrival = sorted(waiting, key=lambda a: (a.waitlisted_at, a.pk))
    assert [a.pk for a in by_arrival] == sorted(a.pk for a in waiting)
    assert [waitlist_position(a) for a in by_arrival] == list(range(1, len(waiting) + 1))


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_one_member_clicking_going_many_times_at_once_gets_one_answer():
    event = EventFactory(capacity=CAPACITY)
    member = ApprovedMemberFactory()
    clients = []
    for _ in range(10):
        client = Client()
        client.force_login(member)
        clients.append(client)

    statuses, errors = fire_at_once([going_request(client, event) for client in clients])

    assert errors == []
    assert statuses == [302] * 10
    assert Rsvp.objects.filter(event=event, member=member).count() == 1


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_simultaneous_cancellations_promote_each_waiting_person_once():
    from events.services.rsvps import rsvp_set

    event = EventFactory(capacity=5)
    going = ApprovedMemberFactory.create_batch(5)
    waiting = ApprovedMemberFactory.create_batch(5)
    for member in going + waiting:
        rsvp_set(event=event, member=member, answer="going")

    _results, errors = fire_at_once(
        [lambda m=m: rsvp_set(event=event, member=m, answer="not_going") for m in going]
    )

    assert errors == []
    statuses = dict(Rsvp.objects.filter(event=event).values_list("member_id", "status"))
    assert [statuses[m.pk] for m in waiting] == [RsvpStatus.GOING] * 5
    assert [statuses[m.pk] for m in going] == [RsvpStatus.NOT_GOING] * 5


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_two_guest_registrations_of_one_address_in_two_cases_at_once_make_one_answer():
    from events.services.guests import rsvp_guest_request

    event = EventFactory(guest_registration=True)

    def request(address):
        return lambda: rsvp_guest_request(
            event=event, name="Nasrin", email=address, language="en", answer="going"
        )

    tokens, errors = fire_at_once(
        [request("nasrin@example.org"), request("NASRIN@Example.org")] * 5
    )

    assert errors == []
    assert all(tokens)
    assert list(Rsvp.objects.filter(event=event).values_list("guest_email", flat=True)) == [
        "nasrin@example.org"
    ]


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_member_answer_and_a_guest_registration_of_their_address_at_once_make_one_answer():
    from events.services.guests import rsvp_guest_request
    from events.services.rsvps import rsvp_set

    event = EventFactory(guest_registration=True)
    member = ApprovedMemberFactory()

    def as_guest():
        return rsvp_guest_request(
            event=event, name="Me", email=member.email.upper(), language="en", answer="going"
        )

    _results, errors = fire_at_once(
        [lambda: rsvp_set(event=event, member=member, answer="going"), as_guest]
    )

    assert errors == []
    assert list(Rsvp.objects.filter(event=event).values_list("member", flat=True)) == [member.pk]
