"""End to end: a real Celery worker on Redis sends through a real SMTP server."""

import re
import time
import zoneinfo
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Rsvp
from events.services.rsvps import rsvp_set
from members.digits import digits_for, localise_digits
from notifications.enums import DeliveryStatus
from notifications.models import Delivery
from notifications.tasks import schedule_reminders, send_deliveries
from tests.factories import ApprovedMemberFactory, EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

READERS = [
    ("ar", "Asia/Damascus", "وقفة تضامن", 'lang="ar" dir="rtl"'),
    ("fa", "Asia/Tehran", "تجمع همبستگی", 'lang="fa" dir="rtl"'),
    ("en", "America/Toronto", "Solidarity rally", 'lang="en" dir="ltr"'),
]


def html_of(message) -> str:
    return message.get_body(("html",)).get_content()


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def an_event_tomorrow():
    return EventFactory(
        title_ar="وقفة تضامن",
        title_fa="تجمع همبستگی",
        title_en="Solidarity rally",
        starts_at=timezone.now().replace(second=0, microsecond=0) + timedelta(hours=23),
        time_zone="Europe/Berlin",
    )


def long_ago_answers(event):
    members = []
    for language, zone, _title, _direction in READERS:
        member = ApprovedMemberFactory(preferred_language=language, time_zone=zone)
        rsvp_set(event=event, member=member, answer="going")
        members.append(member)
    Rsvp.objects.filter(event=event).update(created_at=timezone.now() - timedelta(days=30))
    return members


def test_reminders_reach_each_reader_in_their_language_zone_and_digits(smtp_inbox, celery_worker):
    event = an_event_tomorrow()
    members = long_ago_answers(event)
    smtp_inbox.wait_for(3)  # the answer confirmations go first
    smtp_inbox.messages.clear()

    schedule_reminders.delay()
    received = smtp_inbox.wait_for(3)

    assert len(received) == 3
    by_recipient = {message["To"]: message for message in received}
    for member, (language, zone, title, direction) in zip(members, READERS, strict=True):
        message = by_recipient[member.email]
        assert title in message["Subject"]
        assert message["Content-Language"] == language
        assert direction in html_of(message)
        local = event.starts_at.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%H:%M")
        expected_time = localise_digits(local, digits_for(language, ""))
        assert expected_time in html_of(message)
        assert expected_time in text_of(message)
        assert message["List-Unsubscribe"].strip().startswith("<http")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "۱۴۰۵" in html_of(by_recipient[members[1].email])  # Solar Hijri for Persian
    # Each copy of the group's email carries its own reader, link and identity.
    for member in members:
        assert member.display_name in text_of(by_recipient[member.email])
    assert len({message["List-Unsubscribe"] for message in received}) == 3
    assert len({message["Message-ID"] for message in received}) == 3
    reminders = Delivery.objects.filter(kind="reminder")
    deadline = time.monotonic() + 10  # the row is committed just after the SMTP reply
    while reminders.exclude(status=DeliveryStatus.SENT).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert set(reminders.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_answer_confirmation_carries_the_calendar_file(smtp_inbox, celery_worker):
    member = ApprovedMemberFactory(preferred_language="fa", time_zone="Asia/Tehran")
    event = EventFactory(title_fa="نشست", title_en="Meeting", time_zone="Asia/Tehran")

    rsvp_set(event=event, member=member, answer="going")
    (message,) = smtp_inbox.wait_for(1)

    attachments = list(message.iter_attachments())
    assert [part.get_filename() for part in attachments] == ["event.ics"]
    calendar = attachments[0].get_content()
    calendar = calendar.decode() if isinstance(calendar, bytes) else calendar
    assert "DTSTART;TZID=Asia/Tehran" in calendar
    assert "BEGIN:VTIMEZONE" in calendar


def test_duplicate_enqueues_and_beat_ticks_send_each_reminder_once(smtp_inbox, celery_worker):
    event = an_event_tomorrow()
    long_ago_answers(event)
    smtp_inbox.wait_for(3)  # the three answer confirmations
    smtp_inbox.messages.clear()

    schedule_reminders.delay()
    schedule_reminders.delay()
    smtp_inbox.wait_for(3)
    reminder_ids = list(Delivery.objects.filter(kind="reminder").values_list("pk", flat=True))
    for delivery_id in reminder_ids:
        send_deliveries.delay([delivery_id])
    send_deliveries.delay(reminder_ids)
    send_deliveries.delay(reminder_ids)
    schedule_reminders.delay()
    time.sleep(2)

    assert sorted(m["To"] for m in smtp_inbox.messages) == sorted(
        {m["To"] for m in smtp_inbox.messages}
    )
    assert len(smtp_inbox.messages) == 3


def test_smtp_refusal_is_retried_and_sent_once(smtp_inbox, celery_worker):
    smtp_inbox.refuse_next = 2
    member = ApprovedMemberFactory()
    rsvp_set(event=EventFactory(), member=member, answer="going")

    received = smtp_inbox.wait_for(1)
    time.sleep(1)

    assert len(received) == 1
    assert smtp_inbox.refused == 2
    deadline = time.monotonic() + 10
    while Delivery.objects.filter(status=DeliveryStatus.PENDING).exists():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 3


def test_retry_limit_marks_the_delivery_failed(smtp_inbox, celery_worker, settings):
    settings.NOTIFICATIONS_MAX_RETRIES = 2
    smtp_inbox.refuse_next = 100
    rsvp_set(event=EventFactory(), member=ApprovedMemberFactory(), answer="going")

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        delivery = Delivery.objects.get()
        if delivery.status == DeliveryStatus.FAILED:
            break
        time.sleep(0.1)

    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 3
    assert re.search(r"451", delivery.last_error)
    assert smtp_inbox.messages == []


def test_a_refusal_in_a_batch_retries_that_reminder_alone(smtp_inbox, celery_worker):
    event = an_event_tomorrow()
    members = long_ago_answers(event)
    smtp_inbox.wait_for(3)  # the answer confirmations
    smtp_inbox.messages.clear()
    smtp_inbox.refuse_next = 1  # the batch's first reminder, once

    schedule_reminders.delay()
    smtp_inbox.wait_for(3)
    time.sleep(1)

    assert sorted(m["To"] for m in smtp_inbox.messages) == sorted(m.email for m in members)
    reminders = Delivery.objects.filter(kind="reminder").order_by("pk")
    assert [(d.status, d.attempts) for d in reminders] == [
        (DeliveryStatus.SENT, 2),
        (DeliveryStatus.SENT, 1),
        (DeliveryStatus.SENT, 1),
    ]
