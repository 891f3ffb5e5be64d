"""`make serve` and the files of deploy/: what production refuses, what systemd runs, and the
PostgreSQL backup that docs/DEPLOY.md restores."""

import configparser
import os
import re
import secrets
import signal
import subprocess
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from tests.factories import ApprovedMemberFactory
from tests.processes import database_url

ROOT = Path(__file__).resolve().parent.parent.parent
DEPLOY = ROOT / "deploy"
TEST_ONLY = ("DATABASE_", "REDIS_", "CELERY_", "DJANGO_", "TADAMUN_", "EMAIL_", "DEBUG", "MAKE")

pytestmark = pytest.mark.integration


def production_env(**changes: str | None) -> dict:
    """Everything `make serve` needs, with `changes` applied (None removes a variable)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(TEST_ONLY)}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(64),
        SITE_URL="https://tadamun.example.org",
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_URL=os.environ["REDIS_URL"],
        EMAIL_URL="smtp+tls://user:password@smtp.example.org:587",
        BEHIND_TLS_PROXY="1",
    )
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def make_serve(env: dict) -> subprocess.CompletedProcess:
    """Run `make serve`; should it start serving after all, stop it and everything it started."""
    process = subprocess.Popen(
        ["make", "--no-print-directory", "serve"],  # noqa: S607 — the command people run
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        stdout, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        pytest.fail(f"make serve started instead of refusing:\n{stdout[-2000:]}{stderr[-2000:]}")
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"SECRET_KEY": None}, "Set the SECRET_KEY environment variable"),
        ({"SITE_URL": None}, "Set the SITE_URL environment variable"),
        ({"DATABASE_URL": None}, "Set the DATABASE_URL environment variable"),
        ({"DATABASE_URL": "sqlite:////tmp/tadamun.sqlite3"}, "DATABASE_URL must name a PostgreSQL"),
        ({"REDIS_URL": None}, "Set the REDIS_URL environment variable"),
        ({"EMAIL_URL": None}, "Set the EMAIL_URL environment variable"),
        # Left empty, as in .env.example.
        ({"SITE_URL": ""}, "Set the SITE_URL environment variable"),
        ({"DATABASE_URL": ""}, "Set the DATABASE_URL environment variable"),
        ({"REDIS_URL": ""}, "Set the REDIS_URL environment variable"),
        ({"EMAIL_URL": ""}, "Set the EMAIL_URL environment variable"),
        # `manage.py check --deploy` warnings stop it too.
        ({"SECRET_KEY": "too-short"}, "security.W009"),
        # make serve is production whatever DEBUG says.
        ({"DEBUG": "1", "SECRET_KEY": None}, "Set the SECRET_KEY environment variable"),
    ],
)
def test_make_serve_refuses_in_one_line_when_a_setting_is_missing(changes, reason):
    done = make_serve(production_env(**changes))

    assert done.returncode != 0
    said = [line for line in done.stderr.splitlines() if line.startswith("make serve: ")]
    assert len(said) == 1, done.stderr
    assert reason in said[0]
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.slow
def test_make_serve_names_every_missing_setting_at_once():
    names = ["SECRET_KEY", "SITE_URL", "REDIS_URL", "EMAIL_URL"]
    changes = dict.fromkeys(names) | {"DATABASE_URL": "sqlite:////tmp/tadamun.sqlite3"}

    done = make_serve(production_env(**changes))

    assert done.returncode == 2
    said = [line for line in done.stderr.splitlines() if line.startswith("make serve: ")]
    assert said == [
        *(
            f"make serve: Set the {name} environment variable (or its line in .env)"
            for name in names
        ),
        "make serve: DATABASE_URL must name a PostgreSQL database (postgres://…)"
        " when DEBUG is off.",
    ]


def test_make_serve_keeps_its_static_files_and_beat_schedule_apart_from_make_run(monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("serve", ROOT / "scripts" / "serve.py")
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)
    monkeypatch.delenv("STATIC_ROOT", raising=False)
    monkeypatch.setenv("CELERY_BEAT_SCHEDULE_FILENAME", "/srv/tadamun/var/beat")

    serve.use_own_paths()

    assert os.environ["STATIC_ROOT"] == str(ROOT / "var" / "serve" / "static")
    assert os.environ["CELERY_BEAT_SCHEDULE_FILENAME"] == "/srv/tadamun/var/beat"
    assert os.environ["STATIC_ROOT"] != settings.STATIC_ROOT  # make run's, var/static


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read_string((DEPLOY / name).read_text())
    return parser


def test_systemd_units_run_the_commands_make_serve_runs():
    """tadamun-web/-worker/-beat.service start deploy/Procfile's lines, from the checkout's
    virtualenv, with the checkout's .env: production on several hosts is `make serve` split."""
    procfile = dict(
        line.split(": ", 1) for line in (DEPLOY / "Procfile").read_text().splitlines() if line
    )
    assert set(procfile) == {"web", "worker", "beat"}
    for name, command in procfile.items():
        service = unit(f"tadamun-{name}.service")["Service"]
        assert service["ExecStart"] == f"/srv/tadamun/.venv/bin/{command}"
        assert service["WorkingDirectory"] == "/srv/tadamun"
        assert service["EnvironmentFile"] == "/srv/tadamun/.env"
    assert unit("tadamun-backup.timer")["Unit"]["Description"]
    backup = unit("tadamun-backup.service")["Service"]
    assert backup["ExecStart"] == "/srv/tadamun/deploy/backup.sh"


