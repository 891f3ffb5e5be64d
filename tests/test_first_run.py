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


STUB = """#!/bin/sh
echo "{name} $* SITE_URL=$SITE_URL"
{more}
"""
# honcho's stand-in starts nothing: it shows the web server's command as the shell would run it.
SHOW_WEB_COMMAND = """web=$(sed -n 's/^web: //p' Procfile.dev)
eval "echo web: $web"
"""


def test_make_run_serves_prints_and_links_one_address(tmp_path):
    """What `make run` says to open, where it serves and where its mails link (SITE_URL) are
    one address: cookies belong to a host, so a link to localhost from a page opened at
    127.0.0.1 would land a member signed out."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, more in (("python", ""), ("honcho", SHOW_WEB_COMMAND)):
        (bin_dir / name).write_text(STUB.format(name=name, more=more))
        (bin_dir / name).chmod(0o755)
    (tmp_path / ".installed").touch()  # newer than requirements.txt: nothing to install
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "MAKEFLAGS")}
    done = subprocess.run(  # noqa: S603 — make, on our own Makefile
        ["make", "--no-print-directory", "run", f"VENV={tmp_path}", f"BIN={bin_dir}"],  # noqa: S607
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    lines = done.stdout.splitlines()
    [printed] = [line.split()[1] for line in lines if line.startswith("Open ")]
    assert printed == "http://127.0.0.1:8000/"
    commands = [line for line in lines if line.startswith(("python ", "honcho "))]
    assert any("manage.py demo_data" in line for line in commands)  # it sends mail
    assert all(line.endswith(f"SITE_URL={printed.rstrip('/')}") for line in commands), commands
    [web] = [line for line in lines if line.startswith("web: ")]
    assert web == "web: python manage.py runserver 127.0.0.1:8000"
