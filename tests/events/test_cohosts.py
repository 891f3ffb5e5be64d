"""A joint action once published (issue 13): organizers set its co-hosts, co-hosts' coordinators
edit its practical details, and its page, feeds and notices name the co-hosting groups."""

from datetime import UTC, datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from events.enums import InvitationStatus
from events.models import EventChange, Proposal, Session
from events.services.rsvps import rsvp_set
from tests.events.calendar_parsing import by_uid, parse
from tests.events.test_event_changes import edit_data, session_data
from tests.factories import (
    ApprovedMemberFactory,
    CoordinatorMembershipFactory,
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    OrganizerFactory,
)

STARTS = datetime(2030, 6, 1, 8, 0, tzinfo=UTC)
ENDS = datetime(2030, 6, 1, 14, 0, tzinfo=UTC)


@pytest.fixture
def cohosted(db):
    """An event in Tehran's zone co-hosted by a group, and that group's coordinator (with
    two-factor authentication, which editing an event's details asks of everyone)."""
    event = EventFactory(starts_at=STARTS, ends_at=ENDS, time_zone="Asia/Tehran", capacity=50)
    coordinator = CoordinatorMembershipFactory()
    event.cohost_groups.add(coordinator.group)
    TOTP.activate(coordinator.member, generate_totp_secret())
    return event, coordinator.member


@pytest.mark.django_db
def test_cohost_coordinator_without_two_factor_is_sent_to_set_it_up(client):
    event = EventFactory(starts_at=STARTS, ends_at=ENDS, venue="Union hall, 3rd floor")
    coordinator = CoordinatorMembershipFactory()
    event.cohost_groups.add(coordinator.group)
    client.force_login(coordinator.member)

    edit = client.get(f"/en/events/{event.pk}/edit/")
    page = client.get(f"/en/events/{event.pk}/").content.decode()

    assert edit.status_code == 302
    assert edit["Location"].startswith("/en/accounts/2fa/")
    assert f"/en/events/{event.pk}/edit/" not in page


def practical_data(event, **overrides) -> dict:
    full = edit_data(event)
    data = {name: full[name] for name in (
        "starts_at", "ends_at", "time_zone", "modality", "venue", "city", "country",
        "meeting_link", "capacity",
    )}  # fmt: skip
    data.update(overrides)
    return data


# Editing the practical details


@pytest.mark.django_db
def test_cohost_coordinator_edits_practical_details_and_the_change_is_logged(client, cohosted):
    event, coordinator = cohosted
    client.force_login(coordinator)
    response = client.post(
        f"/en/events/{event.pk}/edit/",
        practical_data(event, venue="Union hall", capacity="80", visibility="members"),
    )
    assert response["Location"] == f"/en/events/{event.pk}/"
    event.refresh_from_db()
    assert (event.venue, event.capacity, event.visibility) == ("Union hall", 80, "public")
    change = EventChange.objects.get(event=event)
    assert (change.kind, change.changed_by) == ("edited", coordinator)
    assert change.changes == {"venue": ["Community hall", "Union hall"], "capacity": [50, 80]}


@pytest.mark.django_db
def test_cohost_coordinator_gets_the_practical_form_only(client, cohosted):
    event, coordinator = cohosted
    client.force_login(coordinator)
    form = client.get(f"/en/events/{event.pk}/edit/").context["form"]
    assert list(form.fields) == [
        "starts_at", "ends_at", "time_zone", "modality", "venue", "city", "country",
        "meeting_link", "capacity",
    ]  # fmt: skip


@pytest.mark.django_db
def test_cohost_coordinator_adds_a_session_to_the_programme(client, cohosted):
    event, coordinator = cohosted
    client.force_login(coordinator)
    response = client.post(f"/en/events/{event.pk}/sessions/new/", session_data())
    assert response["Location"] == f"/en/events/{event.pk}/programme/"
    assert list(Session.objects.filter(event=event).values_list("title_en", flat=True)) == [
        "Opening plenary"
    ]


@pytest.mark.django_db
def test_event_page_offers_the_cohost_coordinator_the_practical_edit(client, cohosted):
    event, coordinator = cohosted
    client.force_login(coordinator)
    response = client.get(f"/en/events/{event.pk}/")
    assert (response.context["manages"], response.context["edits_details"]) == (False, True)
    page = response.content.decode()
    assert 'id="cohost-tools"' in page
    assert f'href="/en/events/{event.pk}/edit/"' in page
    assert f"/en/events/{event.pk}/cancel/" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["plain member", "coordinator elsewhere", "other member"])
def test_others_cannot_edit_a_cohosted_event(client, cohosted, who):
    event, _coordinator = cohosted
    visitor = {
        "plain member": lambda: GroupMembershipFactory(group=event.cohost_groups.get()).member,
        "coordinator elsewhere": lambda: CoordinatorMembershipFactory().member,
        "other member": ApprovedMemberFactory,
    }[who]()
    client.force_login(visitor)
    for page in ("edit/", "sessions/new/"):
        assert client.get(f"/en/events/{event.pk}/{page}").status_code == 404
    response = client.post(f"/en/events/{event.pk}/edit/", practical_data(event, venue="Elsewhere"))
    assert response.status_code == 404
    event.refresh_from_db()
    assert event.venue == "Community hall"


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["cancel/", "postpone/", "dashboard/", "attendees/"])
def test_cohost_coordinator_cannot_cancel_or_see_the_organizers_pages(client, cohosted, page):
    event, coordinator = cohosted
    client.force_login(coordinator)
    assert client.get(f"/en/events/{event.pk}/{page}").status_code == 404


