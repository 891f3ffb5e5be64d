"""Which failures are tried again later and which mark a delivery failed at once."""

import smtplib

import pytest
from django.db import OperationalError

from notifications.services.sending import is_temporary


@pytest.mark.parametrize(
    ("error", "temporary"),
    [
        (OperationalError("database is locked"), True),  # SQLite busy on the first run
        (smtplib.SMTPServerDisconnected("gone"), True),
        (smtplib.SMTPResponseException(451, b"try later"), True),
        (smtplib.SMTPResponseException(550, b"no such user"), False),
        (ValueError("bad template"), False),
    ],
)
def test_busy_databases_and_mail_servers_are_tried_again(error, temporary):
    assert is_temporary(error) is temporary
