"""Notices written when something happens (called from the signal receivers, after commit)."""

from django.contrib.auth.models import Permission
from django.db.models import Q

from events.enums import ChangeKind, InvitationStatus, RsvpStatus
from events.models import EventChange, Proposal, ProposalComment, ProposalInvitation, Rsvp
from events.selectors.invitations import ANSWERABLE_STATES
from events.selectors.rsvps import told_of_changes
from members.enums import GroupMembershipStatus, GroupRole
from members.models import GroupMembership, User
from notifications.enums import NoticeKind
from notifications.recipients import one_answer_per_address
from notifications.services.deliveries import Planned, deliveries_plan

CHANGE_KINDS = {
    ChangeKind.CANCELLED: NoticeKind.EVENT_CANCELLED,
    ChangeKind.POSTPONED: NoticeKind.EVENT_POSTPONED,
}
# Only these make an attendee's plans change; a corrected title does not fill inboxes.
NOTIFIED_FIELDS = {
    "starts_at", "ends_at", "time_zone", "venue", "city", "country", "modality",
    "meeting_link", "status",
}  # fmt: skip


def _who(rsvp: Rsvp) -> str:
    return f"m{rsvp.member_id}" if rsvp.member_id else f"g{rsvp.pk}"


def notice_rsvp_answered(*, rsvp_id: int) -> list[int]:
    """A confirmation of the answer's status; called only when the status changed (the
    receiver asks). Once per saved change: its key holds the time of the change."""
    rsvp = Rsvp.objects.filter(pk=rsvp_id).first()
    if rsvp is None or rsvp.status == RsvpStatus.NOT_GOING:
        return []
    stamp = int(rsvp.updated_at.timestamp() * 1000)
    return deliveries_plan(
        [
            Planned(
                key=f"rsvp:{rsvp.pk}:{rsvp.status}:{stamp}",
                kind=NoticeKind.RSVP_CONFIRMATION,
                recipient_id=rsvp.member_id,
                rsvp_id=rsvp.pk,
                event_id=rsvp.event_id,
                # What it confirms: not sent if the answer is another by then (composers.py).
                context={"status": rsvp.status},
            )
        ]
    )


def notice_rsvp_promoted(*, rsvp_id: int) -> list[int]:
    rsvp = Rsvp.objects.filter(pk=rsvp_id, status=RsvpStatus.GOING).first()
    if rsvp is None:
        return []
    stamp = int(rsvp.updated_at.timestamp() * 1000)
    return deliveries_plan(
        [
            Planned(
                key=f"promoted:{rsvp.pk}:{stamp}",
                kind=NoticeKind.WAITLIST_PROMOTION,
                recipient_id=rsvp.member_id,
                rsvp_id=rsvp.pk,
                event_id=rsvp.event_id,
            )
        ]
    )


def notice_event_changed(*, change_id: int, message: str = "") -> list[int]:
    """`message`: the organizers' own words for the attendees (cancelling, postponing), kept
    in each delivery's context and shown in every notice as written."""
    change = EventChange.objects.select_related("event").filter(pk=change_id).first()
    if change is None or not (NOTIFIED_FIELDS & change.changes.keys()):
        return []
    kind = CHANGE_KINDS.get(change.kind, NoticeKind.EVENT_CHANGED)
    answers = told_of_changes(change.event).select_related("member")
    context = {"change_id": change.pk, **({"message": message} if message else {})}
    return deliveries_plan(
        [
            Planned(
                key=f"change:{change.pk}:{_who(rsvp)}",
                kind=kind,
                recipient_id=rsvp.member_id,
                rsvp_id=rsvp.pk,
                event_id=change.event_id,
                context=context,
            )
            for rsvp in one_answer_per_address(answers)
        ]
    )


def notice_proposal_decided(*, proposal_id: int) -> list[int]:
    proposal = Proposal.objects.filter(pk=proposal_id, decided_at__isnull=False).first()
    if proposal is None:
        return []
    people = {proposal.proposer_id, *proposal.co_proposers.values_list("pk", flat=True)}
    stamp = int(proposal.decided_at.timestamp())
    return deliveries_plan(
        [
            Planned(
                key=f"decision:{proposal.pk}:{stamp}:m{member_id}",
                kind=NoticeKind.PROPOSAL_DECISION,
                recipient_id=member_id,
                context={"proposal_id": proposal.pk},
            )
            for member_id in sorted(people)
        ]
    )


def _reviewers() -> set[int]:
    permission = Permission.objects.get(
        content_type__app_label="events", codename="review_proposals"
    )
    return set(
        User.objects.filter(
            Q(groups__permissions=permission)
            | Q(user_permissions=permission)
            | Q(is_superuser=True),
            is_active=True,
            deleted_at__isnull=True,
        ).values_list("pk", flat=True)
    )


def _invited_coordinators(proposal: Proposal) -> set[int]:
    """The coordinators of the groups invited to co-host `proposal`, who follow its discussion
    to answer for their group; not of a group that declined, which has left the action."""
    invited = proposal.invitations.exclude(status=InvitationStatus.DECLINED).values("group_id")
    return set(
        GroupMembership.objects.filter(
            group_id__in=invited,
            role=GroupRole.COORDINATOR,
            status=GroupMembershipStatus.ACCEPTED,
            member__is_active=True,
            member__deleted_at__isnull=True,
        ).values_list("member_id", flat=True)
    )


