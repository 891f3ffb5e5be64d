"""Re-delivery and broker loss: each recipient still receives exactly one email."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from config.celery import app as celery_app
from events.services.rsvps import rsvp_set
from notifications.enums import DeliveryStatus
from notifications.models import Delivery
from notifications.tasks import schedule_reminders
from tests.factories import ApprovedMemberFactory, EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def no_eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.task_always_eager = False
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(celery_app.conf.task_default_queue)
    yield
    celery_app.conf.task_always_eager = True


def wait_until(check, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def test_worker_killed_after_sending_before_ack_does_not_send_twice(smtp_inbox, no_eager, tmp_path):
    marker = tmp_path / "crashed"
    log = tmp_path / "worker.log"
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings_test",
        DATABASE_URL=_test_database_url(),
        TADAMUN_TEST_EMAIL_URL=f"smtp://127.0.0.1:{django_settings.EMAIL_PORT}",
        TADAMUN_CRASH_MARKER=str(marker),
    )
    with log.open("w") as output:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tests.notifications.crashing_worker",
             "worker", "--pool=prefork", "--concurrency=1", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        member = ApprovedMemberFactory()
        rsvp_set(event=EventFactory(), member=member, answer="going")
        assert wait_until(marker.exists), log.read_text()
        # The message comes back after the crash and is processed again, sending nothing.
        assert wait_until(lambda: log.read_text().count("received") >= 2), log.read_text()
        time.sleep(1)
    finally:
        worker.terminate()
        worker.wait(30)
    assert len(smtp_inbox.messages) == 1
    assert smtp_inbox.messages[0]["To"] == member.email
    assert Delivery.objects.get().status == DeliveryStatus.SENT
    assert "WorkerLostError" in log.read_text()


def test_messages_lost_with_the_broker_are_sent_by_the_next_tick(
    smtp_inbox, no_eager, celery_worker_factory
):
    member = ApprovedMemberFactory()
    rsvp_set(event=EventFactory(), member=member, answer="going")
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING

    # Redis here keeps nothing on disk: a restart is an empty database.
    redis.Redis.from_url(django_settings.CELERY_BROKER_URL).flushdb()
    Delivery.objects.filter(pk=delivery.pk).update(created_at=timezone.now() - timedelta(minutes=5))

    with celery_worker_factory():
        schedule_reminders.delay()
        assert wait_until(lambda: len(smtp_inbox.messages) == 1)
        schedule_reminders.delay()
        time.sleep(1)

    assert len(smtp_inbox.messages) == 1
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def _test_database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
