import logging

from celery import shared_task

from members import services

logger = logging.getLogger(__name__)


@shared_task(name="members.purge_unverified_signups", acks_late=True, ignore_result=True)
def purge_unverified_signups() -> None:
    """Hourly: forget sign-ups that were never verified. Running it twice is harmless."""
    removed = services.purge_unverified_signups()
    if removed:
        logger.info("Removed %d stale unverified sign-up rows", removed)
