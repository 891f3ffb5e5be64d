"""Event packs (issue 16): one HTML file a confirmed attendee carries offline and prints."""

import base64
import re
import zoneinfo
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
import segno
from django.test import Client
from django.utils import timezone

from events.guests import new_guest_token
from events.models import Session
from events.templatetags.event_tags import qr_svg
from members.digits import PERSIAN_DIGITS
from members.separators import item_separator
from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    OrganizerFactory,
    RsvpFactory,
)

VENUE = "Secret cellar, Kreuzberg 12"
STARTS = datetime(2030, 6, 1, 8, 0, tzinfo=UTC)
HELD_NOTE = "The exact address will be sent to you when it is released"


def _client(person=None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def _guest(event, *, verified=True, status="going"):
    token, digest = new_guest_token()
    RsvpFactory(
        event=event,
        member=None,
        guest_name="Guest",
        guest_email=f"guest{digest[:6]}@example.org",
        guest_token=digest,
        verified_at=timezone.now() if verified else None,
        status=status,
        waitlisted_at=timezone.now() if status == "waitlisted" else None,
    )
    return token


class Resources(HTMLParser):
    """Every tag's attributes, and the text of <style> and <script> elements."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self._in_style = False
        self.style = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data


def _parsed(html: str) -> Resources:
    parser = Resources()
    parser.feed(html)
    return parser


def _svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.DOTALL)


def _dark_modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules segno's path draws: `M x y` then `h n` (n modules to the right) and
    `m dx dy` (a move), each row drawn at y + 0.5."""
    path = re.search(r'\bd="([^"]+)"', svg).group(1)
    x = y = 0.0
    dark = set()
    for command, numbers in re.findall(r"([MmHh])([-\d. ]+)", path):
        values = [float(value) for value in numbers.split()]
        if command in "Mm":
            dx, dy = values
            x, y = (dx, dy) if command == "M" else (x + dx, y + dy)
        else:
            for step in range(int(values[0])):
                dark.add((int(y - 0.5), int(x) + step))
            x += values[0]
    return dark


def _symbol_of(payload: str, border: int = 2) -> set[tuple[int, int]]:
    matrix = segno.make(payload, error="m").matrix
    return {
        (row + border, col + border)
        for row, line in enumerate(matrix)
        for col, value in enumerate(line)
        if value
    }


# Who may download a pack


@pytest.fixture
def world(db):
    event = EventFactory(meeting_link="", capacity=None)
    people = {"other": ApprovedMemberFactory(), "going": ApprovedMemberFactory()}
    RsvpFactory(event=event, member=people["going"])
    for status in ("maybe", "not_going", "waitlisted"):
        people[status] = ApprovedMemberFactory()
        RsvpFactory(
            event=event,
            member=people[status],
            status=status,
            waitlisted_at=timezone.now() if status == "waitlisted" else None,
        )
    people["organizer"] = OrganizerFactory()
    event.organizers.add(people["organizer"])
    return event, people


def test_only_a_member_confirmed_going_gets_the_pack(world):
    event, people = world
    answers = {
        role: _client(person).get(f"/en/events/{event.pk}/pack/").status_code
        for role, person in people.items()
    }
    assert answers == {
        "other": 404,
        "going": 200,
        "maybe": 404,
        "not_going": 404,
        "waitlisted": 404,
        "organizer": 404,
    }


def test_a_stranger_is_sent_to_sign_in(world):
    event, _people = world
    response = _client().get(f"/en/events/{event.pk}/pack/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_a_member_going_to_an_event_they_may_no_longer_see_gets_none(db):
    event = EventFactory(visibility="members")
    member = ApprovedMemberFactory()
    RsvpFactory(event=event, member=member)
    member.membership_status = "pending"
    member.save()
    assert _client(member).get(f"/en/events/{event.pk}/pack/").status_code == 404


def test_only_a_verified_guest_going_gets_the_pack(db):
    event = EventFactory(guest_registration=True)
    tokens = {
        "going": _guest(event),
        "unverified": _guest(event, verified=False),
        "waitlisted": _guest(event, status="waitlisted"),
        "not_going": _guest(event, status="not_going"),
        "wrong": "not-a-token",
    }
    answers = {
        role: Client().get(f"/en/events/{event.pk}/guest/{token}/pack/").status_code
        for role, token in tokens.items()
    }
    assert answers == {
        "going": 200,
        "unverified": 404,
        "waitlisted": 404,
        "not_going": 404,
        "wrong": 404,
    }
    other_event = EventFactory(guest_registration=True)
    wrong_event = f"/en/events/{other_event.pk}/guest/{tokens['going']}/pack/"
    assert Client().get(wrong_event).status_code == 404


def test_the_pack_is_never_posted_to(world):
    event, people = world
    response = _client(people["going"]).post(f"/en/events/{event.pk}/pack/")
    assert response.status_code == 405


# The file


def test_the_pack_downloads_as_a_private_attachment_with_a_safe_name(db):
    event = EventFactory(title_en="", title_ar='يوم "التضامن" / دمشق', in_english=False)
    member = ApprovedMemberFactory(preferred_language="ar")
    RsvpFactory(event=event, member=member)
    response = _client(member).get(f"/ar/events/{event.pk}/pack/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="tadamun-{event.pk}.html"; ')
    assert disposition.isascii()
    encoded = disposition.split("filename*=UTF-8''")[1]
    assert unquote(encoded) == f"tadamun-{event.pk}-يوم-التضامن-دمشق.html"


def test_the_pack_has_no_script_and_loads_nothing_from_anywhere(db, site_url):
    event = EventFactory(modality="hybrid", meeting_link="https://meet.example.org/room")
    Session.objects.create(
        event=event, title_en="Opening", starts_at=event.starts_at, ends_at=event.ends_at
    )
    member = ApprovedMemberFactory()
    RsvpFactory(event=event, member=member)
    html = _client(member).get(f"/en/events/{event.pk}/pack/").content.decode()
    parsed = _parsed(html)
    tags = [tag for tag, _attrs in parsed.tags]
    assert "script" not in tags
    assert "link" not in tags
    assert "iframe" not in tags
    assert "img" not in tags
    assert not re.search(r"\bon[a-z]+=", html)
    assert "url(" not in parsed.style
    assert "@import" not in parsed.style
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        if href is not None:
            allowed = (f"{site_url}/", "data:text/calendar;", event.meeting_link)
            assert href.startswith(allowed), href
    assert "@media print" in parsed.style
    assert "Opening" in html
    assert event.meeting_link in html


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("en", "ltr")])
def test_the_pack_is_in_the_readers_language_and_direction(db, language, direction):
    event = EventFactory()
    member = ApprovedMemberFactory(preferred_language=language)
    RsvpFactory(event=event, member=member)
    html = _client(member).get(f"/{language}/events/{event.pk}/pack/").content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    pack_name = {"ar": "حزمة الفعالية", "fa": "بستهٔ رویداد", "en": "Event pack"}[language]
    assert f"{pack_name}{item_separator(language)}" in html


def _when(html: str) -> str:
    return re.search(r'<span class="event-when">.*?</small></span>', html, re.DOTALL).group(0)


def test_times_are_those_of_the_event_page_in_the_readers_zone_digits_and_calendar(db):
    event = EventFactory(starts_at=STARTS, ends_at=STARTS + timedelta(hours=2))
    member = ApprovedMemberFactory(preferred_language="fa", time_zone="Asia/Tehran")
    RsvpFactory(event=event, member=member)
    client = _client(member)
    pack = client.get(f"/fa/events/{event.pk}/pack/").content.decode()
    page = client.get(f"/fa/events/{event.pk}/").content.decode()
    when = _when(pack)
    assert when == _when(page)
    assert "۱۱:۳۰" in when  # Tehran
    assert "۱۰:۰۰" in when  # Berlin, the event's own zone
    assert "۱۴۰۹" in when  # the Solar Hijri year
    assert not re.search("[0-9]", when)


def test_a_member_who_reads_western_digits_gets_them_in_the_pack(db):
    event = EventFactory(starts_at=STARTS, ends_at=STARTS + timedelta(hours=2))
    member = ApprovedMemberFactory(
        preferred_language="fa", time_zone="Asia/Tehran", digit_style="latn"
    )
    RsvpFactory(event=event, member=member)
    when = _when(_client(member).get(f"/fa/events/{event.pk}/pack/").content.decode())
    assert "11:30" in when
    assert not any(digit in when for digit in PERSIAN_DIGITS)


# The exact address, as the venue rules give it


@pytest.fixture
def held_back(db):
    def make(*, released: bool):
        starts_at = timezone.now() + (timedelta(hours=2) if released else timedelta(days=2))
        event = EventFactory(
            venue=VENUE,
            venue_release_hours=3,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            guest_registration=True,
        )
        member = ApprovedMemberFactory()
        RsvpFactory(event=event, member=member)
        return event, member

    return make


def _calendar_of(html: str) -> str:
    encoded = re.search(r'href="data:text/calendar;charset=utf-8;base64,([^"]+)"', html).group(1)
    return base64.b64decode(encoded).decode()


def test_a_pack_saved_before_the_release_holds_no_address_and_says_so(held_back):
    event, member = held_back(released=False)
    token = _guest(event)
    for html in (
        _client(member).get(f"/en/events/{event.pk}/pack/").content.decode(),
        Client().get(f"/en/events/{event.pk}/guest/{token}/pack/").content.decode(),
        _client(member).get("/en/events/pack/").content.decode(),
    ):
        assert VENUE not in html
        assert VENUE not in _calendar_of(html).replace("\r\n ", "").replace("\\,", ",")
        assert HELD_NOTE in html
        assert "Berlin" in html


def test_a_pack_saved_after_the_release_holds_the_address(held_back):
    event, member = held_back(released=True)
    token = _guest(event)
    for html in (
        _client(member).get(f"/en/events/{event.pk}/pack/").content.decode(),
        Client().get(f"/en/events/{event.pk}/guest/{token}/pack/").content.decode(),
    ):
        assert VENUE in html
        assert VENUE in _calendar_of(html).replace("\r\n ", "").replace("\\,", ",")
        assert HELD_NOTE not in html


def test_the_address_in_the_pack_is_the_one_on_the_event_page(held_back):
    for released in (False, True):
        event, member = held_back(released=released)
        client = _client(member)
        page = client.get(f"/en/events/{event.pk}/").content.decode()
        pack = client.get(f"/en/events/{event.pk}/pack/").content.decode()
        assert (VENUE in page) == (VENUE in pack) == released


# The check-in code and the calendar entry


def test_the_qr_code_is_the_one_on_the_event_page_and_encodes_the_check_in_address(db, site_url):
    event = EventFactory()
    member = ApprovedMemberFactory()
    rsvp = RsvpFactory(event=event, member=member)
    client = _client(member)
    pack = client.get(f"/en/events/{event.pk}/pack/").content.decode()
    page = client.get(f"/en/events/{event.pk}/").content.decode()
    payload = f"{site_url}/en/events/{event.pk}/check-in/code/{rsvp.checkin_code}/"
    [pack_svg] = _svgs(pack)
    assert pack_svg in _svgs(page)
    assert pack_svg == str(qr_svg(payload))
    assert _dark_modules(pack_svg) == _symbol_of(payload)
    assert rsvp.checkin_code in pack


def test_an_online_event_has_no_check_in_code_but_its_meeting_link(db):
    event = EventFactory(modality="online", meeting_link="https://meet.example.org/x")
    member = ApprovedMemberFactory()
    RsvpFactory(event=event, member=member)
    html = _client(member).get(f"/en/events/{event.pk}/pack/").content.decode()
    assert _svgs(html) == []
    assert 'href="https://meet.example.org/x"' in html


def test_the_calendar_entry_is_embedded_as_a_file_and_as_text(db):
    event = EventFactory(modality="hybrid", meeting_link="https://meet.example.org/x")
    member = ApprovedMemberFactory()
    RsvpFactory(event=event, member=member)
    html = _client(member).get(f"/en/events/{event.pk}/pack/").content.decode()
    calendar = _calendar_of(html)
    assert calendar.startswith("BEGIN:VCALENDAR\r\n")
    assert f"UID:event-{event.pk}@tadamun" in calendar
    assert "meet.example.org/x" in calendar
    assert f'download="tadamun-event-{event.pk}.ics"' in html
    assert f"UID:event-{event.pk}@tadamun" in html  # the text, readable in the file


# The pack of all upcoming events


def test_the_upcoming_pack_holds_only_events_to_come_the_member_is_confirmed_for(db):
    member = ApprovedMemberFactory()
    soon = EventFactory(title_en="Soon", starts_at=timezone.now() + timedelta(days=1))
    later = EventFactory(title_en="Later", starts_at=timezone.now() + timedelta(days=9))
    past = EventFactory(
        title_en="Past",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3, hours=-2),
    )
    maybe = EventFactory(title_en="Perhaps")
    hidden = EventFactory(title_en="Hidden", visibility="invite")
    for event in (later, soon, past, hidden):
        RsvpFactory(event=event, member=member)
    RsvpFactory(event=maybe, member=member, status="maybe")
    html = _client(member).get("/en/events/pack/").content.decode()
    titles = re.findall(r'<h2 dir="auto">(.*?)</h2>', html)
    assert titles == ["Soon", "Later"]
    assert len(_svgs(html)) == 2
    calendar = _calendar_of(html)
    assert calendar.count("BEGIN:VEVENT") == 2


