import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from notifications import smtp
from notifications.composers import Skip
from notifications.enums import DeliveryStatus
from notifications.mime import email_for
from notifications.models import Delivery
from notifications.recipients import for_guest, for_member, why_not_send
from notifications.rendering import render_message
from notifications.retries import is_outage, is_temporary, outage_delay, retry_delay
from notifications.services.claims import delivery_locked, delivery_mark_sent

logger = logging.getLogger(__name__)


def _skip(delivery: Delivery, reason: str) -> str:
    delivery.status = DeliveryStatus.SKIPPED
    delivery.last_error = reason
    delivery.save(update_fields=["status", "last_error"])
    logger.info("Delivery %s not sent: %s", delivery.pk, reason)
    return DeliveryStatus.SKIPPED


def delivery_send(*, delivery_id: int) -> str:
    """Send one delivery at most once; returns its status afterwards.

    The row is locked (SKIP LOCKED) for the whole attempt: a duplicate task that arrives at the
    same time finds it locked and leaves; one that arrives later finds it sent and leaves. An
    SMTP error propagates with the row still pending, for the task to retry.
    """
    with transaction.atomic():
        delivery = delivery_locked(delivery_id)
        if delivery is None:
            return "locked-or-gone"
        if delivery.status != DeliveryStatus.PENDING:
            return delivery.status
        member = delivery.recipient
        if member is None and delivery.rsvp is not None and delivery.rsvp.member_id is None:
            recipient = for_guest(delivery.rsvp)
        elif member is not None:
            recipient = for_member(member)
        else:
            return _skip(delivery, "the recipient no longer exists")
        reason = why_not_send(member, recipient.email, delivery.kind)
        if reason:
            return _skip(delivery, reason)
        try:
            message = render_message(delivery, recipient)
        except Skip as skip:
            return _skip(delivery, skip.reason)
        email = email_for(
            to=recipient.email,
            language=recipient.language,
            subject=message.subject,
            text=message.text,
            html=message.html,
            unsubscribe_url=message.unsubscribe_url,
            attachments=message.attachments,
        )
        raw = None
        if message.mime is not None and message.mime.from_email == email.from_email:
            raw = message.mime.fill(
                to=recipient.email, name=recipient.name, link=message.unsubscribe_url
            )
        smtp.send(email, raw=raw)
        delivery_mark_sent(delivery, subject=message.subject)
    return DeliveryStatus.SENT


@transaction.atomic
def delivery_record_failure(*, delivery_id: int, error: Exception) -> float | None:
    """Note a failed attempt. Returns the delay before the next try, or None when the error is
    permanent or the attempts are used up — the delivery is then marked failed for admins.

    The count lives in the database, not in the task, so retries enqueued again after a broker
    restart still stop at the limit. Only attempts a server answered count: during an outage
    (is_outage) the message waits for the servers however long they are away, so a mail
    server down for an afternoon loses nothing.
    """
    delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return None
    delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
    if is_outage(error):
        delay = outage_delay((timezone.now() - delivery.created_at).total_seconds())
        delivery.retry_at = timezone.now() + timedelta(seconds=delay)
        delivery.save(update_fields=["last_error", "retry_at"])
        return delay
    delivery.attempts += 1
    delay = retry_delay(delivery.attempts)
    if not is_temporary(error) or delivery.attempts > settings.NOTIFICATIONS_MAX_RETRIES:
        delivery.status = DeliveryStatus.FAILED
        delivery.retry_at = None
        delay = None
    else:
        delivery.retry_at = timezone.now() + timedelta(seconds=delay)
    delivery.save(update_fields=["attempts", "last_error", "status", "retry_at"])
    return delay


def stalled_deliveries(*, now: datetime | None = None) -> list[int]:
    """Pending deliveries whose send task must have been lost (a broker restart, a worker
    killed mid-task): never tried for two minutes, or a minute past their retry time."""
    now = now or timezone.now()
    stalled = Delivery.objects.filter(status=DeliveryStatus.PENDING).filter(
        Q(retry_at__isnull=True, created_at__lt=now - timedelta(minutes=2))
        | Q(retry_at__lt=now - timedelta(minutes=1))
    )
    return list(stalled.values_list("pk", flat=True)[:5000])
