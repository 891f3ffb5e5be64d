"""Redis stopped under a running site and worker: pages, sign-in and answers keep working;
notices wait in the database and go out once Redis is back."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests import processes
from tests.factories import PASSWORD
from tests.faults.client import Browser, query
from tests.processes import beat_tick, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.slow]

NOTICES = """
    SELECT u.email, d.status FROM notifications_delivery d
    JOIN members_user u ON u.id = d.recipient_id ORDER BY d.id
"""


def test_without_redis_the_site_works_and_notices_wait_for_its_return(
    cluster, start_site, private_redis, tmp_path
):
    seed = cluster.seed
    database_url = cluster.create_database()
    broker_url = private_redis.url(1)
    inbox = processes.Inbox()
    with processes.smtp_server(inbox) as smtp_port:
        site = start_site(database_url=database_url, redis_url=broker_url, smtp_port=smtp_port)
        worker_log = tmp_path / "worker.log"
        worker = processes.start_worker(site.env, name="faults", log=worker_log, concurrency=1)
        try:
            assert wait_until(lambda: " ready." in worker_log.read_text(), timeout=30)
            private_redis.stop()

            visitor = Browser(site.port)
            for path in (
                "/en/",
                "/fa/events/",
                f"/ar/events/{seed['guest_event']}/",
                "/en/events/month/",
                "/en/calendar/events.ics",
                f"/en/calendar/private/{seed['feed_token']}.ics",
            ):
                assert visitor.get(path).status == 200, path

            member = Browser(site.port)
            signed_in = member.post(
                "/en/accounts/login/", {"login": seed["member"], "password": PASSWORD}
            )
            assert signed_in.status == 302
            profile = member.get("/en/members/profile/")
            assert profile.status == 200
            assert seed["member"] in profile.body

            event_page = f"/en/events/{seed['open_event']}/"
            answered = member.post(f"{event_page}answer/", {"answer": "going"})
            assert (answered.status, answered.headers["Location"]) == (302, event_page)
            assert "Your answer has been saved." in member.get(event_page).body

            # A guest's link is known only now: the site sends it itself.
            guest = Browser(site.port).post(
                f"/fa/events/{seed['guest_event']}/guest/",
                {"answer": "going", "guest_name": "Guest", "guest_email": "guest@example.org"},
            )
            assert guest.status == 302
            assert [m["To"] for m in inbox.wait_for(1)] == ["guest@example.org"]

            # The answer's confirmation is written down, waiting for the broker.
            assert query(database_url, NOTICES) == [(seed["member"], "pending")]
            health = visitor.get("/healthz")
            assert (health.status, json.loads(health.body)["broker"]) == (503, "unreachable")

            private_redis.start()  # the same address, and empty, as after a restart
            # Beat's next tick, two minutes on (stalled_deliveries), sweeps up what is pending.
            query(
                database_url,
                "UPDATE notifications_delivery SET created_at = %s WHERE status = 'pending'",
                (timezone.now() - timedelta(minutes=5),),
            )
            beat_tick(broker_url)

            assert wait_until(
                lambda: query(database_url, NOTICES) == [(seed["member"], "sent")], timeout=60
            ), worker_log.read_text()[-3000:]
        finally:
            processes.stop(worker)
    assert inbox.per_recipient() == {"guest@example.org": 1, seed["member"]: 1}
