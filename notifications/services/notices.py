"""Notices written when something happens (called from the signal receivers, after commit)."""

from django.contrib.auth.models import Permission
from django.db.models import Q

from events.enums import ChangeKind, RsvpStatus
from events.models import EventChange, Proposal, ProposalComment, Rsvp
from events.selectors.rsvps import counted_rsvps
from members.models import User
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


def notice_event_changed(*, change_id: int) -> list[int]:
    change = EventChange.objects.select_related("event").filter(pk=change_id).first()
    if change is None or not (NOTIFIED_FIELDS & change.changes.keys()):
        return []
    kind = CHANGE_KINDS.get(change.kind, NoticeKind.EVENT_CHANGED)
    answers = Rsvp.objects.filter(
        counted_rsvps(),
        event=change.event,
        status__in=[RsvpStatus.GOING, RsvpStatus.WAITLISTED, RsvpStatus.MAYBE],
    ).select_related("member")
    return deliveries_plan(
        [
            Planned(
                key=f"change:{change.pk}:{_who(rsvp)}",
                kind=kind,
                recipient_id=rsvp.member_id,
                rsvp_id=rsvp.pk,
                event_id=change.event_id,
                context={"change_id": change.pk},
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


def notice_proposal_commented(*, comment_id: int) -> list[int]:
    comment = ProposalComment.objects.select_related("proposal").filter(pk=comment_id).first()
    if comment is None:
        return []
    proposal = comment.proposal
    people = {proposal.proposer_id, *proposal.co_proposers.values_list("pk", flat=True)}
    people |= _reviewers()
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
