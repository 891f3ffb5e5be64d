"""Chromium (Debian's, never a downloaded one) driven by Playwright against pytest-django's
live server. One browser serves the whole browser suite; each test gets fresh contexts."""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


@pytest.fixture(scope="package", autouse=True)
def _django_orm_beside_playwright() -> Iterator[None]:
    # Playwright's sync API keeps an asyncio event loop running in the main thread, so Django
    # takes every ORM call made here (factories, the database flush after each test) for a call
    # from async code and refuses it. Nothing here is async: the live server answers the browser
    # from its own thread. So the check is relaxed, for this package only: the browser and this
    # setting are package-scoped, and both end before the rest of the suite runs.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="package")
def browser(_django_orm_beside_playwright, django_db_setup) -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    # What migrations wrote (the organizers' group), saved when the test database was made, for
    # serialized_rollback to restore after each flush. Django keeps it on the connection object.
    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    with sync_playwright() as playwright:
        # With an event loop running, asgiref gives the main thread a second set of connection
        # objects (context-local, as for async code), which know nothing of that saved data.
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Browser, live_server) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh context (cookies of its own), e.g. one for a member and one for
    an organizer; `locale` and `timezone_id` are what the browser reports to the site, `script`
    False is Tor Browser's "Safest" level (no JavaScript)."""
    contexts: list[BrowserContext] = []

    def open_page(
        *, locale: str = "en", timezone_id: str = "UTC", width: int = 1280, script: bool = True
    ) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            timezone_id=timezone_id,
            viewport={"width": width, "height": 900},
            java_script_enabled=script,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="package")
def screenshot_dir() -> Path:
    """The run's screenshots, and only this run's: a page left out no longer leaves an old one."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    return SCREENSHOTS
