import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from events.models import Event
from notifications.composers import Skip
from notifications.email import Email
from notifications.enums import DeliveryStatus
from notifications.models import Delivery
from notifications.recipients import for_guest, for_member, why_not_send
from notifications.rendering import Message, render_message
from notifications.retries import is_outage, is_temporary, outage_delay, retry_delay

logger = logging.getLogger(__name__)

# Long texts (an event's descriptions run to pages, in three languages) and secrets no message
# needs: left out of what the sender loads, loaded on access should a template ask.
EVENT_NOT_LOADED = ("description", "description_ar", "description_fa", "description_en")
NOT_LOADED = (
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


def _unclaimed(now: datetime) -> Q:
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)


def deliveries_claim(*, delivery_ids: list[int]) -> list[Delivery]:
    """Take the batch's pending deliveries that no other task holds, in the order given, with
    what their messages need; four statements for the batch. The batch's event is loaded once
    (prefetched, not joined): one object for the batch, not one for each reader.

    The rows are locked (SKIP LOCKED) only while they are claimed: each gets `claimed_until`,
    committed before anything is sent. A duplicate task finds them claimed (or sent) and leaves
    them. When the worker dies, what it had not sent waits for the claim to run out and goes
    again with the beat's sweep (stalled_deliveries): only the message in flight goes twice.
    """
    now = timezone.now()
    with transaction.atomic():
        deliveries = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(_unclaimed(now), pk__in=delivery_ids, status=DeliveryStatus.PENDING)
            .select_related("recipient", "rsvp")
            .defer(*NOT_LOADED)
            .prefetch_related(
                Prefetch("event", Event.objects.defer(*EVENT_NOT_LOADED)), "event__cohost_groups"
            )
        )
        by_id = {delivery.pk: delivery for delivery in deliveries}
        # Held longer than the task may live (the worker kills it at CELERY_TASK_TIME_LIMIT):
        # no two tasks ever hold one delivery at a time.
        held_for = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 30)
        Delivery.objects.filter(pk__in=by_id).update(claimed_until=now + held_for)
    for delivery in by_id.values():
        if delivery.rsvp is not None and delivery.rsvp.event_id == delivery.event_id:
            delivery.rsvp.event = delivery.event  # the same row: no second query for it
    return [by_id[pk] for pk in delivery_ids if pk in by_id]


def delivery_send(
    *,
    delivery: Delivery,
    connection: BaseEmailBackend | None = None,
    rendered: dict | None = None,
) -> str:
    """Send one claimed delivery (deliveries_claim) through `connection` (the batch's SMTP
    connection; a new one when None) and mark it sent; returns its status afterwards.
    `rendered` is the batch's cache of reminder texts (notifications/rendering.py).

    The mark is one UPDATE, committed (durably) before the next message of the batch goes. An
    SMTP error propagates with the row still pending, for the task to record and retry.
    """
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
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT,
        sent_at=timezone.now(),
        subject=message.subject[: Delivery._meta.get_field("subject").max_length],
        attempts=delivery.attempts + 1,  # the claim keeps others from the row
        last_error="",
        retry_at=None,
        claimed_until=None,
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
    delivery.claimed_until = None  # for the retry's task to claim
    if is_outage(error):
        delay = outage_delay((timezone.now() - delivery.created_at).total_seconds())
        delivery.retry_at = timezone.now() + timedelta(seconds=delay)
        delivery.save(update_fields=["last_error", "retry_at", "claimed_until"])
        return delay
    delivery.attempts += 1
    delay = retry_delay(delivery.attempts)
    if not is_temporary(error) or delivery.attempts > settings.NOTIFICATIONS_MAX_RETRIES:
        delivery.status = DeliveryStatus.FAILED
        delivery.retry_at = None
        delay = None
    else:
        delivery.retry_at = timezone.now() + timedelta(seconds=delay)
    delivery.save(update_fields=["attempts", "last_error", "status", "retry_at", "claimed_until"])
    return delay


def stalled_deliveries(*, now: datetime | None = None) -> list[int]:
    """Pending deliveries whose send task must have been lost (a broker restart, a worker
    killed mid-task): never tried for two minutes, or a minute past their retry time, and not
    claimed by a task (any longer)."""
    now = now or timezone.now()
    stalled = Delivery.objects.filter(_unclaimed(now), status=DeliveryStatus.PENDING).filter(
        Q(retry_at__isnull=True, created_at__lt=now - timedelta(minutes=2))
        | Q(retry_at__lt=now - timedelta(minutes=1))
    )
    return list(stalled.order_by("pk").values_list("pk", flat=True)[:5000])