def test_deploy_guide_shows_only_files_that_exist():
    guide = (ROOT / "docs" / "DEPLOY.md").read_text()
    named = set(re.findall(r"(?<![\w/])deploy/[\w.-]+", guide))
    assert named >= {
        "deploy/nginx.conf",
        "deploy/gunicorn.conf.py",
        "deploy/Procfile",
        "deploy/tadamun-web.service",
        "deploy/tadamun-worker.service",
        "deploy/tadamun-beat.service",
        "deploy/backup.sh",
    }
    assert [path for path in sorted(named) if not (ROOT / path).exists()] == []


@pytest.mark.slow
def test_backup_restores_into_an_empty_database(transactional_db, tmp_path):
    member = ApprovedMemberFactory(display_name="Kept in the backup")
    expired = tmp_path / "tadamun-20000101T000000Z.dump"
    expired.write_bytes(b"")
    long_ago = time.time() - 30 * 86400
    os.utime(expired, (long_ago, long_ago))

    done = subprocess.run(  # noqa: S603 — our own script
        [DEPLOY / "backup.sh"],
        env=dict(os.environ, DATABASE_URL=database_url(), BACKUP_DIR=str(tmp_path)),
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    archive = Path(done.stdout.strip())
    assert archive.parent == tmp_path
    assert archive.stat().st_mode & 0o077 == 0  # personal data: its owner only
    assert not expired.exists()
    assert [path.name for path in tmp_path.iterdir()] == [archive.name]

    # docs/DEPLOY.md: into an empty database, pg_restore --no-owner --dbname=…
    restored = f"{settings.DATABASES['default']['NAME']}_restored"
    maintenance = database_url().rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored}"')
        admin.execute(f'CREATE DATABASE "{restored}"')
    try:
        restored_url = database_url().rsplit("/", 1)[0] + f"/{restored}"
        subprocess.run(  # noqa: S603 — Debian's pg_restore on our archive
            ["pg_restore", "--no-owner", f"--dbname={restored_url}", archive],  # noqa: S607
            capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
        with psycopg.connect(restored_url) as connection:
            row = connection.execute(
                "SELECT display_name FROM members_user WHERE email = %s", [member.email]
            ).fetchone()
        assert row == ("Kept in the backup",)
    finally:
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored}"')
