"""The check-in page without a connection (issue 16): opened from the phone's cache, a check-in
made offline is queued and reaches the server once the connection returns, recorded once even
when sent again; signing out clears the copy."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext, override
from playwright.sync_api import BrowserContext, Page, Route, expect

from events.models import Rsvp
from tests.browser.test_journeys import click_through, submit, totp_code, visit
from tests.factories import (
    PASSWORD,
    ApprovedMemberFactory,
    EventFactory,
    OrganizerFactory,
    RsvpFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

KEPT_JS = """async ([page, script]) => {
  const names = await caches.keys();
  for (const name of names) {
    const cache = await caches.open(name);
    if ((await cache.match(page, { ignoreVary: true })) && (await cache.match(script))) return true;
  }
  return false;
}"""
LAYLA = "\u2068Layla Ahmadi\u2069"  # isolated: a name keeps its direction in a message
KEPT_ADDRESSES_JS = """async () => {
  const paths = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
  }
  return paths;
}"""
OMAR = "\u2068Omar Said\u2069"
QUEUE_JS = "() => Object.keys(localStorage).filter((key) => key.startsWith('tadamun-checkin'))"


def wait_until_kept(page: Page, *paths: str) -> None:
    # page.wait_for_function would take the predicate's promise for a true value: polled here.
    for _ in range(100):
        if page.evaluate(KEPT_JS, list(paths)):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"the service worker did not keep {paths}")


def _cut_off_worker(route: Route) -> None:
    # context.set_offline does not reach a service worker's own requests in Chromium
    # (microsoft/playwright#2311): those are cut off here, as a phone without signal would.
    if route.request.service_worker:
        route.abort("internetdisconnected")
    else:
        route.fallback()


def go_offline(context: BrowserContext) -> None:
    context.route("**/*", _cut_off_worker)
    context.set_offline(True)


def go_online(context: BrowserContext) -> None:
    context.unroute("**/*", _cut_off_worker)
    context.set_offline(False)


def sign_in_organizer(page: Page, organizer, next_path: str) -> None:
    visit(page, f"/en/accounts/login/?next={next_path}")
    page.fill("input[name=login]", organizer.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/authenticate/"))
    page.fill("input[name=code]", totp_code(organizer))
    submit(page)
    expect(page).to_have_url(re.compile(rf"{re.escape(next_path)}$"))


def row(page: Page, name: str):
    return page.locator("#checkin-list li").filter(has_text=name)


def test_checkin_offline_is_sent_once_back_online(new_page):
    organizer = OrganizerFactory(preferred_language="en", time_zone="UTC")
    event = EventFactory(starts_at=timezone.now() + timedelta(hours=1))
    layla = RsvpFactory(
        event=event, member=ApprovedMemberFactory(display_name="Layla Ahmadi"), status="going"
    )
    RsvpFactory(event=event, member=ApprovedMemberFactory(display_name="Omar Said"), status="going")
    with override("en"):
        pending = gettext("Checked in — will be sent when back online")
        checked_in = gettext("Checked in")
    page_path = f"/en/events/{event.pk}/check-in/"
    toggle_path = f"{page_path}{layla.pk}/"
    page = new_page()
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and csp_errors.append(message.text)
        ),
    )
    check_ins_sent: list[str] = []
    page.on(
        "request",
        lambda request: (
            request.method == "POST"
            and request.url.endswith(toggle_path)
            and check_ins_sent.append(request.url)
        ),
    )

    # Visited once online: the worker keeps the page and its script.
    sign_in_organizer(page, organizer, page_path)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    wait_until_kept(page, page_path, "/static/js/checkin-offline.js")
    # Only the page itself (no search, no other page) and the site's static files.
    kept = page.evaluate(KEPT_ADDRESSES_JS)
    assert page_path in kept
    assert all(path == page_path or path.startswith("/static/") for path in kept), kept

    # Online, a check-in goes straight through, as without script.
    click_through(page, row(page, "Omar Said").get_by_role("button", name="Check in", exact=True))
    expect(page).to_have_url(re.compile(rf"{re.escape(page_path)}$"))
    expect(page.locator("main .messages")).to_contain_text(f"{OMAR} is checked in.")
    assert Rsvp.objects.get(event=event, member__display_name="Omar Said").checked_in_at

    # The connection goes: the page opens from the cache, and a check-in is queued.
    go_offline(page.context)
    response = page.reload()
    assert response is not None
    assert response.from_service_worker
    expect(row(page, "Omar Said")).to_contain_text(checked_in)
    expect(page.locator("main .messages")).to_have_count(0)
    expect(page.locator("#checkin-offline")).to_contain_text("No connection")
    # Undoing needs the server: the page says so and stays (not the browser's error page).
    row(page, "Omar Said").get_by_role("button", name="Undo check-in…").click()
    expect(page.locator("#checkin-undo-offline")).to_contain_text("needs the connection")
    expect(page).to_have_url(re.compile(rf"{re.escape(page_path)}$"))
    row(page, "Layla Ahmadi").get_by_role("button", name="Check in", exact=True).click()
    expect(row(page, "Layla Ahmadi")).to_contain_text(pending)
    assert check_ins_sent == []
    layla.refresh_from_db()
    assert layla.checked_in_at is None
    # Still queued on the next visit, and the search box filters the names kept.
    page.reload()
    expect(row(page, "Layla Ahmadi")).to_contain_text(pending)
    page.fill("input[name=q]", "omar")
    page.locator("form[role=search] button").click()
    expect(row(page, "Layla Ahmadi")).to_be_hidden()
    expect(row(page, "Omar Said")).to_be_visible()
    page.fill("input[name=q]", "nobody like this")
    page.locator("form[role=search] button").click()
    expect(page.locator("#checkin-list li[data-none]")).to_have_text("Nobody found.")

    # The connection returns: the check-in is sent, once, and the row says what the server did.
    go_online(page.context)
    expect(page.locator("#checkin-offline")).to_have_count(0)
    expect(row(page, "Layla Ahmadi")).to_contain_text(checked_in)
    expect(row(page, "Layla Ahmadi")).not_to_contain_text(pending)
    expect(page.locator("main .messages")).to_contain_text(f"{LAYLA} is checked in.")
    assert page.evaluate(QUEUE_JS) == []
    assert len(check_ins_sent) == 1
    layla.refresh_from_db()
    first_arrival = layla.checked_in_at
    assert first_arrival is not None
    assert layla.checked_in_by == organizer

    # The same check-in sent a second time (a queue written back by an old tab) is recorded once.
    page.evaluate(
        "([key, path]) => localStorage.setItem(key, JSON.stringify([path]))",
        [f"tadamun-checkin-queue {page_path}", toggle_path],
    )
    page.reload()
    expect(page.locator("main .messages")).to_contain_text(f"{LAYLA} was already checked in.")
    assert page.evaluate(QUEUE_JS) == []
    assert len(check_ins_sent) == 2
    layla.refresh_from_db()
    assert layla.checked_in_at == first_arrival
    arrived = Rsvp.objects.filter(event=event, checked_in_at__isnull=False)
    assert sorted(arrived.values_list("member__display_name", flat=True)) == [
        "Layla Ahmadi",
        "Omar Said",
    ]

    # Signing out clears the copy with its names (Clear-Site-Data).
    visit(page, "/en/accounts/logout/")
    submit(page)
    assert page.evaluate("async () => (await caches.keys()).length") == 0
    assert csp_errors == []
