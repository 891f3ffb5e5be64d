"""Need to know (issue 13): an event's exact address, held back until a time before the start.

Every surface that can carry an event (pages, feeds, mails, exports, the admin's lists) is read
by every role, before and after the release time; the address must be found exactly where it is
allowed: the event's organizers always, and after the release the people confirmed going (a
member going, a guest going whose address is verified), each in their own copy.
"""

import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from openpyxl import load_workbook

from events.enums import RsvpStatus
from events.guests import new_guest_token
from events.models import EventChange, Session
from events.selectors.venue import venue_visible_to
from events.services.feed_tokens import feed_token_create
from events.tasks import send_guest_link
from notifications.models import Delivery
from notifications.services.venues import schedule_venue_releases
from notifications.tasks import send_deliveries
from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    GroupFactory,
    ProposalFactory,
    RsvpFactory,
)

VENUE = "Secret cellar, Kreuzberg 12"
ROLES = ("stranger", "other", "going", "waitlisted", "maybe", "organizer")
GUEST_ROLES = ("guest_going", "guest_unverified")


def _world(released: bool) -> SimpleNamespace:
    now = timezone.now()
    starts_at = now + (timedelta(hours=2) if released else timedelta(days=2))
    event = EventFactory(
        kind="conference",
        venue=VENUE,
        venue_release_hours=3,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=4),
        capacity=2,
        guest_registration=True,
        rsvp_deadline=None,
    )
    group = GroupFactory()
    event.cohost_groups.add(group)
    Session.objects.create(
        event=event, title_en="Opening", starts_at=event.starts_at, ends_at=event.ends_at
    )
    organizer = ApprovedMemberFactory()
    TOTP.activate(organizer, generate_totp_secret())
    event.organizers.add(organizer)
    people = {"other": ApprovedMemberFactory(), "organizer": organizer}
    answers = {}
    for role, status in (("going", "going"), ("waitlisted", "waitlisted"), ("maybe", "maybe")):
        people[role] = ApprovedMemberFactory()
        answers[role] = RsvpFactory(
            event=event,
            member=people[role],
            status=status,
            waitlisted_at=now if status == "waitlisted" else None,
        )
    tokens = {}
    for role, verified_at in (("guest_going", now), ("guest_unverified", None)):
        tokens[role], digest = new_guest_token()
        answers[role] = RsvpFactory(
            event=event,
            member=None,
            guest_name=role,
            guest_email=f"{role}@example.org",
            guest_token=digest,
            verified_at=verified_at,
        )
    proposal = ProposalFactory(
        state="accepted", event=event, venue=VENUE, modality="in_person", decided_at=now
    )
    return SimpleNamespace(
        event=event,
        group=group,
        people=people,
        answers=answers,
        tokens=tokens,
        proposal=proposal,
        released=released,
    )


@pytest.fixture(params=["before", "after"])
def world(request, db):
    with translation.override("en"):
        return _world(released=request.param == "after")


def _client(world, role: str) -> Client:
    client = Client()
    if role != "stranger":
        client.force_login(world.people[role])
    return client


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        workbook = load_workbook(io.BytesIO(content))
        return " ".join(
            str(cell)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return _unfolded(content.decode())


def _unfolded(text: str) -> str:
    """Calendar text as read: lines unfolded, escaped commas and semicolons plain (RFC 5545)."""
    return text.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";")


def _pages(world) -> dict[str, str]:
    event = world.event
    month = timezone.localtime(event.starts_at).strftime("%Y-%m")
    return {
        "page": f"/en/events/{event.pk}/",
        "programme": f"/en/events/{event.pk}/programme/",
        "upcoming list": "/en/events/",
        "search": "/en/events/?q=Solidarity",
        "month": f"/en/events/month/?month={month}",
        "group page": f"/en/groups/{world.group.slug}/",
        "proposal page": f"/en/proposals/{world.proposal.pk}/",
        "public feed": "/en/calendar/events.ics",
        "group feed": f"/en/calendar/groups/{world.group.slug}.ics",
        "event .ics": f"/en/calendar/events/{event.pk}/event.ics",
        "programme .ics": f"/en/calendar/events/{event.pk}/event.ics?sessions=1",
        "organizer feed": "/en/calendar/organizing.ics",
        "attendees CSV": f"/en/calendar/events/{event.pk}/attendees.csv",
        "attendees XLSX": f"/en/calendar/events/{event.pk}/attendees.xlsx",
        "door list": f"/en/calendar/events/{event.pk}/door-list/",
        "event pack": f"/en/events/{event.pk}/pack/",
        "upcoming pack": "/en/events/pack/",
    }


