"""Who may see an event, its link and its attendees, and who may organize it: every refusal."""

from datetime import UTC, datetime
from types import SimpleNamespace
from urllib.parse import quote, urlencode

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from events.models import Event, EventChange, Rsvp, Session
from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    MemberFactory,
    OrganizerFactory,
    RsvpFactory,
)

STARTS = datetime(2030, 6, 1, 8, 0, tzinfo=UTC)  # 10:00 in Berlin
ENDS = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)  # 14:00 in Berlin
SECRET_LINK = "https://meet.example.org/secret"
NEEDS = "Step-free entrance and a seat near the interpreters"


def event_organizer(event: Event, *, mfa: bool = True):
    """An approved member who organizes this one event only, not all events."""
    person = ApprovedMemberFactory()
    if mfa:
        TOTP.activate(person, generate_totp_secret())
    event.organizers.add(person)
    return person


@pytest.fixture
def setting(db):
    event = EventFactory(starts_at=STARTS, ends_at=ENDS, time_zone="Europe/Berlin")
    return SimpleNamespace(
        event=event,
        rsvp=RsvpFactory(event=event, status="going"),
        checked=RsvpFactory(event=event, status="going", checked_in_at=timezone.now()),
        session=Session.objects.create(
            event=event, title_en="Opening", starts_at=STARTS, ends_at=ENDS
        ),
    )


def page_html(client, path: str) -> str:
    """The page as HTML, after checking it rendered: a missing page hides nothing."""
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def sign_in_as(client, who: str, event: Event):
    people = {
        "stranger": None,
        "pending member": lambda: MemberFactory(),
        "approved member": lambda: ApprovedMemberFactory(),
        "organizer of another event": lambda: event_organizer(EventFactory()),
    }
    if people[who] is not None:
        client.force_login(people[who]())
    return client


# Seeing events


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["", "programme/"])
def test_public_event_pages_open_for_strangers(client, event, page):
    response = client.get(f"/en/events/{event.pk}/{page}")
    assert response.status_code == 200
    assert response.context["event"] == event


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["", "programme/"])
@pytest.mark.parametrize("who", ["stranger", "pending member"])
def test_members_only_event_pages_are_404_for_strangers_and_pending_members(client, who, page):
    event = EventFactory(visibility="members")
    response = sign_in_as(client, who, event).get(f"/en/events/{event.pk}/{page}")
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["", "programme/"])
def test_members_only_event_pages_open_for_approved_members(member_client, page):
    event = EventFactory(visibility="members", title_en="Closed strategy meeting")
    response = member_client.get(f"/en/events/{event.pk}/{page}")
    assert response.status_code == 200
    assert "Closed strategy meeting" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["stranger", "pending member"])
def test_members_only_events_are_not_listed_for_strangers_or_pending_members(client, who):
    public = EventFactory(title_en="Open assembly")
    EventFactory(visibility="members", title_en="Closed strategy meeting")
    response = sign_in_as(client, who, public).get("/en/events/")
    assert list(response.context["page"].object_list) == [public]
    assert "Closed strategy meeting" not in response.content.decode()


@pytest.mark.django_db
def test_members_only_events_are_listed_for_approved_members(member_client):
    public = EventFactory(starts_at=STARTS, ends_at=ENDS)
    closed = EventFactory(
        visibility="members",
        starts_at=datetime(2030, 6, 2, 8, 0, tzinfo=UTC),
        ends_at=datetime(2030, 6, 2, 10, 0, tzinfo=UTC),
    )
    response = member_client.get("/en/events/")
    assert list(response.context["page"].object_list) == [public, closed]


@pytest.mark.django_db
def test_members_only_past_events_are_not_listed_for_strangers(client):
    over = {"starts_at": datetime(2020, 6, 1, 8, tzinfo=UTC),
            "ends_at": datetime(2020, 6, 1, 10, tzinfo=UTC)}  # fmt: skip
    public = EventFactory(**over)
    EventFactory(visibility="members", **over)
    response = client.get("/en/events/past/")
    assert list(response.context["page"].object_list) == [public]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who",
    [
        "stranger",
        "pending member",
        "approved member",
    ],
)
def test_going_count_on_event_page_is_the_same_for_every_viewer(client, who):
    event = EventFactory()
    event.organizers.add(ApprovedMemberFactory(), ApprovedMemberFactory())
    RsvpFactory.create_batch(3, event=event, status="going")
    response = sign_in_as(client, who, event).get(f"/en/events/{event.pk}/")
    assert response.context["event"].going == 3


# Organizing pages: 404 for members, sign-in for strangers, open for the event's organizers

ORGANIZING_PAGES = [
    "dashboard/",
    "attendees/",
    "check-in/",
    "check-in/code/{code}/",
    "edit/",
    "sessions/new/",
    "sessions/{session}/edit/",
]


def page_path(setting, page: str) -> str:
    filled = page.format(code=setting.rsvp.checkin_code, session=setting.session.pk)
    return f"/en/events/{setting.event.pk}/{filled}"


