import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from kombu.exceptions import OperationalError as KombuOperationalError

from config.celery import app as celery_app
from notifications.models import Delivery

SEND_TASK = "notifications.send_deliveries"
logger = logging.getLogger(__name__)


@dataclass
class Planned:
    """A message to write: its unique key and what the sender needs to find its subject."""

    key: str
    kind: str
    recipient_id: int | None = None
    rsvp_id: int | None = None
    event_id: int | None = None
    context: dict = field(default_factory=dict)


def deliveries_plan(planned: list[Planned]) -> list[int]:
    """Write the messages that are not written yet and enqueue their sending (enqueue_sends).

    Returns the ids of the new rows. Keys already present (an earlier tick, a duplicate signal)
    are left alone, so calling this twice for the same messages sends each once. The rows are
    written a batch (NOTIFICATIONS_BATCH_SIZE) at a time, each batch enqueued once committed:
    outside a transaction (the beat's tick) the first messages go while the rest are written —
    5,000 reminders take two seconds to write.
    """
    by_key = {item.key: item for item in planned}
    existing = set(Delivery.objects.filter(key__in=by_key).values_list("key", flat=True))
    new_rows = [
        Delivery(
            key=item.key,
            kind=item.kind,
            recipient_id=item.recipient_id,
            rsvp_id=item.rsvp_id,
            event_id=item.event_id,
            context=item.context,
        )
        for key, item in by_key.items()
        if key not in existing
    ]
    size = settings.NOTIFICATIONS_BATCH_SIZE
    ids = []
    for start in range(0, len(new_rows), size):
        batch = _write(new_rows[start : start + size])
        transaction.on_commit(lambda batch=batch: enqueue_sends(batch))
        ids += batch
    return ids


def _write(rows: list[Delivery]) -> list[int]:
    try:
        with transaction.atomic():
            return [row.pk for row in Delivery.objects.bulk_create(rows)]
    except IntegrityError:
        # Another scheduler wrote some of them in the meantime: take only what is still free.
        ids = []
        for row in rows:
            try:
                with transaction.atomic():
                    row.save()
                ids.append(row.pk)
            except IntegrityError:
                continue
        return ids


def enqueue_sends(delivery_ids: list[int]) -> None:
    """Send tasks for these deliveries, NOTIFICATIONS_BATCH_SIZE to a task in the order given
    (the order the scheduler wrote them), published over one broker connection. By name:
    tasks.py imports the services, not the other way round.

    An unreachable broker is logged and otherwise ignored: the rows are written and stay
    pending, and the beat's schedule_reminders enqueues them once the broker is back
    (stalled_deliveries), so an answer or a change never fails for want of Redis.
    """
    size = settings.NOTIFICATIONS_BATCH_SIZE
    try:
        with celery_app.producer_or_acquire() as producer:
            for start in range(0, len(delivery_ids), size):
                batch = list(delivery_ids[start : start + size])
                celery_app.signature(SEND_TASK, args=(batch,)).apply_async(producer=producer)
    except KombuOperationalError as error:
        logger.warning(
            "Broker unreachable, %d deliveries wait for the next sweep: %s",
            len(delivery_ids),
            error,
        )


def deliveries_erase_personal_data(*, event_id: int) -> int:
    """Blank the sending errors of an event's messages when its attendees' personal data is
    erased: a mail server's refusal quotes the address. Returns how many rows changed."""
    with_errors = Delivery.objects.filter(event_id=event_id).exclude(last_error="")
    return with_errors.update(last_error="")
