"""Which failures are tried again later and which mark a delivery failed at once."""

import errno
import smtplib
import socket
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from notifications.enums import DeliveryStatus
from notifications.models import Delivery
from notifications.services.sending import delivery_record_failure, is_temporary


@pytest.mark.parametrize(
    ("error", "temporary"),
    [
        (OperationalError("database is locked"), True),  # SQLite busy on the first run
        (smtplib.SMTPServerDisconnected("gone"), True),
        (smtplib.SMTPResponseException(451, b"try later"), True),
        (smtplib.SMTPResponseException(550, b"no such user"), False),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")}), False),
        (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), True),
        (socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution"), True),
        (OSError(errno.ENETUNREACH, "Network is unreachable"), True),
        (ValueError("bad template"), False),
    ],
)
def test_busy_databases_and_mail_servers_are_tried_again(error, temporary):
    assert is_temporary(error) is temporary


@pytest.fixture
def delivery_out_of_retries(db, settings):
    settings.NOTIFICATIONS_MAX_RETRIES = 2
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 30
    settings.NOTIFICATIONS_RETRY_MAX_SECONDS = 3600
    return Delivery.objects.create(key="k", kind="reminder", attempts=2)


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"),
        TimeoutError("timed out"),
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
        OSError(errno.EHOSTUNREACH, "No route to host"),
    ],
)
def test_unreachable_mail_server_never_uses_up_the_retries(delivery_out_of_retries, error):
    delivery = delivery_out_of_retries
    Delivery.objects.filter(pk=delivery.pk).update(created_at=timezone.now() - timedelta(hours=3))

    delay = delivery_record_failure(delivery_id=delivery.pk, error=error)

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 2
    assert delay == 3600  # as long again as it waited, at most the cap
    assert delivery.retry_at > timezone.now() + timedelta(minutes=59)


def test_short_outage_is_tried_again_after_the_base_delay(delivery_out_of_retries):
    error = ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")

    assert delivery_record_failure(delivery_id=delivery_out_of_retries.pk, error=error) == 30


def test_refusals_from_the_mail_server_still_use_up_the_retries(delivery_out_of_retries):
    error = smtplib.SMTPResponseException(451, b"try later")

    assert delivery_record_failure(delivery_id=delivery_out_of_retries.pk, error=error) is None

    delivery_out_of_retries.refresh_from_db()
    assert delivery_out_of_retries.status == DeliveryStatus.FAILED
    assert delivery_out_of_retries.attempts == 3
