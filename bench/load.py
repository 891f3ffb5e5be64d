"""Requests per second and latency under load: gunicorn with the production configuration
(deploy/gunicorn.conf.py, as `make serve` runs it, DEBUG=0) on PostgreSQL and Redis, driven by
wrk at 10 and 50 concurrent clients.

Endpoints: the upcoming-events list, an event page with 150 attendees, the public calendar
feed, and a storm of signed-in members' RSVP POSTs to one event; beside them a trivial view
under the same server, middleware and settings (bench/urls.py), the ceiling. The data: the
demo data plus 300 events over three months, 400 members with three answers each.
Prints figures only. Targets: the list reaches 40 % of the trivial view's throughput, p99 is
at most 250 ms at 50 clients, and nothing fails.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import timedelta
from io import StringIO
from pathlib import Path

from bench.harness import throwaway_database

SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", 4))
# Each figure is the median of a few rounds, each round measuring the trivial view beside the
# endpoints: a shared machine's speed drifts from minute to minute.
ROUNDS = int(os.environ.get("BENCH_LOAD_ROUNDS", 3))
CLIENTS = (10, 50)
SCRIPT = Path(__file__).with_name("load.lua")
MEMBERS = 400


def make_data() -> dict:
    """The demo data and a realistic crowd; returns the paths to load and the members' logins."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from events.models import Event, Rsvp
    from tests.factories import ApprovedMemberFactory, EventFactory, TopicFactory

    call_command("demo_data", stdout=StringIO())
    topics = TopicFactory.create_batch(6)
    soon = timezone.now().replace(minute=0, second=0, microsecond=0)
    events = [
        EventFactory(starts_at=soon + timedelta(days=1 + n % 90, hours=n % 11)) for n in range(300)
    ]
    through = Event.topics.through
    through.objects.bulk_create(
        [through(event_id=e.pk, topic_id=topics[n % 6].pk) for n, e in enumerate(events)]
    )
    members = ApprovedMemberFactory.create_batch(MEMBERS)
    conference = EventFactory(kind="conference", capacity=500)
    storm = EventFactory(title_en="A crowded rally", capacity=100)
    answers = [
        Rsvp(event=conference, member=m, status="going", verified_at=timezone.now())
        for m in members[:150]
    ]
    answers += [
        Rsvp(
            event=events[(n * 7 + k) % len(events)],
            member=m,
            status="going",
            verified_at=timezone.now(),
        )
        for n, m in enumerate(members)
        for k in range(3)
    ]
    Rsvp.objects.bulk_create(answers, ignore_conflicts=True)
    logins = []
    for member in members:
        session = SessionStore()
        session[SESSION_KEY] = str(member.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = member.get_session_auth_hash()
        session.create()
        logins.append(f"{session.session_key} {get_random_string(32)}")
    return {"conference": conference.pk, "storm": storm.pk, "logins": logins}


def wrk(url: str, *, clients: int, seconds: int, script_args: list[str]) -> dict:
    from tests.processes import PUBLIC_HOST

    threads = min(2, clients)
    command = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--timeout", "5s",
               "-H", f"Host: {PUBLIC_HOST}", "-H", "X-Forwarded-Proto: https",
               "-H", f"Origin: https://{PUBLIC_HOST}", "-s", str(SCRIPT), url,
               "--", *script_args, str(threads)]  # fmt: skip
    # Debian's wrk (scripts/ensure_packages.py wrk), on our own server.
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    line = next(line for line in done.stdout.splitlines() if line.startswith("FIGURES "))
    figures = json.loads(line.removeprefix("FIGURES "))
    figures["rate"] = figures["requests"] / figures["seconds"]
    return figures


def main() -> None:
    from celery import current_app

    from events.models import Rsvp
    from tests import processes

    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: install Debian's wrk package (make bench does it as root).")
    workdir = Path(tempfile.mkdtemp(prefix="tadamun-load-"))
    load_before = os.getloadavg()[0]
    with throwaway_database():
        data = make_data()
        sessions = workdir / "sessions.txt"
        sessions.write_text("\n".join(data["logins"]) + "\n")
        env = processes.production_env(
            static_root=workdir / "static", DJANGO_SETTINGS_MODULE="bench.settings"
        )
        processes.collect_static(env)
        port = processes.free_port()
        log = workdir / "web.log"
        server = processes.start_web(env, port=port, log=log)
        try:
            processes.wait_until_serving(port, server, log)
            base = f"http://127.0.0.1:{port}"
            storm = f"/en/events/{data['storm']}/answer/"
            endpoints = [
                ("trivial view (ceiling)", "/bench/trivial", []),
                ("upcoming list", "/en/events/", []),
                ("event page, 150 going", f"/en/events/{data['conference']}/", []),
                ("public feed (.ics)", "/en/calendar/events.ics", []),
                ("RSVP POST storm", storm, [str(sessions), storm]),
            ]
            for _label, path, args in endpoints:  # warm every worker's caches
                wrk(base + path, clients=10, seconds=1, script_args=args)
            runs = [
                {
                    (label, clients): wrk(
                        base + path, clients=clients, seconds=SECONDS, script_args=args
                    )
                    for clients in CLIENTS
                    for label, path, args in endpoints
                }
                for _round in range(ROUNDS)
            ]
            answered = Rsvp.objects.filter(event_id=data["storm"]).count()
        finally:
            processes.stop(server)
            with current_app.connection_for_write() as connection:  # the unsent confirmations
                connection.default_channel.queue_purge(current_app.conf.task_default_queue)
    shutil.rmtree(workdir, ignore_errors=True)

    workers = env.get("GUNICORN_WORKERS") or f"{2 * os.cpu_count() + 1} (2 × cores + 1)"
    print(f"load: wrk on {os.cpu_count()} cores, median of {ROUNDS} runs of {SECONDS} s; "
          f"deploy/gunicorn.conf.py, sync workers: {workers} "
          f"{env.get('GUNICORN_CMD_ARGS', '')}; load average {load_before:.1f} → "
          f"{os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"{'endpoint':<26} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'errors':>7} {'% trivial':>10}")  # fmt: skip
    for key in runs[0]:
        label, clients = key
        ceiling = ("trivial view (ceiling)", clients)

        def median(name: str, key=key) -> float:
            return statistics.median(run[key][name] for run in runs)

        share = statistics.median(run[key]["rate"] / run[ceiling]["rate"] for run in runs)
        errors = sum(run[key]["errors"] for run in runs)
        print(f"{label:<26} {clients:>7} {median('rate'):>8.0f} {median('p50_ms'):>8.1f} "
              f"{median('p99_ms'):>8.1f} {errors:>7} {100 * share:>9.0f}%")  # fmt: skip
    print(f"RSVP storm: {answered} of {MEMBERS} members' answers recorded (each a 302 back)")
    print("targets: upcoming list ≥ 40 % of trivial; p99 ≤ 250 ms at 50 clients; 0 errors")


if __name__ == "__main__":
    main()