# Where the address may show, and to whom: (surface, role) → before or also after the release.
ALWAYS = {
    ("page", "organizer"),
    ("proposal page", "organizer"),
    ("event .ics", "organizer"),
    ("programme .ics", "organizer"),
    ("organizer feed", "organizer"),
}
ONCE_RELEASED = {
    ("page", "going"),
    ("proposal page", "going"),
    ("event .ics", "going"),
    ("programme .ics", "going"),
    ("private feed", "going"),
    ("guest page", "guest_going"),
    ("event pack", "going"),
    ("upcoming pack", "going"),
    ("guest pack", "guest_going"),
}


def _allowed(world, surface: str, role: str) -> bool:
    return (surface, role) in ALWAYS or (world.released and (surface, role) in ONCE_RELEASED)


def test_every_page_feed_and_export_shows_the_address_only_where_allowed(world):
    found, expected = {}, {}
    for role in ROLES:
        client = _client(world, role)
        for surface, path in _pages(world).items():
            response = client.get(path)
            found[surface, role] = response.status_code == 200 and VENUE in _text(response)
            expected[surface, role] = _allowed(world, surface, role)
        if role != "stranger":
            token = feed_token_create(member=world.people[role])
            response = Client().get(f"/en/calendar/private/{token}.ics")
            found["private feed", role] = VENUE in _text(response)
            expected["private feed", role] = _allowed(world, "private feed", role)
    for role in GUEST_ROLES:
        path = f"/en/events/{world.event.pk}/guest/{world.tokens[role]}/"
        found["guest page", role] = VENUE in _text(Client().get(path))
        expected["guest page", role] = _allowed(world, "guest page", role)
        found["guest pack", role] = VENUE in _text(Client().get(f"{path}pack/"))
        expected["guest pack", role] = _allowed(world, "guest pack", role)
    assert found == expected


def test_the_page_says_when_the_address_is_shared(world):
    response = _client(world, "other").get(f"/en/events/{world.event.pk}/")
    assert "The exact address is shared with confirmed attendees 3 hours before the start." in (
        response.content.decode()
    )
    assert world.event.city in response.content.decode()


def test_the_page_says_it_in_the_readers_language_and_digits(world):
    reader = ApprovedMemberFactory(preferred_language="fa")
    client = Client()
    client.force_login(reader)
    response = client.get(f"/fa/events/{world.event.pk}/")
    assert "۳" in response.content.decode()
    assert VENUE not in response.content.decode()


def test_admin_lists_never_show_the_address(world, admin_client):
    Delivery.objects.create(
        key="admin-list", kind="venue_release", event=world.event, rsvp=world.answers["going"]
    )
    EventChange.objects.create(
        event=world.event, kind="edited", changes={"venue": ["Old hall", VENUE]}
    )
    for model in ("events/event", "events/rsvp", "events/eventchange", "events/session",
                  "events/proposal", "notifications/delivery"):  # fmt: skip
        response = admin_client.get(f"/admin/{model}/")
        assert response.status_code == 200, model
        assert VENUE not in response.content.decode(), model


# Mails: every kind that names an event, to every kind of answer.

MAIL_KINDS = (
    "reminder",
    "rsvp_confirmation",
    "waitlist_promotion",
    "event_changed",
    "event_cancelled",
    "event_postponed",
    "venue_release",
    "weekly_digest",
)
ANSWER_ROLES = ("going", "waitlisted", "maybe", "guest_going", "guest_unverified")
# The mail kinds that say where the event is, to a reader allowed to know.
NAMING_KINDS = set(MAIL_KINDS) - {"weekly_digest"}