def test_the_upcoming_pack_of_a_member_with_nothing_to_come_says_so(member_client):
    response = member_client.get("/en/events/pack/")
    assert response.status_code == 200
    assert "You are not confirmed going to any event still to come." in response.content.decode()
    assert response["Content-Disposition"].startswith("attachment; filename=")


@pytest.mark.parametrize("count", [1, 6])
def test_the_upcoming_pack_reads_a_fixed_number_of_queries(
    db, client, django_assert_max_num_queries, count
):
    member = ApprovedMemberFactory()
    for number in range(count):
        event = EventFactory(venue_release_hours=3)
        Session.objects.create(
            event=event, title_en=f"Talk {number}", starts_at=event.starts_at, ends_at=event.ends_at
        )
        RsvpFactory(event=event, member=member)
    client.force_login(member)
    with django_assert_max_num_queries(11):
        response = client.get("/en/events/pack/")
    assert response.content.decode().count("<article") == count


# Where the pack is offered


def test_the_event_page_offers_the_pack_only_to_those_confirmed_going(world):
    event, people = world
    for role, person in people.items():
        html = _client(person).get(f"/en/events/{event.pk}/").content.decode()
        assert (f'href="/en/events/{event.pk}/pack/"' in html) == (role == "going"), role


def test_the_guest_page_offers_the_pack_to_a_verified_guest_going(db):
    event = EventFactory(guest_registration=True)
    going, unverified = _guest(event), _guest(event, verified=False)
    html = Client().get(f"/en/events/{event.pk}/guest/{going}/").content.decode()
    assert f'href="/en/events/{event.pk}/guest/{going}/pack/"' in html
    html = Client().get(f"/en/events/{event.pk}/guest/{unverified}/").content.decode()
    assert "/pack/" not in html


