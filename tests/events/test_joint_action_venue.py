"""A joint action's exact address (issue 13): held back from co-hosts' coordinators until its
release, and kept to those planning a proposal while it is weighed; the groups' deadline shown
with its zones; free texts of only invisible characters."""

from datetime import UTC, datetime, timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.db.models import Value
from django.test import Client
from django.utils import timezone, translation

from events.forms.event import AcceptProposalForm, SessionForm
from events.forms.groups import GroupForm, InvitationAnswerForm
from events.models import Event, Proposal, ProposalInvitation, Session
from events.selectors.venue import member_confirmed, with_venue_shown
from events.services.feed_tokens import feed_token_create
from notifications.models import Delivery
from notifications.tasks import send_deliveries
from tests.events.test_event_changes import edit_data, wall_clock
from tests.factories import (
    ApprovedMemberFactory,
    CoordinatorMembershipFactory,
    EventFactory,
    GroupFactory,
    OrganizerFactory,
    ProposalFactory,
    RsvpFactory,
)

VENUE = "Back room of the print shop, Sonnenallee 40"
INVISIBLE = "\u200b\u200c"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def with_two_factor(user):
    TOTP.activate(user, generate_totp_secret())
    return user


def _text(response) -> str:
    return response.content.decode().replace("\r\n ", "").replace("\\,", ",")


@pytest.fixture(params=["before", "after"])
def joint(request, db):
    """A joint action holding its address back 3 hours, released or not yet; its organizer and
    the coordinator of its co-hosting group, both with two-factor authentication."""
    starts_at = timezone.now() + (
        timedelta(hours=2) if request.param == "after" else timedelta(days=2)
    )
    event = EventFactory(
        venue=VENUE,
        venue_release_hours=3,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
    )
    Session.objects.create(
        event=event, title_en="Opening", starts_at=event.starts_at, ends_at=event.ends_at
    )
    organizer = with_two_factor(ApprovedMemberFactory())
    event.organizers.add(organizer)
    coordinator = CoordinatorMembershipFactory()
    event.cohost_groups.add(coordinator.group)
    with_two_factor(coordinator.member)
    proposal = ProposalFactory(
        state="accepted", event=event, venue=VENUE, modality="in_person", decided_at=timezone.now()
    )
    ProposalInvitation.objects.create(
        proposal=proposal,
        group=coordinator.group,
        status="joined",
        answered_by=coordinator.member,
        answered_at=timezone.now(),
    )
    return event, organizer, coordinator.member, proposal, request.param == "after"


def _surfaces(event, proposal, group) -> dict[str, str]:
    return {
        "page": f"/en/events/{event.pk}/",
        "programme": f"/en/events/{event.pk}/programme/",
        "event .ics": f"/en/calendar/events/{event.pk}/event.ics",
        "programme .ics": f"/en/calendar/events/{event.pk}/event.ics?sessions=1",
        "proposal page": f"/en/proposals/{proposal.pk}/",
        "edit form": f"/en/events/{event.pk}/edit/",
        "group page": f"/en/groups/{group.slug}/",
        "co-host attendees": f"/en/groups/{group.slug}/events/{event.pk}/attendees/",
    }


def test_cohost_coordinator_never_sees_the_address_held_back_from_them(joint):
    event, _organizer, coordinator, proposal, released = joint
    group = event.cohost_groups.get()
    client = signed_in(coordinator)
    found = {}
    for surface, path in _surfaces(event, proposal, group).items():
        response = client.get(path)
        assert response.status_code == 200, surface
        found[surface] = VENUE in _text(response)
    # Once released, the edit form carries it (they may correct it); nowhere else, as they are
    # not going.
    assert found == {surface: released and surface == "edit form" for surface in found}


def test_cohost_coordinator_going_sees_the_address_once_released(joint):
    event, _organizer, coordinator, _proposal, released = joint
    RsvpFactory(event=event, member=coordinator, status="going")
    client = signed_in(coordinator)
    for path in (f"/en/events/{event.pk}/", f"/en/calendar/events/{event.pk}/event.ics"):
        assert (VENUE in _text(client.get(path))) is released
    token = feed_token_create(member=coordinator)
    assert (VENUE in _text(Client().get(f"/en/calendar/private/{token}.ics"))) is released


