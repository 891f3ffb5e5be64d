import contextlib
import logging
import smtplib

from celery import shared_task
from django.core.mail import get_connection

from notifications.retries import is_outage
from notifications.services.deliveries import enqueue_sends
from notifications.services.digest import weekly_digest_plan
from notifications.services.reminders import schedule_due_reminders
from notifications.services.sending import (
    deliveries_claim,
    delivery_record_failure,
    delivery_send,
    stalled_deliveries,
)
from notifications.services.venues import schedule_venue_releases

logger = logging.getLogger(__name__)


@shared_task(
    name="notifications.send_deliveries",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def send_deliveries(self, delivery_ids: list[int]) -> None:
    """Send a batch of deliveries over one SMTP connection: claimed together, then each sent
    and marked sent on its own (deliveries_claim, delivery_send), so that a failure, a kill or
    a duplicate task touches at most the message in flight; a re-run sends only what is still
    pending and unclaimed.

    A failed message is tried again alone, after the delay its row records. When no server
    answers at all (an outage), the rest of the batch would fail the same way: it waits too,
    and goes again as one batch with the failed message.
    """
    deliveries = deliveries_claim(delivery_ids=delivery_ids)
    rendered = {}
    connection = get_connection()
    try:
        for position, delivery in enumerate(deliveries):
            try:
                connection.open()  # kept open for the batch; again after a failure closed it
                delivery_send(delivery=delivery, connection=connection, rendered=rendered)
            except Exception as error:  # every failure is recorded on the row
                if is_outage(error):
                    _wait_for_the_servers(self, [d.pk for d in deliveries[position:]], error)
                    return
                delay = delivery_record_failure(delivery_id=delivery.pk, error=error)
                if delay is None:
                    logger.warning("Delivery %s failed for good: %s", delivery.pk, error)
                    continue
                logger.info("Delivery %s tried again in %.0f s: %s", delivery.pk, delay, error)
                _send_later(self, [delivery.pk], delay)
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()


def _wait_for_the_servers(task, delivery_ids: list[int], error: Exception) -> None:
    delays = [delivery_record_failure(delivery_id=pk, error=error) for pk in delivery_ids]
    waiting = [pk for pk, delay in zip(delivery_ids, delays, strict=True) if delay is not None]
    if waiting:
        delay = max(delay for delay in delays if delay is not None)
        logger.info("%d deliveries tried again in %.0f s: %s", len(waiting), delay, error)
        _send_later(task, waiting, delay)


def _send_later(task, delivery_ids: list[int], delay: float) -> None:
    if task.request.is_eager:
        return  # run in place (unit tests): the rows wait for the beat's sweep
    task.apply_async((delivery_ids,), countdown=delay)


@shared_task(name="notifications.schedule_reminders", acks_late=True, ignore_result=True)
def schedule_reminders() -> None:
    """Every minute: write and enqueue the reminders that have come due, and enqueue again any
    delivery whose task was lost, so a broker or worker restart loses nothing."""
    written = schedule_due_reminders()
    if written:
        logger.info("Scheduled %d reminders", written)
    enqueue_sends(stalled_deliveries())


@shared_task(name="notifications.release_venues", acks_late=True, ignore_result=True)
def release_venues() -> None:
    """Every minute: the address of each event whose time to share it has come, to everyone
    confirmed going who has not had it yet."""
    written = schedule_venue_releases()
    if written:
        logger.info("Sent the address of events to %d attendees", written)


@shared_task(name="notifications.weekly_digest", acks_late=True, ignore_result=True)
def weekly_digest() -> None:
    weekly_digest_plan()
