"""The first run (`make run`) has no PostgreSQL: SQLite and tasks run in place. Everything the
suite proves on PostgreSQL is not proof for it, so the mail path runs here on SQLite too."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.integration

REPORT = """
import json
from notifications.models import Delivery
from notifications.services.reminders import schedule_due_reminders
schedule_due_reminders()
print(json.dumps({status: Delivery.objects.filter(status=status).count()
                  for status in ("pending", "sent", "skipped", "failed")}))
"""


def manage(*args: str, env: dict) -> str:
    done = subprocess.run(  # noqa: S603 — our own interpreter and project
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_demo_data_and_its_mail_go_out_on_sqlite(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "REDIS_", "CELERY_", "DJANGO_", "TADAMUN_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'first-run.sqlite3'}",
        CELERY_TASK_ALWAYS_EAGER="1",
        EMAIL_URL="memorymail://",
    )
    manage("migrate", "--noinput", env=env)
    manage("demo_data", env=env)

    counts = json.loads(manage("shell", "-c", REPORT, env=env).strip().splitlines()[-1])

    assert counts["failed"] == 0
    assert counts["pending"] == 0
    assert counts["sent"] > 0
