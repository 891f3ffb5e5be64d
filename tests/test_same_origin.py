"""No page and no mail makes the reader's browser or mail program fetch anything from another
origin: every asset (`src`, `srcset`, a stylesheet's, icon's, preload's or manifest's `href`,
CSS `url()` and `@import`, a form's `action`, a mail's images) is on the site itself, relative
or on the host the page is served through (SITE_URL or ONION_URL). And a page never links to
the other of the two hosts.

Links for people to follow (`<a href>`: an event's own website, its meeting link) are no
assets: nothing is fetched until the reader chooses to, so they may lead anywhere, except to the
site's other address.

Every page of the access matrix (tests/access_matrix.txt) that answers a role with 200 is
rendered as that role, through the public host and through the onion host.
"""

import re
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urljoin, urlsplit

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.utils import translation

from events.tasks import send_guest_account_hint, send_guest_link
from tests.conftest import ONION_HOST
from tests.factories import ApprovedMemberFactory, RsvpFactory
from tests.mail_links import links_in
from tests.notifications.every_kind import send_every_kind
from tests.test_access_matrix import CASES, ROLES, TABLE, world  # noqa: F401 — the fixture

WEB = "https://tadamun.example.org"
ONION = f"http://{ONION_HOST}"
ASSET_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload",
              "prefetch", "modulepreload", "manifest", "preconnect", "dns-prefetch"}  # fmt: skip
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


class _Assets(HTMLParser):
    """What a page or mail makes its reader fetch, and the links it offers to follow."""

    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []
        self.links: list[str] = []
        self.stylesheets: list[str] = []
        self.in_textarea = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rels = set(values.get("rel", "").lower().split())
        for name in ("src", "poster", "data", "background"):
            if values.get(name):
                self.assets.append(values[name])
        for name in ("srcset", "imagesrcset"):
            if values.get(name):
                self.assets += [part.split()[0] for part in values[name].split(",") if part.strip()]
        if tag == "form":
            self.assets.append(values.get("action") or "")
        if tag in ("link", "use", "image") and values.get("href"):
            (self.assets if tag != "link" or rels & ASSET_RELS else self.links).append(
                values["href"]
            )
            if "stylesheet" in rels:
                self.stylesheets.append(values["href"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.assets.append(values.get("content", "").partition("url=")[2])
        self.assets += [a or b for a, b in CSS_URL.findall(values.get("style", ""))]

    def handle_data(self, data: str) -> None:
        if self.lasttag == "style":
            self.assets += [a or b for a, b in CSS_URL.findall(data)]


def parsed(html: str) -> _Assets:
    parser = _Assets()
    parser.feed(html)
    return parser


def on_site(url: str, base: str, *, relative_ok: bool = True) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme in ("data", "cid") or url.startswith("#"):
        return True
    if not parts.scheme and not parts.netloc:
        return relative_ok
    return f"{parts.scheme}://{parts.netloc}" == base


def other_host(url: str, base: str) -> bool:
    """Whether `url` names the site's other address than `base`. (The embed code for allied
    sites names the public address on purpose, but as text to copy, never as a link.)"""
    other = ONION if base == WEB else WEB
    return url.startswith(other)


def page_problems(client: Client, path: str, base: str, stylesheets: set[str]) -> list[str]:
    with transaction.atomic():
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return []
    found = parsed(response.content.decode())
    stylesheets.update(urljoin(path, sheet) for sheet in found.stylesheets)
    return [f"{path}: asset {url}" for url in found.assets if not on_site(url, base)] + [
        f"{path}: link to the other address {url}" for url in found.links if other_host(url, base)
    ]


def stylesheet_problems(client: Client, stylesheets: set[str]) -> list[str]:
    problems = []
    for sheet in sorted(stylesheets):
        response = client.get(urlsplit(sheet).path)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        for a, b in CSS_URL.findall(content.decode()):
            if not on_site(a or b, "none"):
                problems.append(f"{sheet}: url({a or b})")
    return problems


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize(("base", "host"), [(WEB, "tadamun.example.org"), (ONION, ONION_HOST)])
def test_every_page_fetches_only_from_the_site_and_links_to_one_of_its_addresses(
    world,  # noqa: F811
    onion_url,
    base,
    host,
):
    problems, stylesheets, pages = [], set(), 0
    with translation.override("en"):
        for key, cases in sorted(CASES.items()):
            cells = TABLE.get(key, {}).get("GET", ())
            for role, cell in zip(ROLES, cells, strict=False):  # none for a URL not in the table
                if cell.rstrip("+") != "200":
                    continue
                client = Client(headers={"host": host}, secure=base == WEB)
                client.cookies = SimpleCookie(world.cookies[role])
                for _label, path_of in cases:
                    problems += page_problems(client, path_of(world), base, stylesheets)
                    pages += 1
        problems += stylesheet_problems(Client(headers={"host": host}), stylesheets)
    assert pages > 150
    assert stylesheets
    assert problems == []


def mail_problems(message, base: str) -> list[str]:
    html = [content for content, kind in getattr(message, "alternatives", []) if "html" in kind]
    found = parsed("".join(html))
    found.links += links_in(message)
    # Nothing relative in a mail: it is read away from the site.
    return [
        f"{message.subject}: asset {url}"
        for url in found.assets
        if not on_site(url, base, relative_ok=False)
    ] + [f"{message.subject}: link {url}" for url in found.links if other_host(url, base)]


@pytest.mark.django_db
@pytest.mark.parametrize("onion", [False, True])
def test_every_mail_fetches_nothing_and_links_to_the_readers_address(
    onion_url, onion, django_capture_on_commit_callbacks
):
    base = ONION if onion else WEB
    reader = ApprovedMemberFactory(link_address="onion" if onion else "web")
    messages = list(send_every_kind(reader).values())
    guest = RsvpFactory(member=None, guest_name="Guest", guest_email="guest@example.org")
    mail.outbox.clear()
    send_guest_link(guest.pk, "token", onion=onion)
    send_guest_account_hint(guest.event_id, reader.email, onion=onion)
    # allauth's: a verification and a password reset, asked for through that address.
    client = Client(headers={"host": urlsplit(base).hostname}, secure=not onion)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": reader.email})
        client.post(
            "/en/accounts/signup/",
            {
                "email": "newcomer@example.org",
                "password1": "a long enough passphrase 42",
                "password2": "a long enough passphrase 42",
                "display_name": "Newcomer",
                "preferred_language": "en",
                "time_zone": "UTC",
            },
        )
    messages += mail.outbox
    assert len(messages) >= 19
    problems = [problem for message in messages for problem in mail_problems(message, base)]
    assert problems == []