def _delivery(world, kind: str, role: str) -> Delivery:
    event, rsvp = world.event, world.answers[role]
    context = {}
    if kind == "reminder":
        context = {"offset": "day", "starts_at": event.starts_at.isoformat()}
    elif kind.startswith("event_"):
        change = EventChange.objects.create(
            event=event,
            kind={"event_cancelled": "cancelled", "event_postponed": "postponed"}.get(
                kind, "edited"
            ),
            changes={"venue": ["Old hall", VENUE], "city": ["Potsdam", "Berlin"]},
        )
        context = {"change_id": change.pk}
    elif kind == "weekly_digest":
        context = {"event_ids": [event.pk]}
    return Delivery.objects.create(
        key=f"{kind}:{role}",
        kind=kind,
        recipient=rsvp.member,
        rsvp=None if kind == "weekly_digest" else rsvp,
        event=event,
        context=context,
    )


def _mail_text(message) -> str:
    parts = [message.subject, message.body]
    parts += [content for content, _type in getattr(message, "alternatives", [])]
    for attachment in message.attachments:
        content = attachment[1] if isinstance(attachment, tuple) else attachment.get_payload()
        parts.append(_unfolded(content.decode() if isinstance(content, bytes) else str(content)))
    return "\n".join(parts)


def test_every_mail_kind_names_the_address_only_to_whom_it_is_released(world):
    found, expected = {}, {}
    for kind in MAIL_KINDS:
        for role in ANSWER_ROLES:
            mail.outbox.clear()
            send_deliveries([_delivery(world, kind, role).pk])
            text = "\n".join(_mail_text(message) for message in mail.outbox)
            found[kind, role] = VENUE in text
            expected[kind, role] = (
                world.released and kind in NAMING_KINDS and role in ("going", "guest_going")
            )
    assert found == expected


def test_guest_link_mail_carries_no_address(world):
    send_guest_link(world.answers["guest_unverified"].pk, "token-for-the-test")
    assert len(mail.outbox) == 1
    assert VENUE not in _mail_text(mail.outbox[0])


# The release notice.


def test_release_notice_goes_to_each_confirmed_attendee_once(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        written = schedule_venue_releases()
        again = schedule_venue_releases()
    notices = Delivery.objects.filter(kind="venue_release")
    if not world.released:
        assert (written, again, notices.count()) == (0, 0, 0)
        return
    assert (written, again) == (2, 0)
    assert set(notices.values_list("rsvp_id", flat=True)) == {
        world.answers["going"].pk,
        world.answers["guest_going"].pk,
    }
    assert set(notices.values_list("rsvp__status", flat=True)) == {RsvpStatus.GOING}
    assert sorted(notices.values_list("status", flat=True)) == ["sent", "sent"]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [world.people["going"].email, "guest_going@example.org"]
    )
    assert all(VENUE in message.body for message in mail.outbox)


@pytest.mark.django_db
def test_release_notice_is_in_the_readers_language(django_capture_on_commit_callbacks):
    world = _world(released=True)
    reader = world.people["going"]
    reader.preferred_language = "ar"
    reader.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        schedule_venue_releases()
    message = next(message for message in mail.outbox if message.to == [reader.email])
    assert VENUE in message.body
    assert "المكان الدقيق" in message.subject


@pytest.mark.django_db
def test_no_notice_once_the_event_has_started():
    world = _world(released=True)
    later = world.event.starts_at + timedelta(minutes=1)
    assert schedule_venue_releases(now=later) == 0


@pytest.mark.django_db
def test_an_event_holding_nothing_back_shows_its_address_to_everyone(client):
    event = EventFactory(venue=VENUE)
    assert venue_visible_to(event, None) is True
    assert VENUE in _text(client.get(f"/en/events/{event.pk}/"))
    assert VENUE in _text(client.get("/en/calendar/events.ics"))
    assert schedule_venue_releases() == 0


@pytest.mark.django_db
def test_release_time_moves_with_the_event():
    world = _world(released=False)
    event = world.event
    before = event.starts_at - timedelta(hours=3, minutes=1)
    assert venue_visible_to(event, world.answers["going"], at=before) is False
    assert venue_visible_to(event, world.answers["going"], at=before + timedelta(minutes=2))
    assert not venue_visible_to(event, world.answers["maybe"], at=event.starts_at)
    assert not venue_visible_to(event, world.answers["guest_unverified"], at=event.starts_at)
