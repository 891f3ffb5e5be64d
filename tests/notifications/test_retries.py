"""The one retry rule for every mail (notifications/retries.py): what counts as temporary, and
what a log line may say of an error."""

import smtplib

import pytest

from notifications.retries import error_summary, is_temporary


@pytest.mark.parametrize(
    ("codes", "temporary"),
    [
        ([450], True),  # greylisting answers RCPT TO with a 4xx
        ([451, 452], True),
        ([550], False),
        ([450, 550], False),
    ],
)
def test_recipients_refused_for_now_are_tried_again(codes, temporary):
    error = smtplib.SMTPRecipientsRefused(
        {f"reader{n}@example.org": (code, b"refused") for n, code in enumerate(codes)}
    )

    assert is_temporary(error) is temporary


def test_error_summary_names_the_error_and_its_codes_but_not_the_address():
    error = smtplib.SMTPRecipientsRefused(
        {"nasrin@example.org": (550, b"5.1.1 <nasrin@example.org>: no such user")}
    )

    assert error_summary(error) == "SMTPRecipientsRefused 550"
    assert error_summary(ConnectionRefusedError(111, "Connection refused")) == (
        "ConnectionRefusedError"
    )
