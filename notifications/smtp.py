"""One open SMTP connection per worker thread, reused from message to message.

Opening a connection (TCP, EHLO, STARTTLS, AUTH) costs more than sending a reminder; a worker
sending thousands keeps one open and reconnects once when the server has dropped it. Every
connection is also kept in a registry so that a stopping worker closes them all.
"""

import contextlib
import functools
import smtplib
import threading

from celery.signals import worker_process_shutdown, worker_shutdown
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address

_local = threading.local()
_registry_lock = threading.Lock()
_open_connections: set = set()


def _settings_key() -> tuple:
    return (
        settings.EMAIL_BACKEND,
        getattr(settings, "EMAIL_HOST", ""),
        getattr(settings, "EMAIL_PORT", 0),
        getattr(settings, "EMAIL_HOST_USER", ""),
    )


def _connection():
    key = _settings_key()
    if getattr(_local, "key", None) != key or getattr(_local, "connection", None) is None:
        close()
        _local.connection = get_connection()
        _local.key = key
        with _registry_lock:
            _open_connections.add(_local.connection)
    return _local.connection


def _close(connection) -> None:
    with contextlib.suppress(smtplib.SMTPException, OSError):
        connection.close()
    with _registry_lock:
        _open_connections.discard(connection)


def close() -> None:
    """Close this thread's connection."""
    connection = getattr(_local, "connection", None)
    if connection is not None:
        _close(connection)
    _local.connection = None


@worker_shutdown.connect
@worker_process_shutdown.connect
def close_all(**kwargs) -> None:
    """Close every thread's connection: when a worker stops (or a test ends)."""
    with _registry_lock:
        connections = list(_open_connections)
    for connection in connections:
        _close(connection)


def send(message: EmailMessage, *, raw: bytes | None = None) -> None:
    """Send through this thread's connection. `raw` is the message already generated (see
    notifications/mime.py); it is used when the backend speaks SMTP, and the other backends
    (the console in development, the test outbox) receive the message object itself."""
    connection = _connection()
    message.connection = connection
    try:
        _send_once(connection, message, raw)
    except smtplib.SMTPServerDisconnected:
        # The server closed an idle connection: one fresh attempt, then let the error out.
        close()
        connection = message.connection = _connection()
        _send_once(connection, message, raw)


def _send_once(connection, message: EmailMessage, raw: bytes | None) -> None:
    connection.open()
    if raw is None or not isinstance(connection, SMTPBackend):
        message.send()
        return
    encoding = message.encoding or settings.DEFAULT_CHARSET
    connection.connection.sendmail(
        _envelope_address(message.from_email, encoding),
        [_envelope_address(address, encoding) for address in message.recipients()],
        raw,
    )


@functools.lru_cache(maxsize=1024)
def _envelope_address(address: str, encoding: str) -> str:
    return sanitize_address(address, encoding)
