"""What Celery alone costs: empty tasks through the same kind of worker and the same broker.

bench/reminders.py prints this beside its own figure, so the share of the total that belongs
to the task queue (publish, fetch, hand to a process, acknowledge) is visible. Run as a worker:
`celery -A bench.celery_floor worker`, with CELERY_BROKER_URL and FLOOR_COUNTER_URL set.
"""

import os

import redis
from celery import Celery

from config import settings

app = Celery("tadamun-floor", broker=settings.CELERY_BROKER_URL)
app.conf.update(
    task_default_queue="tadamun-floor",
    task_serializer=settings.CELERY_TASK_SERIALIZER,
    accept_content=settings.CELERY_ACCEPT_CONTENT,
    task_acks_late=settings.CELERY_TASK_ACKS_LATE,
    task_reject_on_worker_lost=settings.CELERY_TASK_REJECT_ON_WORKER_LOST,
    worker_prefetch_multiplier=settings.CELERY_WORKER_PREFETCH_MULTIPLIER,
    worker_concurrency=settings.CELERY_WORKER_CONCURRENCY,
    task_ignore_result=True,
)
COUNTER = "tadamun-floor-done"
_counter = None


@app.task(name="bench.empty")
def empty(number: int) -> None:
    """Does nothing but count itself, so the benchmark knows when all have run."""
    global _counter  # one connection per worker process
    if _counter is None:
        _counter = redis.Redis.from_url(os.environ["FLOOR_COUNTER_URL"])
    _counter.incr(COUNTER)
