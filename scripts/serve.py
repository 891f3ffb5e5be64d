#!/usr/bin/env python
"""`make serve`: Tadamun in production on this machine.

Loads the production settings (config/settings.py with DEBUG off, from the environment and
.env), refuses with one line per reason when they cannot serve (every required variable missing,
a database that is not PostgreSQL, a warning of `manage.py check --deploy`), runs collectstatic
and migrate as a convenience, then hands over to honcho, which starts the processes of
deploy/Procfile (gunicorn, a Celery worker, Celery beat) and stops all three on Ctrl-C.

Exit status 2 with `make serve: <reason>` lines on standard error when it refuses.

Unless the environment or .env says otherwise, its static files and beat schedule live under
var/serve/, apart from `make run`'s var/static and var/celerybeat-schedule: the two can run side
by side on one checkout without one's beat or collectstatic overwriting the other's.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROCFILE = ROOT / "deploy" / "Procfile"
OWN_PATHS = {
    "STATIC_ROOT": ROOT / "var" / "serve" / "static",
    "CELERY_BEAT_SCHEDULE_FILENAME": ROOT / "var" / "serve" / "celerybeat-schedule",
}


def use_own_paths() -> None:
    """OWN_PATHS for what neither the environment nor .env sets (read as the settings read it,
    without overwriting)."""
    import environ

    environ.Env.read_env(ROOT / ".env", overwrite=False)
    for name, path in OWN_PATHS.items():
        if not os.environ.get(name):
            os.environ[name] = str(path)
    OWN_PATHS["CELERY_BEAT_SCHEDULE_FILENAME"].parent.mkdir(parents=True, exist_ok=True)


def refusal() -> str | None:
    """Why these settings must not serve, one line a reason; None when they may."""
    import django
    from django.conf import settings
    from django.core import checks
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        return str(error)
    if settings.DEBUG:
        return "DEBUG is on: production runs with DEBUG=0."
    if settings.DEVELOPMENT:
        return "DEVELOPMENT is on: production runs with DEVELOPMENT=0."
    issues = [
        issue
        for issue in checks.run_checks(include_deployment_checks=True)
        if issue.is_serious(checks.WARNING) and not issue.is_silenced()
    ]
    if not issues:
        return None
    more = f" (and {len(issues) - 1} more: manage.py check --deploy)" if len(issues) > 1 else ""
    return " ".join(f"{issues[0].id}: {issues[0].msg}{more}".split())


def prepare() -> str | None:
    """collectstatic and migrate; a one-line reason when the database refuses."""
    from django.core.management import call_command
    from django.db import DatabaseError, connections

    call_command("collectstatic", interactive=False, verbosity=0)
    try:
        call_command("migrate", interactive=False, verbosity=1)
    except DatabaseError as error:
        return f"the database refused: {' '.join(str(error).split())}"
    finally:
        connections.close_all()
    return None


def main() -> int:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    use_own_paths()
    reason = refusal() or prepare()
    if reason:
        for line in reason.splitlines():
            print(f"make serve: {line}", file=sys.stderr)
        return 2
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    # The settings have put .env into os.environ under what was set already; honcho would put
    # it over, so it is told to read none.
    honcho = [str(bin_dir / "honcho"), "--procfile", str(PROCFILE), "--env", os.devnull, "start"]
    os.execve(honcho[0], honcho, env)  # noqa: S606 — honcho from our own virtualenv  # nosec B606
    return 0  # not reached: honcho has replaced this process


if __name__ == "__main__":
    sys.exit(main())
