"""Groups invited to co-host a proposed joint action, and their coordinators' answers (issue 13).

Both services lock the proposal before its invitations, as accepting it does
(events/services/proposals.py), so an answer and a decision taken at the same moment are taken
one after the other: the decision sees the answer, or the answer is told the proposal is
decided.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.enums import InvitationStatus, ProposalState
from events.errors import ProposalRefused
from events.models import Event, EventCohost, Proposal, ProposalInvitation
from events.selectors.invitations import ANSWERABLE_STATES, deadline_passed
from events.signals import proposal_invitation_answered
from members.models import AllianceGroup, User
from members.selectors_groups import coordinates_group
from members.validators import visible_or_empty


def _locked_proposal(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


@transaction.atomic
def proposal_invite_groups(
    *, proposal: Proposal, by: User, groups: Iterable[AllianceGroup]
) -> list[ProposalInvitation]:
    """Set the groups a draft invites to co-host it: new ones are invited, those left out are no
    longer. Any group may be invited; the proposers need not belong to it. Only the proposers,
    only while the proposal is a draft: its coordinators are told when it is submitted
    (`proposal_submit` sends `proposal_groups_invited`)."""
    locked = _locked_proposal(proposal)
    if not locked.is_proposed_by(by):
        raise ProposalRefused(
            _("Only the people who proposed this can invite groups to it."), code="not_yours"
        )
    if locked.state != ProposalState.DRAFT:
        raise ProposalRefused(
            _("Groups can be invited only while the proposal is a draft."), code="wrong_state"
        )
    wanted = {group.pk for group in groups}
    locked.invitations.exclude(group_id__in=wanted).delete()
    present = set(locked.invitations.values_list("group_id", flat=True))
    ProposalInvitation.objects.bulk_create(
        ProposalInvitation(proposal=locked, group_id=group_id)
        for group_id in sorted(wanted - present)
    )
    return list(locked.invitations.order_by("pk"))


@transaction.atomic
def invitation_answer(
    *, invitation: ProposalInvitation, coordinator: User, join: bool, reason: str = ""
) -> ProposalInvitation:
    """A coordinator of the invited group answers for it: join, or decline with a reason.

    Recorded with who and when; the proposers are told after commit
    (`proposal_invitation_answered`). Giving the same answer again changes nothing and tells no
    one again; a different answer once one is given is refused, as is any answer after the
    deadline or once the proposal is decided or withdrawn.
    """
    proposal = Proposal.objects.select_for_update().get(pk=invitation.proposal_id)
    locked = (
        ProposalInvitation.objects.select_for_update().select_related("group").get(pk=invitation.pk)
    )
    if not coordinates_group(coordinator, locked.group):
        raise ProposalRefused(
            _("Only the group's coordinators can answer for it."), code="not_coordinator"
        )
    status = InvitationStatus.JOINED if join else InvitationStatus.DECLINED
    if locked.status == status:
        return locked
    if locked.status != InvitationStatus.INVITED:
        raise ProposalRefused(
            _("Your group has already answered this invitation."), code="already_answered"
        )
    if proposal.state not in ANSWERABLE_STATES:
        raise ProposalRefused(
            _("This proposal is no longer waiting for the groups' answers."), code="closed"
        )
    if deadline_passed(proposal):
        raise ProposalRefused(
            _("The deadline for the groups' answers has passed."), code="deadline_passed"
        )
    reason = reason.replace("\r\n", "\n").strip() if not join else ""
    if not visible_or_empty(reason):  # only spaces or invisible characters say nothing
        reason = ""
    if not join and not reason:
        raise ProposalRefused(_("Say why your group declines."), code="reason_required")
    locked.status = status
    locked.reason = reason
    locked.answered_by = coordinator
    locked.answered_at = timezone.now()
    locked.full_clean()
    locked.save(update_fields=["status", "reason", "answered_by", "answered_at"])
    transaction.on_commit(
        lambda: proposal_invitation_answered.send(
            sender=ProposalInvitation, invitation_id=locked.pk
        )
    )
    return locked


def invitations_settle(*, proposal: Proposal, event: Event) -> list[int]:
    """On acceptance (inside `proposal_accept`, the proposal locked): the groups that joined
    co-host the event; those that have not answered are marked as not taking part. Returns the
    ids of the co-hosting groups."""
    invitations = proposal.invitations.select_for_update()
    invitations.filter(status=InvitationStatus.INVITED).update(
        status=InvitationStatus.NOT_TAKING_PART
    )
    joined = list(
        invitations.filter(status=InvitationStatus.JOINED)
        .order_by("pk")
        .values_list("group_id", flat=True)
    )
    present = set(EventCohost.objects.filter(event=event).values_list("group_id", flat=True))
    for group_id in joined:
        if group_id not in present:
            EventCohost.objects.create(event=event, group_id=group_id)
    return joined


def invitations_reopen(*, proposal: Proposal) -> int:
    """On reopening the review: groups marked as not taking part may answer again."""
    return proposal.invitations.filter(status=InvitationStatus.NOT_TAKING_PART).update(
        status=InvitationStatus.INVITED
    )
