"""allauth's mails (verification, password reset, address changes, account notices) leave the
request through a Celery task, so a mail server that is away costs the visitor nothing.

members/adapters.py renders each message in its reader's language; account_mail_queue hands its
parts to the broker once the request's transaction has committed, and the task
(members.send_account_mail) sends it, waiting for a mail server that is away however long it
takes (notifications/retries.py). When the broker itself cannot be reached the message is sent
from the web process, as a guest's link is (events/receivers.py); when that fails too, the
visitor reads that the email could not be sent and may ask again in a few minutes. Nothing is
undone: allauth keeps what it wrote (the account, the address), and asking again (signing in
unverified, "forgot password") sends a new message.

A verification or password-reset message carries a secret link. It waits in the broker (Redis)
only until the task has sent it; its body is written to no log, and the broker's listings of
tasks show HIDDEN_ARGUMENTS in place of its arguments.
"""

import logging

from django.contrib import messages
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext
from kombu.exceptions import OperationalError as KombuOperationalError

from config.celery import app as celery_app
from notifications.email import Email
from notifications.retries import HIDDEN_ARGUMENTS, error_summary

# By name: the task (members/tasks.py) imports this module, not the other way round.
SEND_TASK = "members.send_account_mail"
logger = logging.getLogger(__name__)


def account_mail_parts(message: EmailMessage) -> dict:
    """The keyword arguments of the task that sends `message`, all JSON: from_email, to (a
    list), subject, body (the text), html (the HTML alternative, or None) and headers."""
    alternatives = getattr(message, "alternatives", [])
    html = next((content for content, kind in alternatives if kind == "text/html"), None)
    return {
        "from_email": message.from_email,
        "to": list(message.to),
        "subject": message.subject,
        "body": message.body,
        "html": html,
        "headers": dict(message.extra_headers),
    }


def account_mail_send(
    *,
    from_email: str,
    to: list[str],
    subject: str,
    body: str,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send one rendered message through Django's mail API (EMAIL_BACKEND). Raises what the
    backend raises: smtplib's errors, OSError (refused, timed out, no route)."""
    message = Email(subject, body, from_email, to, headers=headers)
    if html is not None:
        message.attach_alternative(html, "text/html")
    message.send()


def account_mail_queue(*, message: EmailMessage, request: HttpRequest | None) -> None:
    """Have `message` sent by a task once the current transaction commits (at once outside
    one). `request`, when there is one, is told if the message could not be sent at all."""
    parts = account_mail_parts(message)
    transaction.on_commit(lambda: _enqueue(parts, request))


def _enqueue(parts: dict, request: HttpRequest | None) -> None:
    try:
        task = celery_app.signature(SEND_TASK, kwargs=parts)
        task.apply_async(argsrepr=HIDDEN_ARGUMENTS, kwargsrepr=HIDDEN_ARGUMENTS)
        return
    except KombuOperationalError as error:
        logger.warning("Broker unreachable, sending account mail from this process: %s", error)
    try:
        account_mail_send(**parts)
    except Exception as error:  # whatever the mail server did, the page answers
        logger.warning("Account mail not sent from this process either: %s", error_summary(error))
        if request is not None:
            message = gettext(
                "We could not send the email just now. Please try again in a few minutes."
            )
            messages.error(request, message, fail_silently=True)
