"""A send task claims its batch: no other task sends what it holds, and what a dead task held
goes again once its claim has run out."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notifications.enums import DeliveryStatus
from notifications.models import Delivery
from notifications.services.sending import (
    deliveries_claim,
    delivery_record_failure,
    stalled_deliveries,
)
from notifications.tasks import send_deliveries
from tests.factories import ApprovedMemberFactory, EventFactory, RsvpFactory


@pytest.fixture
def reminder(db):
    rsvp = RsvpFactory(
        event=EventFactory(starts_at=timezone.now() + timedelta(hours=23)),
        member=ApprovedMemberFactory(),
    )
    return Delivery.objects.create(
        key="reminder",
        kind="reminder",
        recipient=rsvp.member,
        rsvp=rsvp,
        event=rsvp.event,
        context={"offset": "day", "starts_at": rsvp.event.starts_at.isoformat()},
    )


def test_a_claimed_delivery_is_left_to_the_task_that_holds_it(reminder, settings):
    assert [d.pk for d in deliveries_claim(delivery_ids=[reminder.pk])] == [reminder.pk]

    assert deliveries_claim(delivery_ids=[reminder.pk]) == []
    send_deliveries([reminder.pk])  # a duplicate task

    assert mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.status == DeliveryStatus.PENDING
    assert reminder.claimed_until > timezone.now() + timedelta(
        seconds=settings.CELERY_TASK_TIME_LIMIT
    )


def test_what_a_dead_task_held_is_swept_up_once_its_claim_has_run_out(reminder):
    Delivery.objects.filter(pk=reminder.pk).update(created_at=timezone.now() - timedelta(hours=1))
    deliveries_claim(delivery_ids=[reminder.pk])  # and the worker dies

    assert stalled_deliveries() == []
    reminder.refresh_from_db()
    assert stalled_deliveries(now=reminder.claimed_until + timedelta(seconds=1)) == [reminder.pk]


def test_a_failed_attempt_gives_the_claim_up_for_its_retry(reminder):
    deliveries_claim(delivery_ids=[reminder.pk])

    delivery_record_failure(
        delivery_id=reminder.pk, error=smtplib.SMTPResponseException(451, b"try later")
    )

    reminder.refresh_from_db()
    assert reminder.claimed_until is None
    assert [d.pk for d in deliveries_claim(delivery_ids=[reminder.pk])] == [reminder.pk]


def test_a_sent_delivery_is_marked_and_its_claim_given_up(reminder):
    send_deliveries([reminder.pk])

    reminder.refresh_from_db()
    assert [message.to for message in mail.outbox] == [[reminder.recipient.email]]
    assert (reminder.status, reminder.attempts, reminder.claimed_until) == (
        DeliveryStatus.SENT,
        1,
        None,
    )
