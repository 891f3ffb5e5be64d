"""Page weight (issue 16): the bytes a member on a slow network pays for each page.

gunicorn with the production configuration (deploy/gunicorn.conf.py, DEBUG=0, the static files
that collectstatic writes, served compressed and hashed by WhiteNoise) on the demo data, opened
in Debian's Chromium through Playwright. For each page in Arabic, Persian and English: a first
visit in a fresh browser context (empty cache), then a repeat visit in the same context. The
figures are what Chromium reports as received for each request (Network.loadingFinished's
encodedDataLength: headers and body, as compressed on the wire), summed over the page with its
style sheets, fonts, scripts and images.

The server is reached directly, without the TLS proxy (deploy/nginx.conf): HTTP/1.1 instead of
HTTP/2, so headers count a little more than they would. The proxy compresses nothing itself
(Django's GZipMiddleware compresses pages, WhiteNoise sends static files precompressed), so the
bodies are production's. Chromium offers Brotli to 127.0.0.1 (a secure context, as HTTPS is), so
static files come as WhiteNoise's Brotli copies, as in production; pages come gzip-compressed.
Organizer pages are opened by the demo organizer and, in Arabic and Persian, by copies of them.
The demo data is joined by EXTRA_MEMBERS approved members, as an alliance of several groups has:
a page that grows with the membership (a list of every member to pick from) shows here.
Prints figures only, each beside the budget: first visit ≤ 100 KB, repeat visit ≤ 15 KB.
"""

import os
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from bench.harness import throwaway_database

LANGUAGES = ("ar", "fa", "en")
# The demo member who reads each language (members/demo.py): a member's pages follow their
# profile's language, whatever the address says.
MEMBER_BY_LANGUAGE = {
    "ar": "layla@tadamun.example",
    "fa": "reza@tadamun.example",
    "en": "jo@tadamun.example",
}
# Approved members besides the demo's handful (names in both scripts, as members choose them).
EXTRA_MEMBERS = int(os.environ.get("WEIGHT_EXTRA_MEMBERS", "600"))
FIRST_BUDGET_KB = 100
REPEAT_BUDGET_KB = 15
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
]


