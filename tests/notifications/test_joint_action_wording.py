"""The joint actions' mails read well in Arabic, whatever the inserted names: a group's name
stands alone (no case ending can be given to it), no verb takes a person's gender, labels have
their colon, and a change is not put on the organizers when a co-host's coordinator made it."""

import pytest
from django.core import mail

from events.models import ProposalInvitation
from events.services.events import event_update
from events.services.proposals import proposal_submit
from events.services.rsvps import rsvp_set
from members.services_groups import group_membership_decide, group_membership_request
from tests.factories import (
    ApprovedMemberFactory,
    CoordinatorMembershipFactory,
    EventFactory,
    GroupFactory,
    ProposalFactory,
)

SYRIANS = "الاشتراكيون السوريون"


@pytest.fixture
def syrians(db):
    return GroupFactory(name_ar=SYRIANS, name_en="Syrian socialists")


def test_welcome_to_a_group_puts_its_name_after_a_colon_free_of_case(
    syrians, django_capture_on_commit_callbacks
):
    coordinator = CoordinatorMembershipFactory(group=syrians).member
    member = ApprovedMemberFactory(preferred_language="ar")
    membership = group_membership_request(group=syrians, member=member)
    with django_capture_on_commit_callbacks(execute=True):
        group_membership_decide(membership=membership, coordinator=coordinator, accept=True)
    (welcome,) = [message for message in mail.outbox if message.to == [member.email]]
    assert welcome.subject == f"أهلًا بك في المجموعة «{SYRIANS}»"
    assert f"منسِّقو المجموعة «{SYRIANS}»" in welcome.body


def test_an_invitation_in_arabic_names_the_proposer_without_a_gendered_verb(
    syrians, django_capture_on_commit_callbacks
):
    coordinator = CoordinatorMembershipFactory(
        group=syrians, member=ApprovedMemberFactory(preferred_language="ar")
    ).member
    proposal = ProposalFactory(state="draft", proposer=ApprovedMemberFactory(display_name="ليلى"))
    ProposalInvitation.objects.create(proposal=proposal, group=syrians)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_submit(proposal=proposal, by=proposal.proposer)
    (invitation,) = [message for message in mail.outbox if message.to == [coordinator.email]]
    assert "يدعو" not in invitation.body
    assert "الدعوة من: ليلى" in invitation.body
    assert f"مجموعتك «{SYRIANS}»" in invitation.body


def test_the_co_hosts_label_has_its_colon_in_arabic_mails(
    syrians, django_capture_on_commit_callbacks
):
    event = EventFactory()
    event.cohost_groups.add(syrians)
    member = ApprovedMemberFactory(preferred_language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=event, member=member, answer="going")
    (message,) = mail.outbox
    assert f"المجموعات المضيفة: {SYRIANS}" in message.body
    assert f"المجموعات المضيفة: <bdi>{SYRIANS}</bdi>" in message.alternatives[0][0]


def test_a_change_by_a_co_hosts_coordinator_is_not_said_to_be_the_organizers(
    syrians, django_capture_on_commit_callbacks
):
    event = EventFactory(venue="Union hall")
    event.cohost_groups.add(syrians)
    coordinator = CoordinatorMembershipFactory(group=syrians).member
    rsvp_set(event=event, member=ApprovedMemberFactory(), answer="going")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_update(event=event, editor=coordinator, fields={"city": "Hamburg"})
    (message,) = mail.outbox
    assert message.body.split("\n\n")[1].startswith("Changes were made to an event you answered:")
    assert "organizers" not in message.body.lower()
