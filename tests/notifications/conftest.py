"""Real parts for the notification tests: an SMTP server process and a Celery worker on Redis."""

import socket
import time
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker

from config.celery import app as celery_app
from notifications import smtp


class Inbox:
    """Collects what the SMTP server receives; can refuse the first attempts with a 451."""

    def __init__(self):
        self.messages = []
        self.refuse_next = 0
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_next:
            self.refuse_next -= 1
            self.refused += 1
            return "451 4.3.0 Try again later"
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 30) -> list:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    smtp.close_all()  # connections kept open between messages end with the server
    controller.stop()


@pytest.fixture
def celery_worker_factory(settings):
    """Start a real worker thread on the real Redis broker when the test says so."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.task_always_eager = False
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 0.05
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(celery_app.conf.task_default_queue)

    def worker():
        return start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30)

    yield worker
    celery_app.conf.task_always_eager = True


@pytest.fixture
def celery_worker(celery_worker_factory):
    """A real worker consuming from the real Redis broker (no eager mode) for the whole test."""
    with celery_worker_factory():
        yield
