"""Scale-out: two gunicorn servers and two Celery workers, separate processes with production's
settings on one PostgreSQL and one Redis, share the work without overbooking or sending twice."""

import http.client
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from django.utils.crypto import get_random_string

from config.celery import app as celery_app
from events.enums import RsvpStatus
from events.models import Rsvp
from notifications.enums import DeliveryStatus
from notifications.models import Delivery
from tests import processes
from tests.factories import ApprovedMemberFactory, EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CAPACITY = 50
MEMBERS = 200


@dataclass
class Stack:
    inbox: processes.Inbox
    web_ports: list[int]
    worker_logs: list[Path]


@pytest.fixture
def stack(tmp_path, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # this process only publishes, to the workers
    celery_app.conf.task_always_eager = False
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(celery_app.conf.task_default_queue)
    inbox = processes.Inbox()
    with processes.smtp_server(inbox) as smtp_port:
        # Small batches, so that the two workers share even a short run of reminders.
        env = processes.production_env(
            static_root=tmp_path / "static", smtp_port=smtp_port, NOTIFICATIONS_BATCH_SIZE="2"
        )
        processes.collect_static(env)
        ports = [processes.free_port(), processes.free_port()]
        web_logs = [tmp_path / f"web{n}.log" for n in (1, 2)]
        worker_logs = [tmp_path / f"worker{n}.log" for n in (1, 2)]
        servers = [
            processes.start_web(env, port=port, log=log, workers=2)
            for port, log in zip(ports, web_logs, strict=True)
        ]
        workers = [
            processes.start_worker(env, name=f"worker{n}", log=log)
            for n, log in enumerate(worker_logs, start=1)
        ]
        try:
            for port, server, log in zip(ports, servers, web_logs, strict=True):
                processes.wait_until_serving(port, server, log)
            yield Stack(inbox, ports, worker_logs)
        finally:
            processes.stop(*servers, *workers)
            celery_app.conf.task_always_eager = True


def signed_in_session(member) -> str:
    """A session as signing in leaves it, written straight to the database."""
    session = SessionStore()
    session[SESSION_KEY] = str(member.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.create()
    return session.session_key


def post_form(port: int, path: str, *, session_key: str, data: dict) -> tuple[int, str]:
    """A browser's form POST through the TLS proxy: session and CSRF cookies, https origin."""
    csrf = get_random_string(32)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(
            "POST",
            path,
            body=urlencode({**data, "csrfmiddlewaretoken": csrf}),
            headers={
                "Host": processes.PUBLIC_HOST,
                "X-Forwarded-Proto": "https",
                "Origin": f"https://{processes.PUBLIC_HOST}",
                "Cookie": f"sessionid={session_key}; csrftoken={csrf}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location", "")
    finally:
        connection.close()


def wait_until(check, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def test_two_servers_and_two_workers_never_overbook_nor_send_twice(stack):
    event = EventFactory(
        capacity=CAPACITY, starts_at=timezone.now().replace(microsecond=0) + timedelta(hours=23)
    )
    members = ApprovedMemberFactory.create_batch(MEMBERS)
    sessions = [signed_in_session(member) for member in members]
    path = f"/en/events/{event.pk}/answer/"
    start = threading.Barrier(MEMBERS)

    def answer_going(number: int) -> tuple[int, str]:
        port = stack.web_ports[number % 2]  # half to each server
        start.wait()
        return post_form(port, path, session_key=sessions[number], data={"answer": "going"})

    with ThreadPoolExecutor(max_workers=MEMBERS) as pool:
        responses = list(pool.map(answer_going, range(MEMBERS)))

    assert Counter(responses) == {(302, f"/en/events/{event.pk}/"): MEMBERS}
    statuses = Counter(Rsvp.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == {RsvpStatus.GOING: CAPACITY, RsvpStatus.WAITLISTED: MEMBERS - CAPACITY}

    # Every answer is confirmed by mail, sent by one worker or the other, once.
    stack.inbox.wait_for(MEMBERS, timeout=60)
    assert wait_until(
        lambda: not Delivery.objects.exclude(status=DeliveryStatus.SENT).exists(), timeout=10
    )
    assert stack.inbox.per_recipient() == {member.email: 1 for member in members}

    # A double beat tick: both workers schedule at once and share the sending.
    stack.inbox.messages.clear()
    logged_before = [len(log.read_text()) for log in stack.worker_logs]
    Rsvp.objects.filter(event=event).update(created_at=timezone.now() - timedelta(days=30))
    celery_app.send_task("notifications.schedule_reminders")
    celery_app.send_task("notifications.schedule_reminders")
    stack.inbox.wait_for(CAPACITY, timeout=60)
    time.sleep(2)  # anything sent twice would arrive now

    going = Rsvp.objects.filter(event=event, status=RsvpStatus.GOING)
    assert stack.inbox.per_recipient() == {rsvp.member.email: 1 for rsvp in going}
    for log, before in zip(stack.worker_logs, logged_before, strict=True):
        assert "notifications.send_deliveries" in log.read_text()[before:], log.read_text()[-3000:]
