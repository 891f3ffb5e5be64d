"""A member without a display name is never shown by their email address where other people
read a name: programme page and API, comments, a co-host's attendee list (members/models.py)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import translation

from events.models import ProposalComment, Session
from events.services.rsvps import rsvp_set
from members.models import User
from tests.factories import (
    ApprovedMemberFactory,
    CoordinatorMembershipFactory,
    EventFactory,
    GroupFactory,
    ProposalFactory,
)

ADDRESS = "nameless@tadamun.example"


@pytest.fixture
def nameless(db):
    member = ApprovedMemberFactory(email=ADDRESS)
    User.objects.filter(pk=member.pk).update(display_name="")  # as old rows or scripts may
    member.refresh_from_db()
    return member


def test_a_member_without_a_display_name_reads_as_unnamed_not_as_their_address(nameless):
    with translation.override("en"):
        assert str(nameless) == "Unnamed member"
    with translation.override("fa"):
        assert str(nameless) == "عضو بی‌نام"


def test_the_programme_page_and_api_never_show_a_speakers_address(client, nameless):
    event = EventFactory()
    session = Session.objects.create(
        event=event,
        title_en="Opening",
        starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(hours=1),
        language="en",
    )
    session.speakers.add(nameless)

    page = client.get(f"/en/events/{event.pk}/programme/").content.decode()
    api = client.get(f"/api/v1/events/{event.pk}/programme/", {"lang": "en"})

    assert ADDRESS not in page
    assert "Unnamed member" in page
    assert ADDRESS not in api.content.decode()
    assert api.json()["sessions"][0]["speakers"] == ["Unnamed member"]


def test_a_comment_by_a_member_without_a_name_does_not_show_their_address(nameless):
    proposal = ProposalFactory()
    ProposalComment.objects.create(proposal=proposal, author=nameless, body="Which city?")
    reader = Client()
    reader.force_login(proposal.proposer)

    page = reader.get(f"/en/proposals/{proposal.pk}/").content.decode()

    assert "Which city?" in page
    assert ADDRESS not in page
    assert "Unnamed member" in page


def test_a_cohosts_attendee_list_does_not_show_an_address(nameless):
    group = GroupFactory()
    event = EventFactory()
    event.cohost_groups.add(group)
    rsvp_set(event=event, member=nameless, answer="going", shared_with_group_ids=[group.pk])
    coordinator = Client()
    coordinator.force_login(CoordinatorMembershipFactory(group=group).member)

    response = coordinator.get(f"/en/groups/{group.slug}/events/{event.pk}/attendees/")

    assert response.status_code == 200
    assert ADDRESS not in response.content.decode()
    assert "Unnamed member" in response.content.decode()
