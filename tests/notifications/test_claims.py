"""The send path's hand-written SQL must load exactly what the ORM would, lock like it, and
mark a delivery sent the way the ORM did."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from events.models import Rsvp
from notifications.enums import DeliveryStatus, NoticeKind
from notifications.models import Delivery
from notifications.services.claims import delivery_locked, delivery_mark_sent
from tests.factories import ApprovedMemberFactory, EventFactory, RsvpFactory


def fields_of(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def a_delivery(**extra) -> Delivery:
    event = EventFactory(title_fa="نشست", description_ar="وصف", meeting_link="https://m.example/1")
    rsvp = RsvpFactory(event=event, member=ApprovedMemberFactory(preferred_language="fa"))
    return Delivery.objects.create(
        key=f"test:{rsvp.pk}",
        kind=NoticeKind.REMINDER,
        recipient_id=rsvp.member_id,
        rsvp=rsvp,
        event=event,
        context={"offset": "day", "starts_at": event.starts_at.isoformat(), "nested": [1, "ب"]},
        **extra,
    )


@pytest.mark.django_db
def test_loads_the_same_values_as_the_orm():
    delivery = a_delivery()
    reference = Delivery.objects.select_related("recipient", "rsvp", "event").get(pk=delivery.pk)
    with transaction.atomic():
        loaded = delivery_locked(delivery.pk)

    assert fields_of(loaded) == fields_of(reference)
    assert fields_of(loaded.recipient) == fields_of(reference.recipient)
    assert fields_of(loaded.rsvp) == fields_of(reference.rsvp)
    assert fields_of(loaded.event) == fields_of(reference.event)
    assert loaded.context["nested"] == [1, "ب"]  # JSON decoded, not text
    assert loaded.event.starts_at.tzinfo is not None
    assert loaded.rsvp.event is loaded.event
    assert loaded._state.adding is False


@pytest.mark.django_db
def test_long_texts_and_secrets_are_left_out_until_asked_for(django_assert_num_queries):
    delivery = a_delivery()
    with transaction.atomic():
        loaded = delivery_locked(delivery.pk)
    assert {"description_ar", "description_en"} <= loaded.event.get_deferred_fields()
    assert {"password", "bio"} <= loaded.recipient.get_deferred_fields()
    assert "guest_token" in loaded.rsvp.get_deferred_fields()
    with django_assert_num_queries(1):
        assert loaded.event.description_ar == "وصف"


@pytest.mark.django_db
def test_missing_relations_are_none():
    event = EventFactory()
    guest = RsvpFactory(event=event, member=None, guest_email="g@example.org", guest_name="G")
    delivery = Delivery.objects.create(key="guest", kind=NoticeKind.REMINDER, rsvp=guest)
    with transaction.atomic():
        loaded = delivery_locked(delivery.pk)
    assert loaded.recipient is None
    assert loaded.event is None
    assert loaded.rsvp.guest_email == "g@example.org"


@pytest.mark.django_db
def test_a_delivery_that_is_gone_is_none():
    with transaction.atomic():
        assert delivery_locked(987654) is None


@pytest.mark.django_db(transaction=True)
def test_refuses_to_lock_outside_a_transaction():
    delivery = a_delivery()
    with pytest.raises(TransactionManagementError):
        delivery_locked(delivery.pk)


@pytest.mark.django_db(transaction=True)
def test_a_delivery_held_by_another_worker_is_skipped_not_waited_for():
    delivery = a_delivery()
    held, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                assert delivery_locked(delivery.pk) is not None
                held.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert held.wait(10)
        with transaction.atomic():
            assert delivery_locked(delivery.pk) is None
    finally:
        release.set()
        thread.join(10)
    with transaction.atomic():
        assert delivery_locked(delivery.pk) is not None


@pytest.mark.django_db
def test_marking_sent_records_the_attempt_and_clears_the_error():
    delivery = a_delivery(
        attempts=2, last_error="SMTPServerDisconnected", retry_at=timezone.now() + timedelta(1)
    )
    with transaction.atomic():
        loaded = delivery_locked(delivery.pk)
        delivery_mark_sent(loaded, subject="تذكير: " + "ا" * 400)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 3
    assert delivery.last_error == ""
    assert delivery.retry_at is None
    assert abs((delivery.sent_at - timezone.now()).total_seconds()) < 60
    assert delivery.subject.startswith("تذكير: ")
    assert len(delivery.subject) == 300
    assert fields_of(loaded) == fields_of(delivery)


@pytest.mark.django_db
def test_answer_of_another_event_keeps_its_own_event():
    delivery = a_delivery()
    other = EventFactory()
    Rsvp.objects.filter(pk=delivery.rsvp_id).update(event=other)
    with transaction.atomic():
        loaded = delivery_locked(delivery.pk)
    assert loaded.rsvp.event_id == other.pk
    assert loaded.rsvp.event == other  # loaded on access, not taken from the delivery's event
