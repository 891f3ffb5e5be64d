"""The first run (`make run`) has no PostgreSQL: SQLite and tasks run in place. Everything the
suite proves on PostgreSQL is not proof for it, so the mail path runs here on SQLite too."""

import json
import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from config.terminal import WithoutStaticFiles
from tests.processes import free_port

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
echo "python $* SITE_URL=$SITE_URL DEVELOPMENT=$DEVELOPMENT DEBUG=$DEBUG"
if [ "$1" = scripts/run.py ]; then
    web=$(sed -n 's/^web: //p' "$2")
    eval "echo web: $web"
fi
"""
# python's stand-in starts nothing: for scripts/run.py, which starts the processes of
# Procfile.dev, it shows the web server's command as the shell would run it.


def make_run(tmp_path, *arguments: str) -> list[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "python").write_text(STUB)
    (bin_dir / "python").chmod(0o755)
    (tmp_path / ".installed").touch()  # newer than requirements.txt: nothing to install
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SITE_URL", "MAKEFLAGS", "DEBUG", "DEVELOPMENT")
    }
    done = subprocess.run(  # noqa: S603 — make, on our own Makefile
        ["make", "--no-print-directory", "run", f"VENV={tmp_path}", f"BIN={bin_dir}", *arguments],  # noqa: S607
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return done.stdout.splitlines()


def test_make_run_serves_prints_and_links_one_address(tmp_path):
    """What `make run` says to open, where it serves and where its mails link (SITE_URL) are
    one address: cookies belong to a host, so a link to localhost from a page opened at
    127.0.0.1 would land a member signed out."""
    lines = make_run(tmp_path)
    [printed] = [line.split()[1] for line in lines if line.startswith("Open ")]
    assert printed == "http://127.0.0.1:8000/"
    commands = [line for line in lines if line.startswith("python ")]
    assert any("manage.py demo_data" in line for line in commands)  # it sends mail
    assert all(f"SITE_URL={printed.rstrip('/')} " in line for line in commands), commands
    [web] = [line for line in lines if line.startswith("web: ")]
    assert web == "web: python manage.py runserver 127.0.0.1:8000"


def test_make_run_shows_the_translated_error_pages_unless_debug_is_asked_for(tmp_path):
    commands = [line for line in make_run(tmp_path) if line.startswith("python ")]
    assert commands[-1].startswith("python scripts/run.py Procfile.dev ")
    assert all(line.endswith(" DEVELOPMENT=1 DEBUG=0") for line in commands), commands
    debugging = [line for line in make_run(tmp_path, "DEBUG=1") if line.startswith("python ")]
    assert all(line.endswith(" DEVELOPMENT=1 DEBUG=1") for line in debugging), debugging


def test_a_var_dir_whose_parents_do_not_exist_is_created(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "REDIS_", "CELERY_", "DJANGO_", "TADAMUN_"))
    }
    var_dir = tmp_path / "x" / "y" / "var"
    env.update(DJANGO_SETTINGS_MODULE="config.settings", VAR_DIR=str(var_dir))
    manage("check", env=env)
    assert (var_dir / "broker" / "queue").is_dir()


# --- The terminal of `make run` (scripts/run.py starting Procfile.dev) -----------------------

TIME_AND_PROCESS = re.compile(r"^\d\d:\d\d:\d\d (web|worker|beat) +\| (.*)$")


def first_run_env(tmp_path, port: int) -> dict:
    """`make run`'s environment (see the Makefile), with its own folder for the SQLite database,
    the broker, beat's schedule and the mails, so that a `make run` on this checkout is not
    disturbed."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "REDIS_", "CELERY_", "DJANGO_", "TADAMUN_", "EMAIL_"))
        and key not in ("DEBUG", "SITE_URL", "STATIC_ROOT", "VAR_DIR")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEVELOPMENT="1",
        DEBUG="0",
        DJANGO_RUNSERVER_HIDE_WARNING="true",
        # A folder whose parent does not exist yet either: `make run` creates both.
        VAR_DIR=str(tmp_path / "not-yet" / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'first-run.sqlite3'}",
        RUN_ADDRESS=f"127.0.0.1:{port}",
        SITE_URL=f"http://127.0.0.1:{port}",
        CELERY_WORKER_CONCURRENCY="1",
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    )
    return env


class Terminal:
    """What scripts/run.py prints, line by line, as it comes."""

    def __init__(self, process: subprocess.Popen):
        self.process = process
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, predicate, timeout: float = 90) -> list[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [line for line in list(self.lines) if predicate(line)]
            if found:
                return found
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError("\n".join(self.lines[-40:]))

    def stop_with_ctrl_c(self) -> int:
        # A terminal's Ctrl-C reaches scripts/run.py and make: each process runs in its own
        # session, and run.py stops them.
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=60)
        self._reader.join(timeout=10)
        self.process.stdout.close()
        return code


