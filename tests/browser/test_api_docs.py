"""The API's documentation page works in Chromium under the site's Content-Security-Policy,
from our own files only, in the reader's language and direction around Swagger UI."""

from urllib.parse import urlsplit

import pytest

from tests.factories import EventFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_api_docs_render_the_operations_without_a_policy_violation(new_page, live_server):
    EventFactory()
    page = new_page(locale="fa")
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname))
    page.goto("/api/docs/")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 4
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".api-docs-intro h1").inner_text() == "رابط برنامه‌نویسی تضامن (API)"
    page.locator(".opblock-summary-path", has_text="/api/v1/topics/").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.locator(".live-responses-table .response-col_status", has_text="200").wait_for()
    violations = [
        message.text
        for message in page.console_messages(filter="all")
        if "Content Security Policy" in message.text
    ]
    assert violations == []
    assert hosts == {urlsplit(live_server.url).hostname}
