import logging

from celery import shared_task

from notifications.services.deliveries import enqueue_sends
from notifications.services.digest import weekly_digest_plan
from notifications.services.reminders import schedule_due_reminders
from notifications.services.sending import (
    delivery_record_failure,
    delivery_send,
    stalled_deliveries,
)
from notifications.services.venues import schedule_venue_releases

logger = logging.getLogger(__name__)


@shared_task(
    name="notifications.send_delivery",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    # The database counts the attempts (see delivery_record_failure); this only bounds Celery.
    max_retries=None,
)
def send_delivery(self, delivery_id: int) -> None:
    """Send one message. Safe to run twice: the delivery row says whether it already went."""
    try:
        delivery_send(delivery_id=delivery_id)
    except Exception as error:  # every failure is recorded on the row, none escapes unhandled
        delay = delivery_record_failure(delivery_id=delivery_id, error=error)
        if delay is None:
            logger.warning("Delivery %s failed for good: %s", delivery_id, error)
            return
        logger.info("Delivery %s will be tried again in %.0f s: %s", delivery_id, delay, error)
        raise self.retry(exc=error, countdown=delay) from error


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