@pytest.mark.django_db
def test_organizer_sets_the_cohosts_in_the_event_form_and_it_is_logged(organizer_client):
    event = EventFactory(starts_at=STARTS, ends_at=ENDS, time_zone="Asia/Tehran")
    first, second = GroupFactory(slug="a-group"), GroupFactory(slug="b-group")
    event.cohost_groups.add(first)
    organizer = OrganizerFactory()
    event.organizers.add(organizer)
    organizer_client.force_login(organizer)
    response = organizer_client.post(
        f"/en/events/{event.pk}/edit/", edit_data(event, cohost_groups=[second.pk])
    )
    assert response["Location"] == f"/en/events/{event.pk}/"
    assert list(event.cohost_groups.all()) == [second]
    change = EventChange.objects.get(event=event)
    assert (change.changed_by, change.changes) == (
        organizer,
        {"cohost_groups": [["a-group"], ["b-group"]]},
    )


# Naming the co-hosts


@pytest.mark.django_db
def test_feed_names_the_cohosts_and_changes_when_they_change(client):
    event = EventFactory(title_en="Joint rally")
    syrians = GroupFactory(name_en="Syrian socialists", name_ar="الاشتراكيون السوريون")
    event.cohost_groups.add(syrians)
    entry = by_uid(parse(client.get("/en/calendar/events.ics")))[f"event-{event.pk}@tadamun"]
    assert "Co-hosted by: Syrian socialists" in str(entry["DESCRIPTION"])
    arabic = by_uid(parse(client.get("/en/calendar/events.ics?lang=ar")))
    assert "الاشتراكيون السوريون" in str(arabic[f"event-{event.pk}@tadamun"]["DESCRIPTION"])

    event.cohost_groups.add(GroupFactory(name_en="Iranian socialists"))
    entry = by_uid(parse(client.get("/en/calendar/events.ics")))[f"event-{event.pk}@tadamun"]
    # In the groups' order (by short name): the second was made after the first.
    assert "Co-hosted by: Syrian socialists and Iranian socialists" in str(entry["DESCRIPTION"])
    syrians.name_en = "Syrian socialists (renamed)"
    syrians.save()
    entry = by_uid(parse(client.get("/en/calendar/events.ics")))[f"event-{event.pk}@tadamun"]
    assert "Syrian socialists (renamed)" in str(entry["DESCRIPTION"])


@pytest.mark.django_db
def test_feed_query_count_does_not_grow_with_cohosted_events(client, django_assert_max_num_queries):
    group = GroupFactory()
    for _ in range(3):
        EventFactory().cohost_groups.add(group)
    with django_assert_max_num_queries(8) as few:
        client.get("/en/calendar/events.ics")
    for _ in range(20):
        EventFactory().cohost_groups.add(group)
    cache.clear()
    with django_assert_max_num_queries(len(few)):
        client.get("/en/calendar/events.ics")


@pytest.mark.django_db
def test_answer_confirmation_mail_names_the_cohosts(django_capture_on_commit_callbacks):
    event = EventFactory()
    event.cohost_groups.add(GroupFactory(name_en="Syrian socialists"))
    member = ApprovedMemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=event, member=member, answer="going")
    (message,) = mail.outbox
    assert "Co-hosted by: Syrian socialists" in message.body
    assert "Syrian socialists" in message.alternatives[0][0]


@pytest.mark.django_db
def test_accepted_joint_action_is_listed_under_its_groups_filter(client):
    event = EventFactory(title_en="Joint rally")
    group = GroupFactory(slug="syrians")
    event.cohost_groups.add(group)
    EventFactory(title_en="Someone else's")
    response = client.get("/en/events/?group=syrians")
    assert list(response.context["page"].object_list) == [event]


# Demo data


@pytest.mark.django_db
def test_demo_data_has_a_joint_action_mid_decision(capsys):
    call_command("demo_data")
    call_command("demo_data")  # loading twice changes nothing
    (proposal,) = Proposal.objects.filter(invitations__isnull=False, state="submitted").distinct()
    statuses = list(proposal.invitations.order_by("pk").values_list("group__slug", "status"))
    assert statuses == [
        ("syrian-socialists", InvitationStatus.JOINED),
        ("iranian-socialists-in-exile", InvitationStatus.INVITED),
    ]
    joined = proposal.invitations.get(status="joined")
    assert joined.answered_by.group_memberships.get(group=joined.group).role == "coordinator"
    assert proposal.state == "submitted"
    assert timezone.now() < proposal.groups_deadline < proposal.starts_at


@pytest.mark.django_db
def test_demo_data_has_an_accepted_joint_action_cohosted_by_both_groups(capsys):
    call_command("demo_data")
    call_command("demo_data")  # loading twice changes nothing
    (proposal,) = Proposal.objects.filter(invitations__isnull=False, state="accepted").distinct()
    answers = {
        (invitation.group.slug, invitation.status, invitation.answered_by.email)
        for invitation in proposal.invitations.select_related("group", "answered_by")
    }
    assert answers == {
        ("syrian-socialists", InvitationStatus.JOINED, "layla@tadamun.example"),
        ("iranian-socialists-in-exile", InvitationStatus.JOINED, "reza@tadamun.example"),
    }
    cohosts = set(proposal.event.cohost_groups.values_list("slug", flat=True))
    assert cohosts == {"syrian-socialists", "iranian-socialists-in-exile"}
    assert (proposal.proposer.email, proposal.decided_by.email) == (
        "reza@tadamun.example",
        "organizer@tadamun.example",
    )