def fetch(port: int, path: str) -> tuple[int, bytes]:
    """Status and body, after a redirect if there is one."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.slow
def test_make_runs_terminal_has_a_line_a_request_a_line_a_mail_and_a_quiet_ctrl_c(tmp_path):
    port = free_port()
    env = first_run_env(tmp_path, port)
    manage("migrate", "--noinput", env=env)
    manage("demo_data", env=env)  # its answers' confirmations wait in the broker folder
    # Procfile.dev as it is, but for runserver's autoreloader: a file that someone else changes
    # in this checkout meanwhile would restart the server and print its first lines again.
    procfile = tmp_path / "Procfile"
    procfile.write_text(
        (ROOT / "Procfile.dev")
        .read_text()
        .replace("manage.py runserver", "manage.py runserver --noreload")
    )
    process = subprocess.Popen(  # noqa: S603 — our own interpreter and script
        [sys.executable, "scripts/run.py", str(procfile)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    terminal = Terminal(process)
    try:
        terminal.wait_for(lambda line: "Starting development server" in line)
        mails = terminal.wait_for(lambda line: "Mail to jo@tadamun.example" in line)
        pages = {
            path: fetch(port, path)
            for path in (
                "/en/", "/ar/no-such-page/", "/static/css/tadamun.css", "/favicon.ico",
                "/static/css/no-such-file.css",
            )
        }  # fmt: skip
        terminal.wait_for(lambda line: '"GET /static/css/no-such-file.css ' in line)
        time.sleep(1)  # any second line a request might write
    finally:
        code = terminal.stop_with_ctrl_c()

    assert code == 0
    lines = terminal.lines
    said = [match[2] for match in map(TIME_AND_PROCESS.match, lines) if match]
    assert len(said) == len(lines), [line for line in lines if not TIME_AND_PROCESS.match(line)]
    # One line a request, and nothing else about it (no "Not Found: …", no client address);
    # none for a static file or the icon served, one for a static file that is not there.
    requests = [line for line in said if line.startswith('"')]
    sizes = {path: len(body) for path, (_status, body) in pages.items()}
    assert [pages[path][0] for path in ("/static/css/tadamun.css", "/favicon.ico")] == [200, 200]
    assert requests == [
        f'"GET /en/ HTTP/1.1" 200 {sizes["/en/"]}',
        f'"GET /ar/no-such-page/ HTTP/1.1" 404 {sizes["/ar/no-such-page/"]}',
        f'"GET /static/css/no-such-file.css HTTP/1.1" 404 {sizes["/static/css/no-such-file.css"]}',
    ]
    assert not [line for line in said if "Not Found" in line]
    # One line a mail: recipient, subject, links to follow; the whole message in var/mail/.
    [mail] = mails
    assert re.fullmatch(
        r"\d\d:\d\d:\d\d worker \| Mail to jo@tadamun\.example: “Your answer to Federalism and"
        r" self-determination: a joint conference: Going” https://meet\.tadamun\.example/federalism"
        rf" http://127\.0\.0\.1:{port}/en/events/\d+/"
        rf" http://127\.0\.0\.1:{port}/en/notifications/unsubscribe/\S+/",
        mail,
    ), mail
    mail_lines = [line for line in said if line.startswith("Mail to ")]
    assert len(list((tmp_path / "not-yet" / "var" / "mail").glob("*.eml"))) == len(mail_lines) >= 3
    # Each line once; nothing that looks like a failure, also on Ctrl-C.
    assert [line for line, n in Counter(said).items() if n > 1] == [], "\n".join(lines)
    for word in ("Traceback", "Error", "KeyboardInterrupt", "Interrupt", "signal 15"):
        assert not [line for line in said if word in line], "\n".join(lines)
    # Translated error pages, not Django's technical ones.
    status, body = pages["/ar/no-such-page/"]
    html = body.decode()
    assert status == 404
    assert 'lang="ar" dir="rtl"' in html
    assert "Django tried these URL patterns" not in html


@pytest.mark.parametrize(
    ("request_line", "status", "shown"),
    [
        ("GET /en/ HTTP/1.1", "200", True),
        ("GET /static/css/tadamun.css HTTP/1.1", "200", False),
        ("GET /static/css/tadamun.css HTTP/1.1", "304", False),
        ("GET /favicon.ico HTTP/1.1", "301", False),
        ("GET /static/css/no-such-file.css HTTP/1.1", "404", True),
        ("GET /static/js/menus.js HTTP/1.1", "500", True),
        ("GET /en/static/page/ HTTP/1.1", "200", True),
    ],
)
def test_make_runs_terminal_leaves_out_static_files_served(request_line, status, shown):
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s', (request_line, status, "10"),
        None,
    )  # fmt: skip
    record.status_code = int(status)
    assert WithoutStaticFiles().filter(record) is shown
