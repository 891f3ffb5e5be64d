"""Every answer to an event waits for the event's row lock (events/services/rsvps.py): what is
done while holding it must stay small, or a popular event's answers queue up."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.services.rsvps import rsvp_set
from tests.factories import ApprovedMemberFactory, EventFactory, RsvpFactory

pytestmark = pytest.mark.django_db


def test_an_answer_to_a_full_event_takes_few_queries():
    event = EventFactory(capacity=3)
    RsvpFactory.create_batch(3, event=event)
    member = ApprovedMemberFactory()

    with CaptureQueriesContext(connection) as queries:
        rsvp = rsvp_set(event=event, member=member, answer="going")

    assert rsvp.status == "waitlisted"
    # The lock, the member's answers (their own and guest ones with their addresses, in one
    # query), the count of those going, the insert; and the savepoint around them.
    statements = [q["sql"].split()[0] for q in queries]
    assert statements == ["SAVEPOINT", "SELECT", "SELECT", "SELECT", "INSERT", "RELEASE"]


def test_changing_an_answer_takes_few_queries():
    event = EventFactory(capacity=3)
    member = ApprovedMemberFactory()
    rsvp_set(event=event, member=member, answer="going")

    with CaptureQueriesContext(connection) as queries:
        rsvp = rsvp_set(event=event, member=member, answer="maybe")

    assert rsvp.status == "maybe"
    assert len(queries) <= 10, "\n".join(q["sql"][:120] for q in queries)


def test_an_answer_posted_reads_the_event_once_before_the_lock(client):
    event = EventFactory(capacity=3)
    member = ApprovedMemberFactory(preferred_language="en")
    client.force_login(member)

    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/en/events/{event.pk}/answer/", {"answer": "going"})

    assert response.status_code == 302
    # Session, member, the event (404 and the form's choices) and its co-hosting groups (whom
    # the member may share their name with); then rsvp_set's four queries in its savepoint.
    assert len(queries) == 10, "\n".join(q["sql"][:120] for q in queries)
