"""What an accepted joint action tells about its event, and what a member's data download says
about the groups they shared their name with (issue 13)."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils import timezone

from events.models import ProposalInvitation
from events.services.rsvps import rsvp_set
from members.selectors import member_data_export
from tests.factories import (
    ApprovedMemberFactory,
    CoordinatorMembershipFactory,
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    MemberFactory,
    ProposalFactory,
)

TITLE = "Closed assembly of the co-hosts"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def accepted_proposal(event, **fields):
    return ProposalFactory(
        title_en=TITLE,
        state="accepted",
        submitted_at=datetime(2030, 12, 1, tzinfo=UTC),
        decided_at=datetime(2030, 12, 2, tzinfo=UTC),
        event=event,
        **fields,
    )


def proposal_page(user, proposal) -> tuple[int, str]:
    response = signed_in(user).get(f"/en/proposals/{proposal.pk}/")
    return response.status_code, response.content.decode()


@pytest.fixture
def invite_only(db):
    """An accepted joint action whose event is for its co-hosting group only; a second group
    was invited too and declined."""
    cohost, declined = GroupFactory(), GroupFactory()
    event = EventFactory(visibility="invite", title_en=TITLE)
    event.cohost_groups.add(cohost)
    proposal = accepted_proposal(event)
    ProposalInvitation.objects.create(
        proposal=proposal,
        group=cohost,
        status="joined",
        answered_by=CoordinatorMembershipFactory(group=cohost).member,
        answered_at=timezone.now(),
    )
    ProposalInvitation.objects.create(
        proposal=proposal,
        group=declined,
        status="declined",
        reason="We cannot travel then.",
        answered_by=CoordinatorMembershipFactory(group=declined).member,
        answered_at=timezone.now(),
    )
    return proposal, cohost, declined


def test_accepted_proposal_of_an_invite_only_event_is_404_for_other_members(invite_only):
    proposal, _cohost, _declined = invite_only

    status, html = proposal_page(ApprovedMemberFactory(), proposal)

    assert status == 404
    assert TITLE not in html
    assert f"/events/{proposal.event_id}/" not in html


def test_members_of_the_invited_group_see_the_accepted_proposal_and_its_event(invite_only):
    proposal, cohost, _declined = invite_only

    status, html = proposal_page(GroupMembershipFactory(group=cohost).member, proposal)

    assert status == 200
    assert TITLE in html
    assert f'href="/en/events/{proposal.event_id}/"' in html


@pytest.mark.parametrize("who", ["proposer", "coordinator of the declining group"])
def test_proposal_page_links_no_invite_only_event_its_reader_cannot_see(invite_only, who):
    proposal, _cohost, declined = invite_only
    reader = {
        "proposer": proposal.proposer,
        "coordinator of the declining group": declined.memberships.get().member,
    }[who]

    status, html = proposal_page(reader, proposal)

    # They knew of the proposal before it was accepted, but not of the event made of it.
    assert status == 200
    assert f"/events/{proposal.event_id}/" not in html
    assert "See the published event" not in html


def test_accepted_proposal_of_a_members_only_event_is_shown_to_approved_members_only(db):
    proposal = accepted_proposal(EventFactory(visibility="members"))

    approved_status, approved_html = proposal_page(ApprovedMemberFactory(), proposal)
    pending_status, _pending_html = proposal_page(MemberFactory(), proposal)

    assert approved_status == 200
    assert f'href="/en/events/{proposal.event_id}/"' in approved_html
    assert pending_status == 404


def test_data_download_lists_the_groups_each_answer_shared_the_name_with(db):
    shown, kept_from = GroupFactory(slug="shown-to"), GroupFactory(slug="kept-from")
    joint = EventFactory(title_en="Joint rally")
    joint.cohost_groups.add(shown, kept_from)
    alone = EventFactory(title_en="Reading circle")
    member = ApprovedMemberFactory()
    rsvp_set(event=joint, member=member, answer="going", shared_with_group_ids=[shown.pk])
    rsvp_set(event=alone, member=member, answer="maybe")

    answers = member_data_export(member=member)["event_answers"]

    shared = {answer["event"]: answer["name_shared_with_groups"] for answer in answers}
    assert shared == {"Joint rally": ["shown-to"], "Reading circle": []}