def test_the_profile_offers_the_pack_of_upcoming_events(member_client):
    html = member_client.get("/en/members/profile/").content.decode()
    assert 'href="/en/events/pack/"' in html


# The address the pack was downloaded through


@pytest.mark.parametrize("through", ["web", "onion"])
def test_every_link_in_a_pack_is_on_the_address_it_was_downloaded_through(
    db, onion_url, site_url, through
):
    base, other = (onion_url, site_url) if through == "onion" else (site_url, onion_url)
    host = base.split("://")[1]
    event = EventFactory(modality="hybrid", meeting_link="https://meet.example.org/room")
    member = ApprovedMemberFactory()
    rsvp = RsvpFactory(event=event, member=member)
    token = _guest(event)
    client = Client(headers={"host": host}, secure=through == "web")
    client.force_login(member)
    packs = {
        "one event": client.get(f"/en/events/{event.pk}/pack/"),
        "upcoming": client.get("/en/events/pack/"),
        "guest": Client(headers={"host": host}, secure=through == "web").get(
            f"/en/events/{event.pk}/guest/{token}/pack/"
        ),
    }
    for name, response in packs.items():
        assert response.status_code == 200, name
        html = response.content.decode()
        calendar = _calendar_of(html).replace("\r\n ", "")
        for text in (html, calendar):
            assert other.split("://")[1] not in text, name
        hrefs = [attrs["href"] for _tag, attrs in _parsed(html).tags if "href" in attrs]
        assert f"{base}/en/events/{event.pk}/" in hrefs, name
        for href in hrefs:
            assert href.startswith((f"{base}/", "data:text/calendar;", event.meeting_link)), href
        urls = [line for line in calendar.splitlines() if line.startswith("URL")]
        assert urls, name
        assert all(line.split(":", 1)[1].startswith(f"{base}/") for line in urls), urls
    member_pack = packs["one event"].content.decode()
    payload = f"{base}/en/events/{event.pk}/check-in/code/{rsvp.checkin_code}/"
    [svg] = _svgs(member_pack)
    assert svg == str(qr_svg(payload))


def test_a_guests_pack_names_the_zone_it_was_saved_in(db):
    event = EventFactory(guest_registration=True, time_zone="Asia/Damascus")
    token = _guest(event)
    html = Client().get(f"/en/events/{event.pk}/guest/{token}/pack/").content.decode()
    saved = re.search(r"Saved on <bdi>(.*?)</bdi>", html).group(1)
    now_there = timezone.now().astimezone(zoneinfo.ZoneInfo("Asia/Damascus"))
    assert saved.endswith("(Damascus Time)")
    assert now_there.strftime("%H:") in saved
