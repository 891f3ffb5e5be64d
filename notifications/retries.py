"""When a message that could not be sent is tried again: one rule for every mail the site sends.

A server that cannot be reached at all (an outage) is waited for however long it is away, each
wait as long again as the message has waited so far, from NOTIFICATIONS_RETRY_BASE_SECONDS up to
NOTIFICATIONS_RETRY_MAX_SECONDS. A server's temporary refusals (4xx, RFC 5321 section 4.2.1) are
tried again NOTIFICATIONS_MAX_RETRIES times with doubling delays; anything else is given up.

Notices keep their count on their database row (notifications/services/sending.py); the mails
that have no row (allauth's, guest links) keep it in their Celery task (mail_task_retry).
"""

import smtplib

from django.conf import settings
from django.db import OperationalError

# The mail server or the database was busy, down or out of reach: nothing to do with the message.
OUTAGE_ERRORS = (
    OperationalError,
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    ConnectionError,
    TimeoutError,
)


# What the broker's task listings and the worker's records show for a mail task's arguments,
# which hold secret links (a password-reset key, a guest's token) until the message is sent.
HIDDEN_ARGUMENTS = "(a mail's parts, not shown)"


class MailNotSentYet(Exception):
    """What a mail task's retry names instead of the error itself: the server's own words
    often quote the recipient's address, which has no place in the worker's log."""


def smtp_codes(error: Exception) -> list[int]:
    """The SMTP reply codes in `error`: one, or one per refused recipient; none for an outage."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return [code for code, _reply in error.recipients.values()]
    code = getattr(error, "smtp_code", None)
    return [code] if isinstance(code, int) else []


def error_summary(error: Exception) -> str:
    """The error's class and SMTP codes, e.g. "SMTPRecipientsRefused 550": fit for a log line,
    unlike the server's text."""
    return " ".join([type(error).__name__, *map(str, smtp_codes(error))])


def is_outage(error: Exception) -> bool:
    """True when no server took the message up at all: refused, reset, timed out, dropped, no
    route or no such host (any OSError but the SMTP server's own answers), or a busy database."""
    if isinstance(error, OUTAGE_ERRORS):
        return True
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def is_temporary(error: Exception) -> bool:
    """Worth trying again later: an outage, a HELO refusal, or 4xx replies (RFC 5321, 4.2.1),
    also when given to RCPT TO (greylisting answers there)."""
    if is_outage(error) or isinstance(error, smtplib.SMTPHeloError):
        return True
    codes = smtp_codes(error)
    return bool(codes) and all(400 <= code < 500 for code in codes)


def retry_delay(attempts: int) -> float:
    """Seconds before the next try: doubling from the base, capped."""
    return min(
        settings.NOTIFICATIONS_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0),
        settings.NOTIFICATIONS_RETRY_MAX_SECONDS,
    )


def outage_delay(waited: float) -> float:
    """Seconds before the next try while the servers are away, `waited` seconds after the
    message was first to go: as long again, from the base delay up to the cap. A short outage
    costs seconds, a long one at most the cap after the server is back."""
    return min(
        max(waited, settings.NOTIFICATIONS_RETRY_BASE_SECONDS),
        settings.NOTIFICATIONS_RETRY_MAX_SECONDS,
    )


def mail_task_retry(task, error: Exception, *, refusals: int) -> None:
    """In the `except` of a mail task that has no database row (bind=True, max_retries=None, a
    `refusals` keyword): raise the task's retry after this module's delay, or return when the
    message is to be given up (a permanent error, or too many refusals) for the task to log.

    Celery counts the tries (`task.request.retries`); with waits that double, a message tried
    n times during an outage has waited retry_delay(n) so far. The refusals travel in the
    retried task's `refusals` keyword. A task called in the web process (the broker is away)
    cannot wait: a temporary error goes to its caller.
    """
    if is_outage(error):
        waited = retry_delay(task.request.retries)
        delay = outage_delay(waited)
    elif is_temporary(error) and refusals < settings.NOTIFICATIONS_MAX_RETRIES:
        refusals += 1
        delay = retry_delay(refusals)
    else:
        return
    if task.request.called_directly:
        raise error
    raise task.retry(
        countdown=delay,
        kwargs={**task.request.kwargs, "refusals": refusals},
        exc=MailNotSentYet(error_summary(error)),
        argsrepr=HIDDEN_ARGUMENTS,
        kwargsrepr=HIDDEN_ARGUMENTS,
    )
