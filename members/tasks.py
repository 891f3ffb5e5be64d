import logging

from celery import shared_task

from members import services
from members.account_mail import account_mail_send
from notifications.retries import error_summary, mail_task_retry

logger = logging.getLogger(__name__)


@shared_task(name="members.purge_unverified_signups", acks_late=True, ignore_result=True)
def purge_unverified_signups() -> None:
    """Hourly: forget sign-ups that were never verified. Running it twice is harmless."""
    removed = services.purge_unverified_signups()
    if removed:
        logger.info("Removed %d stale unverified sign-up rows", removed)


@shared_task(
    name="members.send_account_mail",
    bind=True,
    acks_late=True,
    ignore_result=True,
    max_retries=None,  # an unreachable server is waited for; refusals: notifications/retries.py
)
def send_account_mail(
    self,
    *,
    from_email: str,
    to: list[str],
    subject: str,
    body: str,
    html: str | None = None,
    headers: dict[str, str] | None = None,
    refusals: int = 0,
) -> None:
    """Send one of allauth's mails, rendered by members/adapters.py (see members/account_mail.py).

    Tried again while the mail server is away or refuses for now; a permanent refusal is
    logged by its SMTP code, without the address. Neither the body nor its link is logged.
    """
    try:
        account_mail_send(
            from_email=from_email, to=to, subject=subject, body=body, html=html, headers=headers
        )
    except Exception as error:  # a temporary error raises a retry here; the rest is logged
        mail_task_retry(self, error, refusals=refusals)
        logger.warning("Account mail %s not sent: %s", self.request.id, error_summary(error))