def notice_proposal_commented(*, comment_id: int) -> list[int]:
    comment = ProposalComment.objects.select_related("proposal").filter(pk=comment_id).first()
    if comment is None:
        return []
    proposal = comment.proposal
    people = {proposal.proposer_id, *proposal.co_proposers.values_list("pk", flat=True)}
    people |= _reviewers()
    if comment.visible_to_members:
        people |= _invited_coordinators(proposal)
    people.discard(comment.author_id)
    return deliveries_plan(
        [
            Planned(
                key=f"comment:{comment.pk}:m{member_id}",
                kind=NoticeKind.PROPOSAL_COMMENT,
                recipient_id=member_id,
                context={"comment_id": comment.pk},
            )
            for member_id in sorted(people)
        ]
    )


def notice_membership_decided(*, member_id: int) -> list[int]:
    member = User.objects.filter(pk=member_id, membership_reviewed_at__isnull=False).first()
    if member is None:
        return []
    stamp = int(member.membership_reviewed_at.timestamp())
    return deliveries_plan(
        [
            Planned(
                key=f"membership:{member.pk}:{member.membership_status}:{stamp}",
                kind=NoticeKind.MEMBERSHIP_DECISION,
                recipient_id=member.pk,
            )
        ]
    )


def notice_group_membership_decided(*, membership_id: int) -> list[int]:
    """The member is told a coordinator's answer, once per decision: asking again after a
    refusal and being answered again is a new decision with a new time."""
    membership = GroupMembership.objects.filter(pk=membership_id, decided_at__isnull=False).first()
    if membership is None:
        return []
    stamp = int(membership.decided_at.timestamp() * 1000)
    return deliveries_plan(
        [
            Planned(
                key=f"group-membership:{membership.pk}:{membership.status}:{stamp}",
                kind=NoticeKind.GROUP_MEMBERSHIP_DECISION,
                recipient_id=membership.member_id,
                context={"membership_id": membership.pk, "status": membership.status},
            )
        ]
    )


def _stamp(moment) -> int:
    return int(moment.timestamp() * 1000)


def notice_group_membership_requested(*, membership_id: int) -> list[int]:
    """Each coordinator of the group is told of a request to join it, once per request (the
    key holds the time it was asked: asking again after a refusal is a new request), in their
    own language when it is sent."""
    membership = GroupMembership.objects.filter(
        pk=membership_id, status=GroupMembershipStatus.REQUESTED
    ).first()
    if membership is None:
        return []
    stamp = _stamp(membership.requested_at)
    coordinators = (
        GroupMembership.objects.filter(
            group_id=membership.group_id,
            role=GroupRole.COORDINATOR,
            status=GroupMembershipStatus.ACCEPTED,
            member__is_active=True,
            member__deleted_at__isnull=True,
        )
        .exclude(member_id=membership.member_id)
        .order_by("member_id")
        .values_list("member_id", flat=True)
    )
    return deliveries_plan(
        [
            Planned(
                key=f"group-request:{membership.pk}:{stamp}:m{member_id}",
                kind=NoticeKind.GROUP_JOIN_REQUEST,
                recipient_id=member_id,
                context={"membership_id": membership.pk, "requested_at": stamp},
            )
            for member_id in coordinators
        ]
    )


def notice_proposal_groups_invited(*, proposal_id: int) -> list[int]:
    """Each coordinator of each group the submitted proposal invites to co-host is told once
    (one key per invitation and coordinator), in their own language when it is sent."""
    invitations = ProposalInvitation.objects.filter(
        proposal_id=proposal_id,
        status=InvitationStatus.INVITED,
        proposal__state__in=ANSWERABLE_STATES,
    )
    invitation_of_group = dict(invitations.values_list("group_id", "pk"))
    coordinators = GroupMembership.objects.filter(
        group_id__in=invitation_of_group,
        role=GroupRole.COORDINATOR,
        status=GroupMembershipStatus.ACCEPTED,
        member__is_active=True,
        member__deleted_at__isnull=True,
    ).order_by("group_id", "member_id")
    return deliveries_plan(
        [
            Planned(
                key=f"group-invitation:{invitation_of_group[group_id]}:m{member_id}",
                kind=NoticeKind.GROUP_INVITATION,
                recipient_id=member_id,
                context={"invitation_id": invitation_of_group[group_id]},
            )
            for group_id, member_id in coordinators.values_list("group_id", "member_id")
        ]
    )


def notice_proposal_invitation_answered(*, invitation_id: int) -> list[int]:
    """The proposers are told a group's answer, once per answer; the coordinator who answered
    is not told their own answer."""
    invitation = (
        ProposalInvitation.objects.select_related("proposal")
        .filter(pk=invitation_id, answered_at__isnull=False)
        .first()
    )
    if invitation is None:
        return []
    proposal = invitation.proposal
    people = {proposal.proposer_id, *proposal.co_proposers.values_list("pk", flat=True)}
    people.discard(invitation.answered_by_id)
    return deliveries_plan(
        [
            Planned(
                key=f"group-answer:{invitation.pk}:{invitation.status}:m{member_id}",
                kind=NoticeKind.GROUP_INVITATION_ANSWER,
                recipient_id=member_id,
                context={"invitation_id": invitation.pk, "status": invitation.status},
            )
            for member_id in sorted(people)
        ]
    )
