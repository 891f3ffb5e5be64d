"""The Content-Security-Policy and the other security headers (config/settings.py).

Each kind of visitor opens the site and follows the links its pages show, one page per URL name,
starting also from the pages only a mail, a QR code or the sign-in leads to. Every HTML page
must carry the exact policy and nothing inline that the policy would block (tests/inline_code.py).
The browser suite checks the pages of its journeys for violations in Chromium itself
(tests/browser/checks.py).
"""

import time
from collections import deque
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import get_language_from_path

from events.guests import new_guest_token
from events.models import Session
from notifications.unsubscribe import Scope, make_token
from tests.factories import (
    PASSWORD,
    ApprovedMemberFactory,
    EventFactory,
    MemberFactory,
    OrganizerFactory,
    ProposalFactory,
    RsvpFactory,
    TopicFactory,
)
from tests.inline_code import inline_code

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}
# The features no page may use; every feature in the header must be denied to every origin.
DENIED_FEATURES = {"camera", "microphone", "geolocation", "payment", "usb", "display-capture"}
# The site's pages in one language, and the admin; the other languages render the same templates.
CRAWLED = ("/en/", "/admin/")

# Per visitor, the URL names whose pages must have been reached and checked.
PAGES = {
    "stranger": {
        "home", "events:upcoming", "events:past", "events:month", "events:detail",
        "events:programme", "events:guest_register", "events:guest_answer",
        "notifications:unsubscribe", "account_login", "account_signup",
        "account_reset_password", "(no page)",
        # admin:login is no page of its own: it sends strangers to account_login.
    },
    "member": {
        "members:profile", "members:notifications", "members:delete", "proposals:index",
        "proposals:create", "proposals:detail", "proposals:edit", "notifications:inbox",
        "account_email", "account_change_password", "account_logout",
    },
    "organizer": {
        "mfa_authenticate", "organizers:members", "proposals:review_queue", "proposals:accept",
        "events:edit", "events:session_new", "events:session_edit", "events:dashboard",
        "events:attendees", "events:checkin", "events:checkin_code", "feeds:door_list",
        "topics", "notifications:reminder_plan", "mfa_index", "mfa_view_recovery_codes",
    },
    "admin": {
        "admin:index", "admin:members_user_changelist", "admin:members_user_change",
        "admin:events_event_changelist", "admin:events_event_add", "admin:events_event_change",
        "admin:auth_group_changelist", "admin:password_change",
    },
}  # fmt: skip


