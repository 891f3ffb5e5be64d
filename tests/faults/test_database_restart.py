"""PostgreSQL restarted under a running site: a translated 503 meanwhile, then pages again,
without restarting the site."""

import itertools
import json
import threading
import time

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.faults.client import Browser
from tests.processes import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.slow]

UNAVAILABLE = "The site is briefly unavailable"


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def test_database_restart_answers_a_translated_503_then_recovers(
    cluster, start_site, private_redis
):
    site = start_site(database_url=cluster.create_database(), redis_url=private_redis.url(1))
    browser = Browser(site.port)
    # An event page, with a query of its own on every visit: visitors share cached copies of
    # pages (events/page_cache.py), filed by address, so each of these reads the database.
    visits = itertools.count()
    event_page = "/{language}/events/" + f"{cluster.seed['open_event']}/"

    def page(language: str) -> str:
        return event_page.format(language=language) + f"?visit={next(visits)}"

    assert browser.get(page("fa")).status == 200
    booted = site.booted_workers()

    replies = []  # (sent, answered, reply) for a reader who keeps reading through it all
    done = threading.Event()

    def keep_reading():
        reader = Browser(site.port)
        while not done.is_set():
            sent = time.monotonic()
            reply = reader.get(page("fa"))
            replies.append((sent, time.monotonic(), reply))
            time.sleep(0.05)

    thread = threading.Thread(target=keep_reading)
    thread.start()
    restarted = False
    try:
        time.sleep(1)
        cluster.server.stop("fast")
        stopped_at = time.monotonic()
        time.sleep(2)
        during = {lang: browser.get(page(lang)) for lang in ("ar", "fa", "en")}
        health = browser.get("/healthz")
        starting_at = time.monotonic()
        cluster.server.start()
        restarted = True
        back = wait_until(lambda: browser.get(page("fa")).status == 200, timeout=15)
        back_at = time.monotonic()
        time.sleep(1)
    finally:
        done.set()
        thread.join(30)
        if not restarted:
            cluster.server.start()

    assert back, site.log.read_text()[-3000:]
    assert {reply.status for _sent, _answered, reply in replies} == {200, 503}
    outage = [reply for sent, got, reply in replies if stopped_at < sent < got < starting_at]
    assert outage
    assert {reply.status for reply in outage} == {503}
    title = in_language("fa", UNAVAILABLE)
    assert title != UNAVAILABLE
    for reply in outage:
        assert title in reply.body
        assert 'lang="fa" dir="rtl"' in reply.body
        assert reply.headers["Retry-After"] == "30"
        assert "no-cache" in reply.headers["Cache-Control"]
    for language, reply in during.items():
        assert reply.status == 503
        assert in_language(language, UNAVAILABLE) in reply.body
    assert health.status == 503
    assert json.loads(health.body)["database"] == "unreachable"
    after = [reply for sent, _answered, reply in replies if sent > back_at]
    assert after
    assert {reply.status for reply in after} == {200}
    # The same server and the same worker processes answered throughout.
    assert site.server.poll() is None
    assert site.booted_workers() == booted
