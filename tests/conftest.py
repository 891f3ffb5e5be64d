from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from celery.contrib.testing.worker import start_worker
from django.core.cache import cache
from django.utils import translation

from config.celery import app as celery_app
from members.digits import deactivate_digit_style
from tests.factories import ApprovedMemberFactory, MemberFactory, OrganizerFactory
from tests.processes import Inbox, free_port


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The cache is the real Redis: rate limits and cached pages must not leak between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language_and_digits():
    # A request activates its reader's language and digits in this thread and leaves them there;
    # a later test calling a service directly must not read its refusals in that language.
    yield
    translation.deactivate()
    deactivate_digit_style()


@pytest.fixture
def admin_user(db):
    # Replaces pytest-django's, which knows nothing of our required display name.
    admin = ApprovedMemberFactory(is_staff=True, is_superuser=True, display_name="Admin")
    TOTP.activate(admin, generate_totp_secret())  # the admin site requires two factors
    return admin


@pytest.fixture
def pending_member(db):
    return MemberFactory()


@pytest.fixture
def member(db):
    return ApprovedMemberFactory()


@pytest.fixture
def organizer(db):
    return OrganizerFactory()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def organizer_client(client, organizer):
    client.force_login(organizer)
    return client


@pytest.fixture
def site_url(settings):
    """A public address unlike the test client's host, so a link built from a request shows."""
    settings.SITE_URL = "https://tadamun.example.org"
    return settings.SITE_URL


ONION_HOST = "tadamun2" * 7 + ".onion"  # 56 base32 characters, as a v3 address has


@pytest.fixture
def onion_url(settings, site_url):
    """The site's onion service beside its public address, as ONION_URL makes it."""
    settings.ONION_URL = f"http://{ONION_HOST}"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ONION_HOST, urlsplit(site_url).hostname]
    settings.CSRF_TRUSTED_ORIGINS = [*settings.CSRF_TRUSTED_ORIGINS, settings.ONION_URL]
    return settings.ONION_URL


# Real parts for the mail tests: an SMTP server and a Celery worker on Redis.


def _send_by_smtp(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""


@pytest.fixture
def smtp_handler():
    """What answers the SMTP server's commands; a test module may give its own."""
    return Inbox()


@pytest.fixture
def smtp_inbox(settings, smtp_handler):
    inbox = smtp_handler
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    _send_by_smtp(settings, controller.port)
    yield inbox
    controller.stop()


class MailServerAway:
    """An SMTP server that is not there yet: its port refuses connections until start()."""

    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = None

    def start(self) -> Inbox:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self.inbox


@pytest.fixture
def mail_server_away(settings):
    """Mail sent by SMTP to a port where nothing listens until the test calls start()."""
    server = MailServerAway()
    _send_by_smtp(settings, server.port)
    yield server
    if server.controller is not None:
        server.controller.stop()


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
