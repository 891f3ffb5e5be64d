"""Real worker processes (production settings) against faults: killed with SIGKILL in the middle
of a reminder run, and a mail server that is away for longer than the retries last."""

import asyncio
import os
import signal
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from config.celery import app as celery_app
from events.models import Rsvp
from events.services.rsvps import rsvp_set
from notifications.enums import DeliveryStatus
from notifications.models import Delivery
from tests import processes
from tests.factories import ApprovedMemberFactory, EventFactory, RsvpFactory

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

READERS = 40
CONCURRENCY = 2


@pytest.fixture
def broker(settings):
    """The real broker, emptied, with answers given in this process published to it."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.task_always_eager = False
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(celery_app.conf.task_default_queue)
    yield settings.CELERY_BROKER_URL
    celery_app.conf.task_always_eager = True


class SlowInbox(processes.Inbox):
    """Takes a while over each message (after taking it), so that a kill lands mid-run and
    likely while a message is between the server's copy and the worker's commit."""

    async def handle_DATA(self, server, session, envelope):
        reply = await super().handle_DATA(server, session, envelope)
        await asyncio.sleep(0.05)
        return reply


def worker_ready(log) -> bool:
    return " ready." in log.read_text()


def not_yet_sent() -> set[str]:
    pending = Delivery.objects.filter(kind="reminder", status=DeliveryStatus.PENDING)
    return set(pending.values_list("recipient__email", flat=True))


def test_worker_killed_mid_run_sends_every_reminder_and_repeats_at_most_those_in_flight(
    broker, tmp_path
):
    event = EventFactory(starts_at=timezone.now().replace(microsecond=0) + timedelta(hours=23))
    readers = {rsvp.member.email for rsvp in RsvpFactory.create_batch(READERS, event=event)}
    Rsvp.objects.update(created_at=timezone.now() - timedelta(days=30))
    inbox = SlowInbox()
    with processes.smtp_server(inbox) as smtp_port:
        env = processes.production_env(static_root=tmp_path, smtp_port=smtp_port)
        first_log = tmp_path / "first.log"
        first = processes.start_worker(env, name="first", log=first_log, concurrency=CONCURRENCY)
        try:
            assert processes.wait_until(lambda: worker_ready(first_log), 30)
            processes.beat_tick(broker)
            assert processes.wait_until(lambda: len(inbox.messages) >= READERS // 3, 60)
            os.killpg(first.pid, signal.SIGKILL)
        finally:
            if first.poll() is None:
                os.killpg(first.pid, signal.SIGKILL)
            first.wait(10)
        time.sleep(0.5)  # PostgreSQL rolls back what the dead processes left open
        left = not_yet_sent()
        # Taken by the mail server, not yet marked sent: at most one per worker process.
        in_flight = left & set(inbox.per_recipient())
        assert left
        assert len(in_flight) <= CONCURRENCY

        second_log = tmp_path / "second.log"
        second = processes.start_worker(env, name="second", log=second_log)
        try:
            assert processes.wait_until(lambda: worker_ready(second_log), 30)
            # Beat's tick two minutes on: the dead worker's claims have run out, and the tasks it
            # held are enqueued again.
            Delivery.objects.filter(status=DeliveryStatus.PENDING).update(
                created_at=timezone.now() - timedelta(minutes=5),
                claimed_until=timezone.now() - timedelta(seconds=1),
            )
            processes.beat_tick(broker)
            assert processes.wait_until(lambda: not not_yet_sent(), 60), second_log.read_text()
            time.sleep(1)  # anything sent twice more would arrive now
        finally:
            processes.stop(second)

    received = inbox.per_recipient()
    assert set(received) == readers
    assert {email for email, count in received.items() if count > 1} <= in_flight
    assert max(received.values()) <= 2


def test_mail_server_away_longer_than_the_retries_last_loses_nothing(broker, tmp_path):
    smtp_port = processes.free_port()  # nothing listens there yet
    env = processes.production_env(
        static_root=tmp_path,
        smtp_port=smtp_port,
        NOTIFICATIONS_MAX_RETRIES="1",
        NOTIFICATIONS_RETRY_BASE_SECONDS="0.2",
        NOTIFICATIONS_RETRY_MAX_SECONDS="1",
    )
    log = tmp_path / "worker.log"
    worker = processes.start_worker(env, name="mail", log=log)
    inbox = processes.Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    try:
        assert processes.wait_until(lambda: worker_ready(log), 30)
        event = EventFactory()
        members = ApprovedMemberFactory.create_batch(5)
        for member in members:
            rsvp_set(event=event, member=member, answer="going")

        # Tried again and again (the one retry allowed would be over in half a second).
        time.sleep(4)
        waiting = Delivery.objects.all()
        assert {row.status for row in waiting} == {DeliveryStatus.PENDING}
        assert all("Connection refused" in row.last_error for row in waiting)

        server.start()
        assert processes.wait_until(
            lambda: not Delivery.objects.exclude(status=DeliveryStatus.SENT).exists(), 30
        ), log.read_text()[-3000:]
        time.sleep(1)
    finally:
        processes.stop(worker)
        server.stop()

    assert inbox.per_recipient() == {member.email: 1 for member in members}
    # Only the attempt a server answered counts against the limit.
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}
