"""A worker app that dies once, right after a send task finished but before its ack.

Used only by test_redelivery: `celery -A tests.notifications.crashing_worker worker`. The child
process exits in task_postrun; with acks_late and reject_on_worker_lost the broker hands the
same message out again, which is what a crash between sending and acknowledging looks like.
"""

import os
from pathlib import Path

from celery.signals import task_postrun

from config.celery import app

__all__ = ["app"]

MARKER = Path(os.environ["TADAMUN_CRASH_MARKER"])


@task_postrun.connect
def die_once_after_sending(sender=None, task=None, **kwargs):
    if task is not None and task.name == "notifications.send_deliveries" and not MARKER.exists():
        MARKER.write_text("crashed")
        os._exit(1)