def policy_of(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.found.append(href)


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.found


def crawl(client: Client, starts: list[str], *, follow: bool) -> tuple[set[str], list[str]]:
    """Open each start and, if `follow`, every same-site page linked from what was opened,
    once per URL name; return the names of the HTML pages seen and the problems found."""
    seen: set[str] = set()
    pages: set[str] = set()
    problems: list[str] = []
    queue = deque(starts)
    while queue:
        path = queue.popleft()
        try:
            # Addresses under /ar/, /fa/, /en/ resolve only in their own language, whichever
            # the last request left active.
            address = urlsplit(path).path
            with translation.override(get_language_from_path(address) or "en"):
                name = resolve(address).view_name
        except Resolver404:
            name = "(no page)"
        if name in seen:
            continue
        seen.add(name)
        response = client.get(path)
        if response.streaming:
            response.getvalue()  # read to the end, which closes the file (a download)
        if "Content-Security-Policy" not in response.headers:
            problems.append(f"{path}: no Content-Security-Policy header")
        if response.status_code in (301, 302):
            if response["Location"].startswith(CRAWLED):
                queue.append(response["Location"])
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        if response.get("Content-Disposition", "").startswith("attachment"):
            continue  # an offline event pack: saved, then opened from disk outside the policy
        pages.add(name)
        if policy_of(response) != POLICY:
            problems.append(f"{path}: policy {response['Content-Security-Policy']!r}")
        html = response.content.decode()
        problems.extend(f"{path}: {found}" for found in inline_code(html))
        if follow:
            queue.extend(link for link in links_in(html) if link.startswith(CRAWLED))
    return pages, problems


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def world(db):
    member = ApprovedMemberFactory()
    # An address change waiting for confirmation: allauth's page shows a form for it.
    EmailAddress.objects.create(user=member, email="new-address@tadamun.example")
    organizer = OrganizerFactory(mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(organizer, secret)
    RecoveryCodes.activate(organizer)
    administrator = ApprovedMemberFactory(is_staff=True, is_superuser=True)
    TOTP.activate(administrator, generate_totp_secret())
    MemberFactory()  # waiting for approval

    event = EventFactory(guest_registration=True)
    event.topics.add(TopicFactory())
    event.organizers.add(organizer)
    Session.objects.create(
        event=event, title_en="Opening", starts_at=event.starts_at, ends_at=event.ends_at
    )
    rsvp = RsvpFactory(event=event, member=member)
    guest_token, digest = new_guest_token()
    RsvpFactory(event=event, member=None, guest_name="Guest", guest_email="guest@example.org",
                guest_token=digest)  # fmt: skip
    draft = ProposalFactory(proposer=member)
    ProposalFactory(proposer=member, state="submitted")
    return SimpleNamespace(
        draft=draft,
        member=member,
        organizer=organizer,
        organizer_secret=secret,
        administrator=administrator,
        event=event,
        rsvp=rsvp,
        guest_token=guest_token,
    )


def visits(world, visitor: str, client: Client) -> Iterator[tuple[list[str], bool]]:
    """The pages each visitor starts from, and whether to follow their links; between two
    turns the visitor signs in."""
    event = world.event
    if visitor == "stranger":
        yield (
            [
                "/en/",
                "/admin/",
                "/en/no-such-page/",
                reverse("events:guest_register", args=[event.pk]),
                reverse("events:guest_answer", args=[event.pk, world.guest_token]),
                reverse(
                    "notifications:unsubscribe",
                    args=[make_token(scope=Scope.REMINDERS, member_id=world.member.pk)],
                ),
            ],
            True,
        )
    elif visitor == "member":
        client.force_login(world.member)
        yield ["/en/", reverse("proposals:edit", args=[world.draft.pk])], True
    elif visitor == "organizer":
        # Through the forms, two factors included; allauth shows recovery codes only after
        # the password is given again.
        organizer = world.organizer
        response = client.post(
            reverse("account_login"), {"login": organizer.email, "password": PASSWORD}
        )
        yield [response["Location"]], False  # its links would leave the sign-in half-done
        client.post(response["Location"], {"code": current_code(world.organizer_secret)})
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        yield (
            [
                "/en/",
                reverse("mfa_view_recovery_codes"),
                reverse("events:checkin_code", args=[event.pk, world.rsvp.checkin_code]),
                reverse("notifications:reminder_plan", args=[event.pk]),
            ],
            True,
        )
    else:
        client.force_login(world.administrator)
        yield ["/admin/"], True


@pytest.mark.slow
@pytest.mark.parametrize("visitor", PAGES)
def test_every_page_has_the_policy_and_nothing_inline(world, settings, visitor):
    settings.DEBUG = False  # production's error pages, which the policy covers too
    client = Client()
    pages, problems = set(), []
    for starts, follow in visits(world, visitor, client):
        found, trouble = crawl(client, starts, follow=follow)
        pages |= found
        problems += trouble
    assert problems == []
    assert PAGES[visitor] - pages == set()


@pytest.mark.django_db
def test_error_pages_have_the_policy_and_nothing_inline(settings, member_client):
    settings.DEBUG = False
    forbidden = member_client.get(reverse("organizers:members"))
    no_csrf_token = Client(enforce_csrf_checks=True).post(reverse("account_login"))
    bad_host = Client().get("/en/", headers={"host": "elsewhere.example"})
    for response, status in ((forbidden, 403), (no_csrf_token, 403), (bad_host, 400)):
        assert response.status_code == status
        assert policy_of(response) == POLICY
        assert inline_code(response.content.decode()) == []


def test_no_page_template_holds_inline_code(settings):
    # Also the pages no crawl reaches (429, 503). Mails and offline event packs are left out:
    # they are never shown under the policy (a pack is downloaded and opened from disk, with no
    # stylesheet to reach), and both need their styles inline.
    folders = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
    templates = [
        path
        for folder in folders
        for path in folder.rglob("*.html")
        if not {"email", "pack"} & set(path.relative_to(folder).parts)
    ]
    assert len(templates) > 50
    found = {str(path): inline_code(path.read_text()) for path in templates}
    assert {path: problems for path, problems in found.items() if problems} == {}


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/en/", "text/html"),
        ("/static/css/tadamun.css", "text/css"),
        ("/en/calendar/events.ics", "text/calendar"),
        pytest.param("/healthz", "application/json", marks=pytest.mark.integration),
    ],
)
@pytest.mark.django_db
def test_pages_static_files_feeds_and_health_carry_the_security_headers(client, path, content_type):
    response = client.get(path)
    if response.streaming:
        response.getvalue()  # read to the end, which closes the file
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert policy_of(response) == POLICY
    features = dict(part.strip().split("=") for part in response["Permissions-Policy"].split(","))
    assert features.keys() >= DENIED_FEATURES
    assert set(features.values()) == {"()"}


@pytest.mark.django_db
def test_pages_may_not_be_framed(client):
    response = client.get("/en/")
    assert response["X-Frame-Options"] == "DENY"
    assert policy_of(response)["frame-ancestors"] == ["'none'"]


def test_inline_code_finds_what_the_policy_blocks():
    html = """<html><head><style>p{}</style><script>alert(1)</script>
    <script src="/static/js/a.js"></script><script type="application/json">{"a": 1}</script>
    </head><body><p style="color: red" onclick="go()"><a href="javascript:go()">go</a></p>
    <svg><rect width="10" style="fill: red"/></svg></body></html>"""
    assert inline_code(html) == [
        "<style> element",
        "inline <script>: alert(1)",
        '<p style="color: red">',
        '<p onclick="go()">',
        '<a href="javascript:go()">',
        '<rect style="fill: red">',
    ]
