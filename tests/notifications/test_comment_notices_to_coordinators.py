"""The coordinators of the groups invited to co-host a proposal hear of its discussion."""

import pytest
from django.core import mail
from django.utils import timezone

from events.models import ProposalInvitation
from events.services.proposals import proposal_comment
from tests.factories import (
    ApprovedMemberFactory,
    CoordinatorMembershipFactory,
    GroupFactory,
    GroupMembershipFactory,
    ProposalFactory,
)


def invite(proposal, group, **answer) -> ProposalInvitation:
    return ProposalInvitation.objects.create(proposal=proposal, group=group, **answer)


@pytest.mark.django_db
def test_comment_reaches_each_invited_groups_coordinators_once_in_their_language(
    django_capture_on_commit_callbacks,
):
    syrian, iranian, declining = GroupFactory(), GroupFactory(), GroupFactory()
    layla = ApprovedMemberFactory(preferred_language="ar", email="layla@tadamun.example")
    reza = ApprovedMemberFactory(preferred_language="fa", email="reza@tadamun.example")
    # Layla coordinates two invited groups: one message still.
    CoordinatorMembershipFactory(group=syrian, member=layla)
    CoordinatorMembershipFactory(group=iranian, member=layla)
    CoordinatorMembershipFactory(group=iranian, member=reza)
    GroupMembershipFactory(group=iranian, member=ApprovedMemberFactory())  # not a coordinator
    gone = CoordinatorMembershipFactory(group=declining).member
    proposal = ProposalFactory(
        proposer=ApprovedMemberFactory(email="sam@tadamun.example"),
        state="submitted",
        submitted_at=timezone.now(),
        title_ar="مؤتمر مشترك",
        title_fa="کنفرانس مشترک",
    )
    invite(proposal, syrian)
    invite(proposal, iranian, status="joined", answered_by=reza, answered_at=timezone.now())
    invite(
        proposal,
        declining,
        status="declined",
        reason="Not this year.",
        answered_by=gone,
        answered_at=timezone.now(),
    )
    author = ApprovedMemberFactory()

    with django_capture_on_commit_callbacks(execute=True):
        proposal_comment(proposal=proposal, author=author, body="Who books the hall?")

    by_address = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 3
    assert sorted(by_address) == [
        "layla@tadamun.example",
        "reza@tadamun.example",
        "sam@tadamun.example",
    ]
    assert by_address["layla@tadamun.example"].subject == "تعليق جديد على «مؤتمر مشترك»"
    assert "تعليق جديد من" in by_address["layla@tadamun.example"].body
    assert by_address["reza@tadamun.example"].subject == "نظر جدید دربارهٔ «کنفرانس مشترک»"
    assert "Who books the hall?" in by_address["reza@tadamun.example"].body


@pytest.mark.django_db
def test_coordinator_is_not_told_of_their_own_comment(django_capture_on_commit_callbacks):
    group = GroupFactory()
    coordinator = CoordinatorMembershipFactory(group=group).member
    proposal = ProposalFactory(state="submitted", submitted_at=timezone.now())
    invite(proposal, group)

    with django_capture_on_commit_callbacks(execute=True):
        proposal_comment(proposal=proposal, author=coordinator, body="We are in.")

    assert [message.to[0] for message in mail.outbox] == [proposal.proposer.email]
