"""The Celery application; configuration comes from Django settings (CELERY_* names)."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("tadamun")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def _database_connections_like_a_request(task=None, **kwargs) -> None:
    """Keep the connection from task to task as a web request would: closed once older than
    CONN_MAX_AGE or after an error, and checked before it is used again. A task run in place
    (eager, in tests) shares its caller's connection and transaction: left alone."""
    if task is None or getattr(task.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()
