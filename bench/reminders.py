"""5,000 reminders through the real Celery worker and Redis to a local SMTP server.

Prints the total time and throughput, beside the time a bare smtplib loop takes to send the same
5,000 already-rendered messages over one connection, the SQL statements per reminder (the run
again in-process, counted from the tick to the last batch) and the lines of notifications/.
"""

import os
import smtplib
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

from bench.harness import throwaway_database
from tests.processes import free_port

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
# Lines of the Python files in notifications/ (migrations included) at the snapshot before
# batched sending (issue 14), when the send path had its own SQL and MIME templating.
LINES_BEFORE = 2360


def lines_of_code() -> int:
    root = Path(__file__).resolve().parent.parent / "notifications"
    return sum(len(path.read_text().splitlines()) for path in root.rglob("*.py"))


class CountingInbox:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
        return "250 OK"


def _start_worker(app: str, **env_extra: str) -> subprocess.Popen:
    """A production-like worker: prefork, as many processes as the settings say (two per
    core), production's DEBUG and connection age, on this throwaway database."""
    from django.db import connection

    db = connection.settings_dict
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings_test",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        CELERY_TASK_ALWAYS_EAGER="0",
        DEBUG="0",
        CONN_MAX_AGE="60",
        **env_extra,
    )
    worker = subprocess.Popen(  # noqa: S603 — our own interpreter and project
        [sys.executable, "-m", "celery", "-A", app, "worker", "--pool=prefork",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    # Timed from a worker that answers, as in production, where it was started long before: on
    # a busy machine start-up alone takes longer than sending hundreds of messages.
    from config.celery import app as control

    deadline = time.monotonic() + 60
    while not control.control.ping(timeout=0.5):
        if worker.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the worker did not start")
    return worker


def celery_floor(count: int) -> float:
    """Seconds for `count` empty tasks through the same kind of worker and broker."""
    import redis
    from django.conf import settings

    from bench import celery_floor as floor

    counter = redis.Redis.from_url(settings.REDIS_URL)
    counter.delete(floor.COUNTER)
    with floor.app.connection_for_write() as conn:
        conn.default_channel.queue_purge(floor.app.conf.task_default_queue)
    worker = _start_worker("bench.celery_floor", FLOOR_COUNTER_URL=settings.REDIS_URL)
    try:
        start = time.perf_counter()
        with floor.app.producer_or_acquire() as producer:
            for number in range(count):
                floor.empty.apply_async((number,), producer=producer)
        while int(counter.get(floor.COUNTER) or 0) < count:
            time.sleep(0.02)
        return time.perf_counter() - start
    finally:
        worker.terminate()
        worker.wait(30)
        counter.delete(floor.COUNTER)


def main() -> None:
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from config.celery import app
    from events.models import Event, Rsvp
    from members.models import User
    from notifications.models import Delivery
    from notifications.recipients import for_member
    from notifications.rendering import render_message
    from notifications.services.reminders import schedule_due_reminders
    from notifications.tasks import schedule_reminders, send_deliveries

    inbox = CountingInbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    app.conf.task_always_eager = False

    with throwaway_database():
        event = Event.objects.create(
            kind="meeting", title_en="Benchmark rally", title_fa="تجمع", title_ar="وقفة",
            starts_at=timezone.now() + timedelta(hours=23),
            ends_at=timezone.now() + timedelta(hours=25),
            time_zone="Europe/Berlin", modality="in_person", city="Berlin", in_english=True,
            # A real event's page: about two kilobytes of description in each language.
            description_en="We gather in solidarity with the prisoners. " * 45,
            description_fa="برای همبستگی با زندانیان گرد هم می‌آییم. " * 45,
            description_ar="نجتمع تضامنًا مع المعتقلين. " * 60,
        )  # fmt: skip
        languages = ["ar", "fa", "en"]
        members = User.objects.bulk_create(
            User(
                email=f"reader{n}@bench.example", display_name=f"Reader {n}",
                preferred_language=languages[n % 3], time_zone="Asia/Tehran",
                membership_status="approved", membership_reviewed_at=timezone.now(),
                password="!",  # noqa: S106 — Django's mark for "no usable password"
            )
            for n in range(COUNT)
        )  # fmt: skip
        long_ago = timezone.now() - timedelta(days=30)
        Rsvp.objects.bulk_create(
            Rsvp(
                event=event, member=m, status="going", verified_at=long_ago, checkin_code=f"c{m.pk}"
            )
            for m in members
        )
        Rsvp.objects.update(created_at=long_ago)

        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(app.conf.task_default_queue)
        worker = _start_worker("config", TADAMUN_TEST_EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}")
        try:
            start = time.perf_counter()
            schedule_reminders.delay()
            while inbox.count < COUNT:
                time.sleep(0.05)
            through_worker = time.perf_counter() - start
            time.sleep(2)  # anything sent twice would arrive now
            received = inbox.count
        finally:
            worker.terminate()
            worker.wait(30)

        # The same messages, rendered once, sent by a bare loop over one connection.
        rendered = []
        for delivery in Delivery.objects.select_related("recipient", "rsvp__event", "event"):
            message = render_message(delivery, for_member(delivery.recipient))
            rendered.append((delivery.recipient.email, message))
        from django.core.mail import EmailMultiAlternatives

        payloads = []
        for address, message in rendered:
            email = EmailMultiAlternatives(message.subject, message.text, to=[address])
            email.attach_alternative(message.html, "text/html")
            payloads.append((address, email.message().as_bytes(linesep="\r\n")))
        # This machine's speed drifts from minute to minute: the median of three loops.
        loops = []
        for _ in range(3):
            start = time.perf_counter()
            with smtplib.SMTP("127.0.0.1", smtp.port) as client:
                for address, payload in payloads:
                    client.sendmail(settings.DEFAULT_FROM_EMAIL, [address], payload)
            loops.append(time.perf_counter() - start)
        bare = statistics.median(loops)

        # Statements per reminder, amortized: the whole run again in this process, from the
        # beat's tick (writing the rows) to the last batch sent, divided by the readers.
        Delivery.objects.all().delete()
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            schedule_due_reminders()
            ids = list(Delivery.objects.order_by("pk").values_list("pk", flat=True))
            size = settings.NOTIFICATIONS_BATCH_SIZE
            for start in range(0, len(ids), size):
                send_deliveries(ids[start : start + size])
        with app.connection_for_write() as conn:  # the tasks the tick published: no worker
            conn.default_channel.queue_purge(app.conf.task_default_queue)
        statements_per_reminder = len(queries) / COUNT

    smtp.stop()
    floor = celery_floor(COUNT)
    print(f"reminders sent through worker + Redis + SMTP: {COUNT}")
    print(f"  total time                 {through_worker:8.2f} s")
    print(f"  throughput                 {COUNT / through_worker:8.0f} messages/s")
    print(f"  messages received          {received:8d}     (exactly one per reader: {COUNT})")
    print(f"bare smtplib loop, same {COUNT} rendered messages, one connection (median of 3):")
    print(f"  total time                 {bare:8.2f} s")
    print(f"  ratio worker / bare loop   {through_worker / bare:8.2f} ×  (target ≤ 2)")
    print(f"{COUNT} empty tasks through the same kind of worker and broker (Celery's own share):")
    print(f"  total time                 {floor:8.2f} s")
    print(f"  ratio empty tasks / bare   {floor / bare:8.2f} ×")
    print(
        f"SQL statements per reminder  {statements_per_reminder:8.2f}     (amortized; target ≤ 5)"
    )
    print(
        f"lines of Python in notifications/: {LINES_BEFORE} before issue 14, {lines_of_code()} now"
    )


if __name__ == "__main__":
    main()
