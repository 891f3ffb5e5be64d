"""Median render time and query count of the heaviest pages.

- the upcoming-events page with 2,000 events (first page and a middle page, with filters);
- a conference page with 300 attendees and 40 sessions, and its programme;
- the month calendar of the busiest month, in English and in Persian (both calendars).
Prints figures only; the query counts are asserted in the tests, not here.
"""

from collections import Counter

from bench.harness import measure, throwaway_database


def main() -> None:
    from django.test import Client
    from django.test.utils import setup_test_environment

    from events.models import Event, Session
    from tests.factories import ApprovedMemberFactory, EventFactory, RsvpFactory, TopicFactory

    setup_test_environment()
    with throwaway_database():
        topics = TopicFactory.create_batch(6)
        events = EventFactory.create_batch(2000)
        through = Event.topics.through
        through.objects.bulk_create(
            [through(event_id=e.pk, topic_id=topics[i % 6].pk) for i, e in enumerate(events)]
        )
        conference = EventFactory(kind="conference", capacity=500)
        speakers = ApprovedMemberFactory.create_batch(5)
        for number in range(40):
            session = Session.objects.create(
                event=conference,
                title_en=f"Session {number}",
                starts_at=conference.starts_at,
                ends_at=conference.ends_at,
            )
            session.speakers.set(speakers[: 1 + number % 5])
        RsvpFactory.create_batch(300, event=conference)
        per_month = Counter(f"{event.starts_at:%Y-%m}" for event in events)
        busiest, in_busiest = per_month.most_common(1)[0]
        viewer = ApprovedMemberFactory()
        client = Client()
        client.force_login(viewer)

        pages = [
            ("upcoming, page 1 of 2,000 events", "/en/events/"),
            ("upcoming, page 50", "/en/events/?page=50"),
            ("upcoming, filtered and searched", "/en/events/?kind=meeting&language=en&q=meeting"),
            ("conference page, 300 attendees", f"/en/events/{conference.pk}/"),
            ("programme, 40 sessions", f"/en/events/{conference.pk}/programme/"),
            (f"month calendar, {in_busiest} events", f"/en/events/month/?month={busiest}"),
            ("conference page in Persian", f"/fa/events/{conference.pk}/"),
            ("month calendar in Persian", f"/fa/events/month/?month={busiest}"),
        ]
        print(f"{'page':<40} {'median ms':>10} {'queries':>8}")
        for label, path in pages:
            if path.startswith("/fa/"):
                viewer.preferred_language = "fa"
                viewer.save()
            median, queries = measure(lambda path=path: client.get(path))
            print(f"{label:<40} {median:>10.1f} {queries:>8}")


if __name__ == "__main__":
    main()