@pytest.mark.django_db
@pytest.mark.parametrize("page", ORGANIZING_PAGES)
@pytest.mark.parametrize("who", ["approved member", "pending member", "organizer of another event"])
def test_organizing_page_is_404_for_anyone_not_organizing_the_event(client, setting, who, page):
    response = sign_in_as(client, who, setting.event).get(page_path(setting, page))
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("page", ORGANIZING_PAGES)
def test_organizing_page_sends_strangers_to_sign_in(client, setting, page):
    path = page_path(setting, page)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={quote(path)}"


@pytest.mark.django_db
@pytest.mark.parametrize("page", ORGANIZING_PAGES)
def test_organizing_page_opens_for_the_event_organizer_with_mfa(client, setting, page):
    client.force_login(event_organizer(setting.event))
    response = client.get(page_path(setting, page))
    assert response.status_code == 200
    assert response.context["event"] == setting.event


@pytest.mark.django_db
@pytest.mark.parametrize("page", ORGANIZING_PAGES)
def test_organizing_page_opens_for_an_organizer_of_all_events(organizer_client, setting, page):
    response = organizer_client.get(page_path(setting, page))
    assert response.status_code == 200
    assert response.context["event"] == setting.event


@pytest.mark.django_db
@pytest.mark.parametrize("page", ORGANIZING_PAGES)
@pytest.mark.parametrize("role", ["event organizer", "organizer of all events"])
def test_organizing_page_sends_organizer_without_mfa_to_totp_setup(client, setting, role, page):
    person = (
        event_organizer(setting.event, mfa=False)
        if role == "event organizer"
        else OrganizerFactory(mfa=False)
    )
    client.force_login(person)
    path = page_path(setting, page)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/totp/activate/?" + urlencode({"next": path})


@pytest.mark.django_db
def test_organize_box_on_event_page_only_for_organizers(client, setting):
    html = page_html(client, f"/en/events/{setting.event.pk}/")
    assert f"/en/events/{setting.event.pk}/dashboard/" not in html
    client.force_login(event_organizer(setting.event))
    html = page_html(client, f"/en/events/{setting.event.pk}/")
    assert f"/en/events/{setting.event.pk}/dashboard/" in html


# Organizing actions: refused, and nothing changes

EDIT_DATA = {
    "kind": "meeting", "title_en": "Renamed meeting", "starts_at": "2030-06-01T10:00",
    "ends_at": "2030-06-01T14:00", "time_zone": "Europe/Berlin", "modality": "in_person",
    "venue": "Elsewhere", "city": "Berlin", "country": "DE", "in_english": "on",
    "visibility": "public",
}  # fmt: skip
SESSION_DATA = {
    "title_en": "Added", "starts_at": "2030-06-01T10:00", "ends_at": "2030-06-01T11:00",
    "language": "en",
}  # fmt: skip

# name: (path under the event, data posted, whether the action took effect)
ACTIONS = {
    "cancel": (
        "cancel/",
        {"confirmed": "1", "message": "Sorry."},
        lambda s: Event.objects.get(pk=s.event.pk).status == "cancelled",
    ),
    "postpone": (
        "postpone/",
        {"confirmed": "1"},
        lambda s: Event.objects.get(pk=s.event.pk).status == "postponed",
    ),
    "edit": (
        "edit/",
        EDIT_DATA,
        lambda s: Event.objects.get(pk=s.event.pk).venue == "Elsewhere",
    ),
    "add session": (
        "sessions/new/",
        SESSION_DATA,
        lambda s: Session.objects.filter(event=s.event, title_en="Added").exists(),
    ),
    "edit session": (
        "sessions/{session}/edit/",
        {**SESSION_DATA, "title_en": "Renamed"},
        lambda s: Session.objects.get(pk=s.session.pk).title_en == "Renamed",
    ),
    "delete session": (
        "sessions/{session}/delete/",
        {"confirmed": "1"},
        lambda s: not Session.objects.filter(pk=s.session.pk).exists(),
    ),
    "check in": (
        "check-in/{rsvp}/",
        {},
        lambda s: Rsvp.objects.get(pk=s.rsvp.pk).checked_in_at is not None,
    ),
    "check in by code": (
        "check-in/code/{code}/",
        {},
        lambda s: Rsvp.objects.get(pk=s.rsvp.pk).checked_in_at is not None,
    ),
    "undo check-in": (
        "check-in/{checked}/",
        {"undo": "1", "confirmed": "1"},
        lambda s: Rsvp.objects.get(pk=s.checked.pk).checked_in_at is None,
    ),
}


def action_path(setting, action: str) -> str:
    path = ACTIONS[action][0].format(
        session=setting.session.pk,
        rsvp=setting.rsvp.pk,
        code=setting.rsvp.checkin_code,
        checked=setting.checked.pk,
    )
    return f"/en/events/{setting.event.pk}/{path}"


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("who", ["approved member", "pending member", "organizer of another event"])
def test_organizing_action_is_404_for_others_and_changes_nothing(client, setting, who, action):
    _path, data, took_effect = ACTIONS[action]
    response = sign_in_as(client, who, setting.event).post(action_path(setting, action), data)
    assert response.status_code == 404
    assert took_effect(setting) is False
    assert not EventChange.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS)
