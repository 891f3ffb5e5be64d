"""Attendee exports of one event with 50,000 answers: time and memory.

Memory is measured twice: the growth of the process's peak resident size while the response is
read to the end (Linux's VmHWM, reset first; it sees the database driver's buffers too), and
the peak of Python's own allocations (tracemalloc, in a run of its own because it slows
everything down). Prints figures only.

    DATABASE_URL=postgres://… REDIS_URL=redis://… .venv/bin/python -m bench.exports
"""

import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

from bench.harness import throwaway_database

ANSWERS = 50_000
NAMES = ("لیلا", "رضا", "Sam", "سارا", "Rojin", "=cmd|' /C calc'!A0", "محمد")


def create_answers():
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from events.models import Event, Rsvp
    from members.models import User
    from tests.factories import EventFactory

    event = EventFactory(capacity=ANSWERS // 2, time_zone="Asia/Tehran")
    unusable = make_password(None)
    members = User.objects.bulk_create(
        User(
            email=f"bench{number}@example.org",
            display_name=f"{NAMES[number % len(NAMES)]} {number}",
            password=unusable,
            membership_status="approved",
            membership_reviewed_at=timezone.now(),
        )
        for number in range(ANSWERS // 2)
    )
    now = timezone.now()
    answers = [
        Rsvp(
            event=event,
            member=member,
            status="going" if number % 3 else "maybe",
            interpretation=("", "ar", "fa", "en")[number % 4],
            accessibility_needs="دسترسی بدون پله" if number % 10 == 0 else "",
            listed_consent=number % 2 == 0,
            checked_in_at=now if number % 5 == 0 else None,
        )
        for number, member in enumerate(members)
    ]
    answers += [
        Rsvp(
            event=event,
            guest_name=f"{NAMES[number % len(NAMES)]} guest {number}",
            guest_email=f"guest{number}@example.org",
            verified_at=now,
            status="waitlisted",
            waitlisted_at=now + timedelta(seconds=number),
        )
        for number in range(ANSWERS - len(members))
    ]
    Rsvp.objects.bulk_create(answers, batch_size=5_000)
    return Event.objects.get(pk=event.pk)


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024  # kB
    raise LookupError(field)


def reset_peak_rss() -> float:
    """Start a new resident-size high-water mark (Linux); return the current size in MB."""
    Path("/proc/self/clear_refs").write_text("5")
    return _status_mb("VmRSS")


def peak_rss_mb() -> float:
    return _status_mb("VmHWM")


def read_all(response) -> int:
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    return size


def run(client, path: str) -> tuple[float, int, float, int]:
    """Seconds to read the whole response, its size, the growth of the peak resident size
    meanwhile, and (in a second run) the peak of Python's allocations."""
    rss_before = reset_peak_rss()
    start = time.perf_counter()
    size = read_all(client.get(path))
    seconds = time.perf_counter() - start
    rss_growth = max(0.0, peak_rss_mb() - rss_before)
    tracemalloc.start()
    read_all(client.get(path))
    _current, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, size, rss_growth, python_peak


def main() -> None:
    from django.test import Client
    from django.test.utils import setup_test_environment

    from tests.factories import OrganizerFactory, RsvpFactory

    setup_test_environment()
    with throwaway_database():
        event = create_answers()
        client = Client()
        client.force_login(OrganizerFactory(preferred_language="fa"))
        # First requests import modules and load catalogues: do that on a small list first,
        # so the figures below are the export's own.
        small = RsvpFactory(status="going").event
        for name in ("attendees.csv", "attendees.xlsx"):
            read_all(client.get(f"/fa/calendar/events/{small.pk}/{name}"))
        print(f"attendee exports, {ANSWERS:,} answers, Persian headers")
        print(
            f"{'export':<10} {'seconds':>8} {'size MB':>8} {'py peak MB':>11} {'RSS growth MB':>14}"
        )
        for label, name in (("CSV", "attendees.csv"), ("Excel", "attendees.xlsx")):
            path = f"/fa/calendar/events/{event.pk}/{name}"
            seconds, size, growth, python_peak = run(client, path)
            print(
                f"{label:<10} {seconds:>8.2f} {size / 2**20:>8.1f} "
                f"{python_peak / 2**20:>11.1f} {growth:>14.1f}"
            )


if __name__ == "__main__":
    main()
