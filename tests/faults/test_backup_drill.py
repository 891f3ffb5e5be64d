"""Backup drill (docs/OPERATIONS.md): deploy/backup.sh dumps the database of a running site,
pg_restore puts it into a new database, and a second site on it serves the same events,
answers and feeds."""

import os
import re
import subprocess
import threading

import pytest

from tests import processes
from tests.factories import PASSWORD
from tests.faults.client import Browser, query

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ANSWERS = "SELECT event_id, status, count(*) FROM events_rsvp GROUP BY 1, 2 ORDER BY 1, 2"
# What differs from one response to the next whatever the data: the form token, and the time
# a calendar was generated (RFC 5545, 3.8.7.2).
UNSTABLE = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"|DTSTAMP:[0-9TZ]+\r\n')


def stable(body: str) -> bytes:
    return UNSTABLE.sub(b"", body.encode())


def test_a_restored_backup_serves_the_same_events_answers_and_feeds(
    cluster, start_site, private_redis, tmp_path
):
    seed = cluster.seed
    original_url = cluster.create_database()
    site = start_site(database_url=original_url, redis_url=private_redis.url(1))
    member = Browser(site.port)
    assert member.post("/en/accounts/login/", {"login": seed["member"], "password": PASSWORD})
    answer = member.post(f"/en/events/{seed['open_event']}/answer/", {"answer": "maybe"})
    assert answer.status == 302

    # The backup runs while a reader keeps the site busy.
    done = threading.Event()
    read = []

    def keep_reading():
        reader = Browser(site.port)
        while not done.is_set():
            read.append(reader.get("/fa/events/").status)

    reader = threading.Thread(target=keep_reading)
    reader.start()
    try:
        backup = subprocess.run(  # noqa: S603 — the project's own script
            [processes.ROOT / "deploy" / "backup.sh"],
            env=dict(
                os.environ,
                DATABASE_URL=original_url,
                BACKUP_DIR=str(tmp_path / "backups"),
                PATH=f"{cluster.server.bin_dir}:{os.environ['PATH']}",
            ),
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        done.set()
        reader.join(30)
    archive = backup.stdout.strip().splitlines()[-1]
    assert read
    assert set(read) == {200}

    restored_url = cluster.create_database(template=None)
    subprocess.run(  # noqa: S603 — PostgreSQL's own tool
        [cluster.server.bin_dir / "pg_restore", "--no-owner", "--exit-on-error",
         f"--dbname={restored_url}", archive],
        check=True,
    )  # fmt: skip
    # Its own cache, so that nothing it serves comes from the first site's.
    restored = start_site(database_url=restored_url, redis_url=private_redis.url(2), name="web2")

    assert query(restored_url, ANSWERS) == query(original_url, ANSWERS)
    assert (seed["open_event"], "maybe", 1) in query(restored_url, ANSWERS)
    # The member's session was restored with the rest: they are still signed in there.
    signed_in = (member, Browser(restored.port, cookies=dict(member.cookies)))
    visitors = (Browser(site.port), Browser(restored.port))
    pages = [
        (signed_in, "/en/events/"),
        *((signed_in, f"/en/events/{event_id}/") for event_id in seed["events"]),
        (signed_in, f"/en/calendar/private/{seed['feed_token']}.ics"),
        (visitors, "/fa/events/"),
        (visitors, "/ar/events/month/"),
        (visitors, f"/fa/events/{seed['guest_event']}/"),
        (visitors, "/en/calendar/events.ics"),
        (visitors, "/fa/calendar/events.ics"),
    ]
    for (first, second), path in pages:
        before, after = first.get(path), second.get(path)
        assert (before.status, after.status) == (200, 200), path
        assert stable(after.body) == stable(before.body), path
    # What was compared is the seeded site, not two empty ones.
    assert "Workers&#x27; assembly" in again_get(signed_in, "/en/events/")
    assert "تجمع همبستگی" in again_get(visitors, "/fa/events/")
    assert "Members' meeting" in again_get(
        signed_in, f"/en/calendar/private/{seed['feed_token']}.ics"
    )


def again_get(browsers: tuple[Browser, Browser], path: str) -> str:
    return browsers[1].get(path).body