def test_the_events_organizer_sees_the_address_before_and_after(joint):
    event, organizer, _coordinator, proposal, _released = joint
    client = signed_in(organizer)
    for path in (
        f"/en/events/{event.pk}/",
        f"/en/calendar/events/{event.pk}/event.ics",
        f"/en/proposals/{proposal.pk}/",
        f"/en/events/{event.pk}/edit/",
    ):
        assert VENUE in _text(client.get(path)), path


def test_cohost_form_leaves_the_held_address_out_until_released(joint):
    event, _organizer, coordinator, _proposal, released = joint
    response = signed_in(coordinator).get(f"/en/events/{event.pk}/edit/")
    assert ("venue" in response.context["form"].fields) is released
    assert "city" in response.context["form"].fields


@pytest.mark.django_db
def test_cohost_posting_a_venue_before_the_release_changes_nothing_of_it():
    starts_at = timezone.now() + timedelta(days=2)
    event = EventFactory(
        venue=VENUE,
        venue_release_hours=3,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
    )
    coordinator = CoordinatorMembershipFactory()
    event.cohost_groups.add(coordinator.group)
    with_two_factor(coordinator.member)
    data = edit_data(event, venue="Elsewhere", city="Potsdam")
    response = signed_in(coordinator.member).post(f"/en/events/{event.pk}/edit/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.venue, event.city) == (VENUE, "Potsdam")


def test_event_page_tells_the_coordinator_who_sees_the_address(joint):
    event, _organizer, coordinator, _proposal, released = joint
    page = signed_in(coordinator).get(f"/en/events/{event.pk}/").content.decode()
    assert ('id="cohost-venue-note"' in page) is not released


# A proposal being weighed.


@pytest.fixture
def weighed(db):
    group = GroupFactory()
    proposal = ProposalFactory(
        state="under_review", venue=VENUE, city="Erbil", modality="in_person",
        submitted_at=timezone.now(),
    )  # fmt: skip
    ProposalInvitation.objects.create(proposal=proposal, group=group)
    return proposal, group


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("proposer", True),
        ("co-proposer", True),
        ("reviewer", True),
        ("invited coordinator", True),
        ("member", False),
        ("invited group's member", False),
        ("reviewer without two-factor", False),
    ],
)
def test_proposal_address_only_for_those_planning_it(weighed, who, sees):
    proposal, group = weighed
    if who == "co-proposer":
        reader = ApprovedMemberFactory()
        proposal.co_proposers.add(reader)
    else:
        reader = {
            "proposer": lambda: proposal.proposer,
            "reviewer": OrganizerFactory,
            "invited coordinator": lambda: CoordinatorMembershipFactory(group=group).member,
            "member": ApprovedMemberFactory,
            "invited group's member": lambda: (
                CoordinatorMembershipFactory(group=group, role="member").member
            ),
            "reviewer without two-factor": lambda: OrganizerFactory(mfa=False),
        }[who]()
    response = signed_in(reader).get(f"/en/proposals/{proposal.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert (VENUE in page) is sees
    assert "Erbil" in page
    assert ('id="venue-withheld"' in page) is not sees


def test_proposal_note_says_who_gets_the_address_in_the_readers_language(weighed):
    proposal, _group = weighed
    page = signed_in(ApprovedMemberFactory(preferred_language="ar")).get(
        f"/ar/proposals/{proposal.pk}/"
    )
    text = page.content.decode()
    assert VENUE not in text
    assert "لا يُشارَك المكان الدقيق إلا مع المنظِّمين ومنسِّقي المجموعات المدعوّة." in text


# The calendar feeds' question, asked without arithmetic on durations (SQLite has none).


@pytest.mark.django_db
def test_venue_shown_is_asked_without_duration_arithmetic():
    EventFactory(venue_release_hours=3)
    events = with_venue_shown(
        Event.objects.annotate(member_status=Value("going")),
        at=timezone.now(),
        confirmed=member_confirmed(),
    )
    sql = str(events.query).lower()
    assert "interval" not in sql
    assert '"venue_release_hours" *' not in sql


@pytest.mark.django_db
def test_venue_shown_follows_each_events_own_release_time():
    now = timezone.now()

    def held(hours, starts_in):
        starts_at = now + timedelta(hours=starts_in)
        return EventFactory(
            venue_release_hours=hours, starts_at=starts_at, ends_at=starts_at + timedelta(hours=1)
        )

    rows = {
        "nothing held": held(None, 72),
        "3h, in 2h": held(3, 2),
        "3h, in 4h": held(3, 4),
        "48h, in 47h": held(48, 47),
        "48h, in 49h": held(48, 49),
    }
    events = with_venue_shown(
        Event.objects.annotate(member_status=Value("going")), at=now, confirmed=member_confirmed()
    )
    shown = dict(events.values_list("pk", "shows_venue"))
    assert {name: shown[event.pk] for name, event in rows.items()} == {
        "nothing held": True,
        "3h, in 2h": True,
        "3h, in 4h": False,
        "48h, in 47h": True,
        "48h, in 49h": False,
    }


# Free texts of only invisible characters.


@pytest.mark.django_db
def test_event_edit_treats_an_invisible_venue_city_and_description_as_empty(client):
    organizer = with_two_factor(ApprovedMemberFactory())
    event = EventFactory(venue=VENUE, description_ar="نص")
    event.organizers.add(organizer)
    client.force_login(organizer)
    data = edit_data(
        event, venue=INVISIBLE, city=f" {INVISIBLE}Berlin\u200f ", description_ar=INVISIBLE
    )
    response = client.post(f"/en/events/{event.pk}/edit/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.venue, event.city, event.description_ar) == ("", "Berlin", None)


@pytest.mark.django_db
def test_cohost_form_treats_an_invisible_city_as_empty():
    event = EventFactory()
    coordinator = CoordinatorMembershipFactory()
    event.cohost_groups.add(coordinator.group)
    with_two_factor(coordinator.member)
    data = edit_data(event, venue=INVISIBLE, city=INVISIBLE)
    response = signed_in(coordinator.member).post(f"/en/events/{event.pk}/edit/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.venue, event.city) == ("", "")


@pytest.mark.django_db
def test_proposal_form_treats_an_invisible_venue_and_description_as_empty(client):
    proposer = ApprovedMemberFactory()
    client.force_login(proposer)
    starts = (timezone.now() + timedelta(days=20)).strftime("%Y-%m-%dT10:00")
    ends = (timezone.now() + timedelta(days=20)).strftime("%Y-%m-%dT12:00")
    response = client.post(
        "/en/proposals/new/",
        {
            "kind": "meeting", "title_en": "Assembly", "description_en": INVISIBLE,
            "starts_at": starts, "ends_at": ends, "time_zone": "Europe/Berlin",
            "modality": "in_person", "venue": INVISIBLE, "city": "Berlin", "country": "DE",
            "in_english": "on",
        },
    )  # fmt: skip
    assert response.status_code == 302
    proposal = Proposal.objects.get(proposer=proposer)
    assert (proposal.venue, proposal.description_en) == ("", None)


@pytest.mark.django_db
def test_session_room_of_invisible_characters_is_empty():
    starts_at = datetime(2030, 6, 1, 8, 0, tzinfo=UTC)
    event = EventFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=2))
    form = SessionForm(
        {
            "title_en": "Opening",
            "starts_at": wall_clock(event.starts_at, event.time_zone),
            "ends_at": wall_clock(event.ends_at, event.time_zone),
            "room": INVISIBLE,
            "language": "en",
        },
        event=event,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["room"] == ""


@pytest.mark.django_db
def test_group_description_of_invisible_characters_is_empty_and_others_keep_their_lines():
    form = GroupForm(
        {
            "name_en": "Workers", "description_en": "First line\n\n- a point",
            "description_ar": INVISIBLE, "in_english": "on", "country": "SY",
        }
    )  # fmt: skip
    assert form.is_valid(), form.errors
    assert form.cleaned_data["description_ar"] is None
    assert form.cleaned_data["description_en"] == "First line\n\n- a point"


def test_invisible_reasons_and_notes_are_empty_and_refused_where_needed():
    assert InvitationAnswerForm({"answer": "join", "reason": INVISIBLE}).is_valid()
    joined = InvitationAnswerForm({"answer": "join", "reason": INVISIBLE})
    joined.is_valid()
    assert joined.cleaned_data["reason"] == ""
    declined = InvitationAnswerForm({"answer": "decline", "reason": INVISIBLE})
    with translation.override("en"):
        assert declined.errors == {"reason": ["Say why your group declines."]}


@pytest.mark.django_db
def test_acceptance_note_of_invisible_characters_is_empty():
    proposal = ProposalFactory(state="under_review")
    form = AcceptProposalForm({"visibility": "members", "note": INVISIBLE}, proposal=proposal)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["note"] == ""


# The groups' deadline.


def _proposal_with_deadline(deadline):
    group = GroupFactory()
    coordinator = CoordinatorMembershipFactory(group=group).member
    coordinator.time_zone = "Europe/Berlin"
    coordinator.save(update_fields=["time_zone"])
    starts_at = max(deadline, timezone.now()) + timedelta(days=5)
    proposal = ProposalFactory(
        state="under_review", submitted_at=timezone.now(), time_zone="Asia/Tehran",
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=3), groups_deadline=deadline,
    )  # fmt: skip
    invitation = ProposalInvitation.objects.create(proposal=proposal, group=group)
    return proposal, invitation, coordinator


# 5 December 2030, 08:30 UTC: 12:00 in Tehran, 09:30 in Berlin.
DEADLINE = datetime(2030, 12, 5, 8, 30, tzinfo=UTC)


@pytest.mark.django_db
def test_groups_deadline_shows_the_readers_zone_and_the_events():
    proposal, _invitation, coordinator = _proposal_with_deadline(DEADLINE)
    client = signed_in(coordinator)
    for path in (
        f"/en/proposals/{proposal.pk}/",
        f"/en/groups/{proposal.invitations.get().group.slug}/requests/",
    ):
        page = client.get(path).content.decode()
        assert "09:30" in page, path
        assert "12:00" in page, path
        assert "Local time of the event" in page, path


@pytest.mark.django_db
def test_groups_deadline_in_the_invitation_mail_names_both_zones():
    _proposal, invitation, coordinator = _proposal_with_deadline(DEADLINE)
    delivery = Delivery.objects.create(
        key="invitation-test", kind="group_invitation", recipient=coordinator,
        context={"invitation_id": invitation.pk},
    )  # fmt: skip
    send_deliveries([delivery.pk])
    (message,) = mail.outbox
    assert "09:30" in message.body
    assert "Local time of the event: " in message.body
    assert "12:00" in message.body
    assert "<bdi>" not in message.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("passed", "label"), [(True, "No answer by the deadline"), (False, "Not answered yet")]
)
def test_unanswered_invitation_after_the_deadline_says_so(passed, label):
    deadline = timezone.now() + (timedelta(hours=-1) if passed else timedelta(days=1))
    proposal, _invitation, _coordinator = _proposal_with_deadline(deadline)
    page = signed_in(proposal.proposer).get(f"/en/proposals/{proposal.pk}/").content.decode()
    assert label in page
    other = "Not answered yet" if passed else "No answer by the deadline"
    assert other not in page


@pytest.mark.django_db
def test_no_answer_by_the_deadline_is_translated():
    proposal, _invitation, _coordinator = _proposal_with_deadline(
        timezone.now() - timedelta(hours=1)
    )
    proposer = proposal.proposer
    proposer.preferred_language = "fa"
    proposer.save(update_fields=["preferred_language"])
    page = signed_in(proposer).get(f"/fa/proposals/{proposal.pk}/").content.decode()
    assert "تا پایان مهلت پاسخ نداده" in page
