import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from notifications.composers import Skip
from notifications.email import Email
from notifications.enums import DeliveryStatus
from notifications.models import Delivery
from notifications.recipients import for_guest, for_member, why_not_send
from notifications.rendering import Message, render_message
from notifications.retries import is_outage, is_temporary, outage_delay, retry_delay

logger = logging.getLogger(__name__)

# Long texts (an event's descriptions run to pages, in three languages) and secrets no message
# needs: left out of the row the sender locks, loaded on access should a template ask.
NOT_LOADED = (
    "event__description",
    "event__description_ar",
    "event__description_fa",
    "event__description_en",
    "recipient__password",
    "recipient__bio",
    "rsvp__guest_token",
    "rsvp__accessibility_needs",
)


def _skip(delivery: Delivery, reason: str) -> str:
    delivery.status = DeliveryStatus.SKIPPED
    delivery.last_error = reason
    delivery.save(update_fields=["status", "last_error"])
    logger.info("Delivery %s not sent: %s", delivery.pk, reason)
    return DeliveryStatus.SKIPPED


def _email(to: str, language: str, message: Message) -> Email:
    """The one place that decides what every notification email carries."""
    email = Email(
        message.subject,
        message.text,
        to=[to],
        headers={
            "List-Unsubscribe": f"<{message.unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": language,
        },
    )
    email.attach_alternative(message.html, "text/html")
    for name, content, mimetype in message.attachments:
        email.attach(name, content, mimetype)
    return email


def deliveries_for_sending(delivery_ids: list[int]) -> dict[int, Delivery]:
    """A batch's deliveries by id, with what their messages need, in two queries.

    Read without a lock: delivery_send locks each row when its turn comes, and sends only if
    it is still pending then.
    """
    deliveries = (
        Delivery.objects.filter(pk__in=delivery_ids)
        .select_related("recipient", "rsvp", "event")
        .defer(*NOT_LOADED)
        .prefetch_related("event__cohost_groups")
    )
    by_id = {}
    for delivery in deliveries:
        if delivery.rsvp is not None and delivery.rsvp.event_id == delivery.event_id:
            delivery.rsvp.event = delivery.event  # the same row: no second query for it
        by_id[delivery.pk] = delivery
    return by_id


def delivery_send(
    *,
    delivery: Delivery,
    connection: BaseEmailBackend | None = None,
    rendered: dict | None = None,
) -> str:
    """Send one delivery at most once, through `connection` (the batch's SMTP connection; a
    new one when None); returns its status afterwards. `rendered` is the batch's cache of
    reminder texts (notifications/rendering.py).

    The row is locked (SKIP LOCKED) for the whole attempt, in a transaction of its own: a
    duplicate task that arrives at the same time finds it locked and leaves; one that arrives
    later finds it sent and leaves. An SMTP error propagates with the row still pending, for
    the task to record and retry.
    """
    with transaction.atomic():
        locked = Delivery.objects.select_for_update(skip_locked=True).filter(pk=delivery.pk)
        status = locked.values_list("status", flat=True).first()
        if status != DeliveryStatus.PENDING:
            return status or "locked-or-gone"
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
            message = render_message(delivery, recipient, rendered=rendered)
        except Skip as skip:
            return _skip(delivery, skip.reason)
        email = _email(recipient.email, recipient.language, message)
        (connection or get_connection()).send_messages([email])  # None: opened for it
        locked.update(
            status=DeliveryStatus.SENT,
            sent_at=timezone.now(),
            subject=message.subject[: Delivery._meta.get_field("subject").max_length],
            attempts=F("attempts") + 1,
            last_error="",
            retry_at=None,
        )
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
    return list(stalled.order_by("pk").values_list("pk", flat=True)[:5000])
