"""The "answers closed" refusal names its moment in the event's zone: a guest's is unknown."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone, translation

from events.errors import RsvpRefused
from events.services.rsvps import refuse_if_closed
from members.templatetags.localised import zone_label
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_the_closed_deadline_is_shown_in_the_events_zone_and_named():
    event = EventFactory(
        time_zone="Asia/Damascus",
        rsvp_deadline=datetime(2020, 3, 2, 17, 0, tzinfo=UTC),
        ends_at=timezone.now() + timedelta(days=8),
    )
    with translation.override("en"), pytest.raises(RsvpRefused) as refused:
        refuse_if_closed(event, "going")
    message = str(refused.value.args[0]) if refused.value.args else str(refused.value)
    assert "19:00" in message  # Damascus was at +02:00 in March 2020
    with translation.override("en"):
        assert f"({zone_label('Asia/Damascus')})" in message