def session_for(member) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(member.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.create()
    return session.session_key


def organizer_reading(language: str):
    """The demo organizer (members/demo.py) in English; for Arabic and Persian, a copy who reads
    that language: pages follow the member's language, not the address's. Organizer pages open
    only with two-factor authentication set up."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.hashers import make_password

    from members.demo import DEMO_ORGANIZER
    from members.groups import organizer_group
    from members.models import User

    organizer = User.objects.get(email=DEMO_ORGANIZER.email)
    if language == organizer.preferred_language:
        return organizer
    copy = User.objects.create(
        email=f"organizer-{language}@tadamun.example",
        password=make_password(None),
        display_name={"ar": "سامي", "fa": "سامان"}[language],
        preferred_language=language,
        time_zone=organizer.time_zone,
        membership_status=organizer.membership_status,
        membership_reviewed_at=organizer.membership_reviewed_at,
    )
    copy.groups.add(organizer_group())
    TOTP.activate(copy, generate_totp_secret())
    return copy


def add_members(count: int) -> None:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from members.enums import MembershipStatus
    from members.models import User

    names = ("Layla", "رضا", "Samir", "نسرین", "Kaveh", "سلمى", "Dara", "مریم")
    unusable = make_password(None)
    User.objects.bulk_create(
        User(
            email=f"member{number}@weight.example",
            display_name=f"{names[number % len(names)]} {number}",
            password=unusable,
            membership_status=MembershipStatus.APPROVED,
            membership_reviewed_at=timezone.now(),
        )
        for number in range(count)
    )


def make_data() -> dict:
    """The demo data; returns the event to open, and a session key per language for a member
    and for an organizer."""
    from django.core.management import call_command

    from events.models import Event
    from members.models import User

    call_command("demo_data", stdout=StringIO())
    add_members(EXTRA_MEMBERS)
    event = Event.objects.filter(visibility="public").order_by("starts_at").first()
    sessions = {
        language: session_for(User.objects.get(email=email))
        for language, email in MEMBER_BY_LANGUAGE.items()
    }
    organizer_sessions = {
        language: session_for(organizer_reading(language)) for language in LANGUAGES
    }
    return {"event": event.pk, "sessions": sessions, "organizer_sessions": organizer_sessions}


def visit(context, url: str) -> dict:
    """Open `url` in a new tab of `context`; the bytes received and the requests made."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    # One entry per request: its address, what it is, its encoding, the bytes received.
    requests: dict[str, dict] = {}

    def sent(event):
        key = event["requestId"]
        if event["request"]["url"].startswith("data:"):  # inline, nothing crosses the network
            return
        if "redirectResponse" in event:  # the redirect's own response, never "finished"
            redirected = requests.pop(key)
            redirected["received"] = event["redirectResponse"].get("encodedDataLength", 0)
            requests[f"{key} {len(requests)}"] = redirected
        requests[key] = {"url": event["request"]["url"], "type": event.get("type", ""),
                         "received": 0, "cached": False, "encoding": ""}  # fmt: skip

    def finished(event):
        if event["requestId"] in requests:
            requests[event["requestId"]]["received"] = event["encodedDataLength"]

    def cached(event):
        if event["requestId"] in requests:
            requests[event["requestId"]]["cached"] = True

    def answered(event):
        entry = requests.get(event["requestId"])
        response = event["response"]
        if entry is not None:
            headers = {name.lower(): value for name, value in response["headers"].items()}
            entry["encoding"] = headers.get("content-encoding", "")
            entry["status"] = response["status"]
            if response.get("fromDiskCache") or response.get("fromMemoryCache"):
                entry["cached"] = True

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.requestServedFromCache", cached)
    cdp.on("Network.responseReceived", answered)
    cdp.send("Network.enable")
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    main_status = page.evaluate("performance.getEntriesByType('navigation')[0].responseStatus")
    seen = {
        "received": sum(entry["received"] for entry in requests.values()),
        "requests": len(requests),
        "from_cache": sum(entry["cached"] for entry in requests.values()),
        "resources": list(requests.values()),
    }
    seen["path"] = url.split("/", 3)[-1]
    seen["final_path"] = page.url.split("/", 3)[-1]
    seen["status"] = main_status
    cdp.detach()
    page.close()
    return seen


def measure(browser, base: str, path: str, *, session_key: str | None, language: str) -> dict:
    context = browser.new_context(
        base_url=base,
        locale=language,
        viewport={"width": 390, "height": 844},  # a phone: most members read on one
        # What deploy/nginx.conf adds in front of gunicorn: the request came in over HTTPS.
        extra_http_headers={"X-Forwarded-Proto": "https"},
    )
    if session_key:
        context.add_cookies(
            [{"name": "sessionid", "value": session_key, "url": base, "secure": True,
              "httpOnly": True, "sameSite": "Lax"}]
        )  # fmt: skip
    try:
        first = visit(context, base + path)
        repeat = visit(context, base + path)
    finally:
        context.close()
    return {"first": first, "repeat": repeat}


def main() -> None:
    from playwright.sync_api import sync_playwright

    from tests import processes

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM beside Playwright's event loop
    workdir = Path(tempfile.mkdtemp(prefix="tadamun-weight-"))
    rows = []
    with throwaway_database():
        data = make_data()
        env = processes.production_env(static_root=workdir / "static")
        processes.collect_static(env)
        port = processes.free_port()
        log = workdir / "web.log"
        server = processes.start_web(env, port=port, log=log, workers=2)
        try:
            processes.wait_until_serving(port, server, log)
            base = f"http://127.0.0.1:{port}"
            event = data["event"]
            visitor_pages = [
                ("home", "/{}/"),
                ("events list", "/{}/events/"),
                ("month", "/{}/events/month/"),
                ("event page", f"/{{}}/events/{event}/"),
                ("sign-in", "/{}/accounts/login/"),
                ("sign-up", "/{}/accounts/signup/"),
            ]
            member_pages = [
                ("home", "/{}/"),
                ("event page", f"/{{}}/events/{event}/"),
                ("proposals list", "/{}/proposals/"),
                ("proposal form", "/{}/proposals/new/"),
                ("profile", "/{}/members/profile/"),
            ]
            organizer_pages = [
                ("dashboard", f"/{{}}/events/{event}/dashboard/"),
                ("event edit", f"/{{}}/events/{event}/edit/"),
                ("session form", f"/{{}}/events/{event}/sessions/new/"),
                ("check-in", f"/{{}}/events/{event}/check-in/"),
                ("review", "/{}/proposals/review/"),
            ]
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                )
                for who, pages in (
                    ("visitor", visitor_pages),
                    ("member", member_pages),
                    ("organizer", organizer_pages),
                ):
                    for label, template in pages:
                        for language in LANGUAGES:
                            key = {
                                "member": data["sessions"][language],
                                "organizer": data["organizer_sessions"][language],
                            }.get(who)
                            figures = measure(
                                browser, base, template.format(language),
                                session_key=key, language=language,
                            )  # fmt: skip
                            rows.append((who, label, language, figures))
                browser.close()
        finally:
            processes.stop(server)
    shutil.rmtree(workdir, ignore_errors=True)

    print("weight: Chromium, gunicorn (deploy/gunicorn.conf.py, DEBUG=0, WhiteNoise's "
          f"compressed manifest), demo data and {EXTRA_MEMBERS} more members;\n"
          "        KB = 1,024 bytes received (headers + bodies as sent)")  # fmt: skip
    print(f"{'who':<9} {'page':<15} {'lang':<4} {'status':>6} {'first KB':>9} {'repeat KB':>10} "
          f"{'requests':>9} {'repeat req':>11} {'budget KB':>10}  verdict")  # fmt: skip
    for who, label, language, figures in rows:
        first, repeat = figures["first"], figures["repeat"]
        first_kb, repeat_kb = first["received"] / 1024, repeat["received"] / 1024
        verdict = []
        if first_kb > FIRST_BUDGET_KB:
            verdict.append(f"first OVER by {first_kb - FIRST_BUDGET_KB:.1f}")
        if repeat_kb > REPEAT_BUDGET_KB:
            verdict.append(f"repeat OVER by {repeat_kb - REPEAT_BUDGET_KB:.1f}")
        on_network = repeat["requests"] - repeat["from_cache"]
        repeat_requests = f"{on_network} net/{repeat['requests']}"
        print(f"{who:<9} {label:<15} {language:<4} {first['status']:>6} {first_kb:>9.1f} "
              f"{repeat_kb:>10.1f} {first['requests']:>9} "
              f"{repeat_requests:>11} "
              f"{f'{FIRST_BUDGET_KB}/{REPEAT_BUDGET_KB}':>10}  "
              f"{'; '.join(verdict) or 'under'}")  # fmt: skip
        if first["path"] != first["final_path"]:
            print(f"{'':<9} ↳ {first['path']} ended at {first['final_path']}")
    within = sum(
        row[3]["first"]["received"] <= FIRST_BUDGET_KB * 1024
        and row[3]["repeat"]["received"] <= REPEAT_BUDGET_KB * 1024
        for row in rows
    )
    print(f"within budget: {within} of {len(rows)} pages")
    # Where the bytes go: every resource of one first visit (the visitor's event page in
    # Arabic), largest first.
    sample = next(row for row in rows if row[:3] == ("visitor", "event page", "ar"))[3]["first"]
    print("\nfirst visit of the visitor's event page (ar), by resource:")
    print(f"{'KB':>7} {'type':<11} {'encoding':<9} address")
    for entry in sorted(sample["resources"], key=lambda entry: -entry["received"]):
        path = "/" + entry["url"].split("/", 3)[-1]
        print(f"{entry['received'] / 1024:>7.1f} {entry['type']:<11} "
              f"{entry['encoding'] or '-':<9} {path[:90]}")  # fmt: skip
    print(f"budget: first visit ≤ {FIRST_BUDGET_KB} KB, repeat visit ≤ {REPEAT_BUDGET_KB} KB "
          "(issue 16); 'repeat req' = requests that reached the server / all requests")  # fmt: skip


if __name__ == "__main__":
    main()