def test_organizing_action_sends_strangers_to_sign_in_and_changes_nothing(client, setting, action):
    _path, data, took_effect = ACTIONS[action]
    path = action_path(setting, action)
    response = client.post(path, data)
    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={quote(path)}"
    assert took_effect(setting) is False
    assert not EventChange.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS)
def test_organizing_action_by_organizer_without_mfa_changes_nothing(client, setting, action):
    _path, data, took_effect = ACTIONS[action]
    client.force_login(event_organizer(setting.event, mfa=False))
    response = client.post(action_path(setting, action), data)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/2fa/totp/activate/?next=")
    assert took_effect(setting) is False


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS)
def test_organizing_action_by_the_event_organizer_takes_effect(client, setting, action):
    _path, data, took_effect = ACTIONS[action]
    if action.startswith("check in"):
        # Check-in opens only on the event's day (Event.checkin_opens_at): today, here.
        now = timezone.now()
        moved = {"starts_at": now, "ends_at": now + (ENDS - STARTS)}
        Event.objects.filter(pk=setting.event.pk).update(**moved)
    client.force_login(event_organizer(setting.event))
    response = client.post(action_path(setting, action), data)
    assert response.status_code == 302
    assert took_effect(setting) is True


# The meeting link


@pytest.fixture
def online_event(db):
    return EventFactory(modality="online", venue="", city="", meeting_link=SECRET_LINK)


@pytest.mark.django_db
@pytest.mark.parametrize("answer", [None, "waitlisted", "maybe", "not_going"])
def test_meeting_link_is_hidden_from_members_not_going(client, online_event, answer):
    viewer = ApprovedMemberFactory()
    if answer is not None:
        RsvpFactory(
            event=online_event,
            member=viewer,
            status=answer,
            waitlisted_at=timezone.now() if answer == "waitlisted" else None,
        )
    client.force_login(viewer)
    html = page_html(client, f"/en/events/{online_event.pk}/")
    assert "meet.example.org" not in html
    assert "Shown to confirmed attendees." in html


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["", "programme/"])
def test_meeting_link_is_hidden_from_strangers(client, online_event, page):
    html = page_html(client, f"/en/events/{online_event.pk}/{page}")
    assert "meet.example.org" not in html


@pytest.mark.django_db
def test_meeting_link_is_absent_from_the_upcoming_list(client, online_event):
    response = client.get("/en/events/")
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [online_event]
    assert "meet.example.org" not in response.content.decode()


@pytest.mark.django_db
def test_meeting_link_is_shown_to_a_member_going(member_client, member, online_event):
    RsvpFactory(event=online_event, member=member, status="going")
    html = page_html(member_client, f"/en/events/{online_event.pk}/")
    assert f'href="{SECRET_LINK}"' in html
    assert "Shown to confirmed attendees." not in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["event organizer", "organizer of all events"])
def test_meeting_link_is_shown_to_organizers(client, online_event, role):
    client.force_login(
        event_organizer(online_event) if role == "event organizer" else OrganizerFactory()
    )
    html = page_html(client, f"/en/events/{online_event.pk}/")
    assert f'href="{SECRET_LINK}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["event organizer", "organizer of all events"])
def test_meeting_link_and_organize_box_wait_for_two_factor(client, online_event, role):
    client.force_login(
        event_organizer(online_event, mfa=False)
        if role == "event organizer"
        else OrganizerFactory(mfa=False)
    )
    html = page_html(client, f"/en/events/{online_event.pk}/")
    assert "meet.example.org" not in html
    assert f"/en/events/{online_event.pk}/dashboard/" not in html


# Accessibility needs


@pytest.mark.django_db
def test_accessibility_needs_reach_the_organizers_attendee_list_only(client, event):
    attendee = ApprovedMemberFactory()
    client.force_login(attendee)
    answered = client.post(
        f"/en/events/{event.pk}/answer/",
        {"answer": "going", "accessibility_needs": NEEDS, "listed_consent": "on"},
    )
    assert answered.status_code == 302
    assert Rsvp.objects.get(event=event, member=attendee).accessibility_needs == NEEDS
    organizer = event_organizer(event)

    client.force_login(organizer)
    assert NEEDS in page_html(client, f"/en/events/{event.pk}/attendees/")
    assert NEEDS not in page_html(client, f"/en/events/{event.pk}/")
    client.force_login(ApprovedMemberFactory())
    assert NEEDS not in page_html(client, f"/en/events/{event.pk}/")
    client.logout()
    assert NEEDS not in page_html(client, f"/en/events/{event.pk}/")
    assert NEEDS not in page_html(client, f"/en/events/{event.pk}/programme/")
