"""Real processes for the tests and benchmarks that need them: a counting SMTP server, and Celery
workers and gunicorn web servers started as separate processes with production's settings
(DEBUG=0) on this run's database and Redis.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
# The address the processes believe they serve; requests name it in Host, as a proxy would.
PUBLIC_HOST = "tadamun.example.org"
# Variables of the test run that must not leak into a production-like process.
_TEST_ONLY = ("DATABASE_", "REDIS_", "CELERY_", "DJANGO_", "TADAMUN_", "EMAIL_", "DEBUG",
              "DEVELOPMENT", "VAR_DIR", "SECRET_KEY", "SITE_URL", "ALLOWED_HOSTS", "STATIC_ROOT",
              "CONN_MAX_AGE")  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """Collects what the SMTP server receives; can refuse the first attempts with a 451."""

    def __init__(self):
        self.messages = []
        self.refuse_next = 0
        self.refused = 0
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_next:
            self.refuse_next -= 1
            self.refused += 1
            return "451 4.3.0 Try again later"
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 30) -> list:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages

    def per_recipient(self) -> Counter:
        return Counter(message["To"] for message in self.messages)


@contextmanager
def smtp_server(inbox: Inbox) -> Iterator[int]:
    """An aiosmtpd server on a free port feeding `inbox`; yields the port."""
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()


def database_url() -> str:
    """The address of the database this process uses (the test database, inside a test)."""
    from django.db import connection

    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def production_env(*, static_root: Path, smtp_port: int | None = None, **extra: str) -> dict:
    """The environment of a production process (config.settings, DEBUG=0) on this process's
    database, Redis and secret key (so the sessions it writes are valid there), behind a TLS
    proxy that answers for PUBLIC_HOST."""
    from django.conf import settings

    env = {key: value for key, value in os.environ.items() if not key.startswith(_TEST_ONLY)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY=settings.SECRET_KEY,
        SITE_URL=f"https://{PUBLIC_HOST}",
        ALLOWED_HOSTS=f"{PUBLIC_HOST},127.0.0.1",
        BEHIND_TLS_PROXY="1",
        DATABASE_URL=database_url(),
        REDIS_URL=settings.REDIS_URL,
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}" if smtp_port else "dummymail://",
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def collect_static(env: dict) -> None:
    """Production serves the hashed files that collectstatic writes (WhiteNoise's manifest)."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip


def start_worker(env: dict, *, name: str, log: Path, concurrency: int = 2, app: str = "config"):
    """A prefork Celery worker process consuming from the broker in `env`, in a process group
    of its own: os.killpg kills it with its child processes, as a crash of the host would."""
    with log.open("w") as output:
        return subprocess.Popen(  # noqa: S603 — our own interpreter and project
            [sys.executable, "-m", "celery", "-A", app, "worker", "--pool=prefork",
             f"--concurrency={concurrency}", f"--hostname={name}@%h", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip


def start_web(env: dict, *, port: int, log: Path, workers: int | None = None):
    """A gunicorn server process with the production configuration (deploy/gunicorn.conf.py),
    as deploy/Procfile starts it; wait_until_serving tells when it answers."""
    env = dict(env, GUNICORN_BIND=f"127.0.0.1:{port}")
    if workers is not None:
        env["GUNICORN_WORKERS"] = str(workers)
    with log.open("w") as output:
        return subprocess.Popen(  # noqa: S603 — our own interpreter and project
            [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONFIG)],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip


def wait_until_serving(port: int, server: subprocess.Popen, log: Path, timeout: float = 60):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        headers={"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"},
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {port}:\n{log.read_text()[-3000:]}")


def stop(*processes: subprocess.Popen) -> None:
    """Ask each to stop (a warm shutdown), then wait; kill what does not stop in time."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def wait_until(check, timeout: float) -> bool:
    """Poll `check` until it is true or `timeout` seconds have passed; its last answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return bool(check())


def beat_tick(broker_url: str, task: str = "notifications.schedule_reminders") -> None:
    """Publish what celery beat publishes on schedule (CELERY_BEAT_SCHEDULE), from a bare app:
    a test process's own app runs tasks in place."""
    from celery import Celery

    app = Celery(broker=broker_url, set_as_current=False)  # shared tasks keep the project's app
    # An explicit connection: Celery reads CELERY_BROKER_URL from the environment before the
    # broker it was given, and `make test` exports the suite's own there.
    try:
        with app.connection_for_write(broker_url) as connection:
            app.send_task(task, connection=connection)
    finally:
        app.close()
