"""The embeddable list inside an allied site's page (another origin): it reads right to left in
Arabic and Persian, needs no script, and is the only page of the site that may be framed."""

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.factories import EventFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLES = {"fa": "نشست همبستگی", "ar": "اجتماع تضامن"}


def allied_page(site: str, language: str) -> bytes:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>An allied site</title></head>
<body>
<iframe id="embed" src="{site}/embed/events/?lang={language}" width="600" height="400"></iframe>
<iframe id="page" src="{site}/{language}/events/" width="600" height="400"></iframe>
</body></html>""".encode()


@pytest.fixture
def allied_site(live_server) -> Iterator[Callable[[str], str]]:
    """A page of another origin that frames the embed and the events list: served on 127.0.0.1
    while the site is on localhost. (A page Playwright made up would count as on a public
    address, which Chromium keeps from framing one on this machine.)"""
    assert live_server.url.startswith("http://localhost:")

    class AlliedPage(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = allied_page(live_server.url, self.path.strip("/"))
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), AlliedPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield lambda language: f"http://127.0.0.1:{server.server_port}/{language}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_embed_reads_right_to_left_inside_another_sites_frame(new_page, allied_site, language):
    EventFactory(title_fa=TITLES["fa"], title_ar=TITLES["ar"], title_en="Solidarity meeting")
    page = new_page(locale="en", script=False)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(allied_site(language), wait_until="load")

    embed = page.frame_locator("#embed")
    title = embed.locator(".embed-title")
    assert title.inner_text() == TITLES[language]
    assert title.get_attribute("target") == "_blank"
    root = embed.locator("html")
    assert root.evaluate("html => getComputedStyle(html).direction") == "rtl"
    assert root.get_attribute("lang") == language
    # Right to left: the title starts at the frame's right edge, not its left.
    box = title.bounding_box()
    frame_box = page.locator("#embed").bounding_box()
    assert frame_box["x"] + frame_box["width"] - (box["x"] + box["width"]) < 40
    assert box["x"] - frame_box["x"] > 40
    # Its own stylesheet applied (the site's, from no CDN): the title is bold.
    assert int(title.evaluate("a => getComputedStyle(a).fontWeight")) >= 600

    # Every other page refuses to be framed: Chromium shows its error page in its place.
    refused = page.locator("#page").element_handle().content_frame()
    assert refused.url == "chrome-error://chromewebdata/"
    assert refused.locator("main#main").count() == 0
    [refusal] = console  # the embed itself broke no rule of its policy
    assert "violates the following Content Security Policy directive" in refusal
    assert "\"frame-ancestors 'none'\"" in refusal


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_embed_opened_directly_is_right_to_left(new_page, language):
    EventFactory(title_fa=TITLES["fa"], title_ar=TITLES["ar"], title_en="Solidarity meeting")
    page = new_page(locale="en", script=False)
    page.goto(f"/embed/events/?lang={language}")
    assert page.locator("html").evaluate("html => getComputedStyle(html).direction") == "rtl"
    assert page.locator(".embed-title").inner_text() == TITLES[language]
