"""The public iCal feed with 5,000 events: cold, warm, conditional, after one change.

Beside it, the yardstick: the time the icalendar library alone takes to serialise the same
5,000 events already built in memory (`Calendar.to_ical()`). Prints figures only; the query
counts are asserted in tests/events/test_feeds.py.

    DATABASE_URL=postgres://… REDIS_URL=redis://… .venv/bin/python -m bench.feeds
"""

import statistics
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bench.harness import measure, throwaway_database

EVENTS = 5_000
ZONES = ("Europe/Berlin", "Asia/Tehran", "Asia/Damascus", "America/Toronto")
PATH = "/fa/calendar/events.ics?lang=fa"


def create_events() -> None:
    from django.utils import timezone

    from events.models import Event

    start = timezone.now().replace(microsecond=0) + timedelta(days=1)
    Event.objects.bulk_create(
        Event(
            kind=("meeting", "webinar", "conference")[number % 3],
            title_en=f"Solidarity meeting {number}",
            title_fa=f"نشست همبستگی شماره {number} برای آزادی، برابری و حق تعیین سرنوشت",
            description_en="We meet to plan **joint actions**.\n\n- one\n- two",
            description_fa="برای برنامه‌ریزی **اقدام‌های مشترک** گرد هم می‌آییم؛ همه خوش آمدند.",
            starts_at=start + timedelta(hours=number),
            ends_at=start + timedelta(hours=number + 2),
            time_zone=ZONES[number % len(ZONES)],
            modality="in_person",
            venue="تالار شهر",
            city="Erbil",
            country="IQ",
            in_persian=True,
            in_english=True,
        )
        for number in range(EVENTS)
    )


def bare_icalendar_seconds(runs: int = 5) -> float:
    """Median time of icalendar's `to_ical()` for the same events, built beforehand."""
    from django.utils.translation import override
    from icalendar import Calendar
    from icalendar import Event as VEvent

    from events.markdown import markdown_to_text
    from events.models import Event

    calendar = Calendar()
    for name, value in (("prodid", "-//bench//"), ("version", "2.0"), ("method", "PUBLISH")):
        calendar.add(name, value)
    with override("fa"):
        for event in Event.objects.order_by("starts_at", "pk"):
            zone = ZoneInfo(event.time_zone)
            vevent = VEvent()
            vevent.add("uid", f"event-{event.pk}@tadamun")
            vevent.add("dtstamp", event.updated_at.astimezone(UTC))
            vevent.add("dtstart", event.starts_at.astimezone(zone))
            vevent.add("dtend", event.ends_at.astimezone(zone))
            vevent.add("sequence", event.sequence)
            vevent.add("last-modified", event.updated_at.astimezone(UTC))
            vevent.add("created", event.created_at.astimezone(UTC))
            vevent.add("status", "CONFIRMED")
            vevent.add("summary", event.title)
            vevent.add("description", markdown_to_text(event.description))
            vevent.add("location", f"{event.venue}, {event.city}")
            vevent.add("url", f"http://localhost:8000/fa/events/{event.pk}/")
            vevent.add("categories", [str(event.get_kind_display())])
            vevent.add("transp", "OPAQUE")
            calendar.add_component(vevent)
    calendar.add_missing_timezones()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        calendar.to_ical()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def cold(client, runs: int = 5) -> tuple[float, int]:
    """Median seconds with the cache emptied before each run, and the queries of one run."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(runs):
        cache.clear()
        start = time.perf_counter()
        client.get(PATH)
        timings.append(time.perf_counter() - start)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(PATH)
    return statistics.median(timings), len(queries)


def main() -> None:
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import setup_test_environment

    from events.models import Event
    from events.services.events import event_update

    setup_test_environment()
    with throwaway_database():
        create_events()
        client = Client()
        bare = bare_icalendar_seconds()
        cold_seconds, cold_queries = cold(client)
        warm, warm_queries = measure(lambda: client.get(PATH))
        response = client.get(PATH)
        etag = response["ETag"]

        def assembled_again():
            cache.delete("feeds:body:" + etag.strip('"'))
            client.get(PATH)

        reassembled, reassembled_queries = measure(assembled_again)
        conditional, conditional_queries = measure(
            lambda: client.get(PATH, HTTP_IF_NONE_MATCH=etag)
        )
        event = Event.objects.order_by("pk")[EVENTS // 2]
        start = time.perf_counter()
        event_update(event=event, editor=None, fields={"venue": "تالار دیگر"})
        client.get(PATH)
        one_change = time.perf_counter() - start
        longest = max(len(line) for line in response.content.split(b"\r\n"))

        print(f"public feed, {EVENTS:,} events, Persian ({len(response.content):,} bytes)")
        print(f"{'':<44} {'median ms':>10} {'× bare':>8} {'queries':>8}")
        rows = [
            ("icalendar alone: to_ical() of built events", bare, None),
            ("cold (cache empty)", cold_seconds, cold_queries),
            ("warm (nothing changed)", warm / 1000, warm_queries),
            ("warm, body rebuilt from cached VEVENTs", reassembled / 1000, reassembled_queries),
            ("conditional GET, matching ETag (304)", conditional / 1000, conditional_queries),
            ("one event changed, then the feed", one_change, None),
        ]
        for label, seconds, queries in rows:
            shown_queries = "" if queries is None else str(queries)
            print(f"{label:<44} {seconds * 1000:>10.1f} {seconds / bare:>8.2f} {shown_queries:>8}")
        print(f"longest physical line: {longest} octets (limit 75)")
        print(f"stamped {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")


if __name__ == "__main__":
    main()
