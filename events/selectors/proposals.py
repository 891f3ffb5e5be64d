from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.enums import ProposalState
from events.models import Proposal, ProposalComment
from events.permissions import can_review_proposals, can_view_event
from events.selectors.invitations import coordinates_invited_group
from events.selectors.venue import venue_visible_to
from members.groups import ORGANIZER_GROUP_NAME
from members.models import User

OPEN_STATES = [ProposalState.SUBMITTED, ProposalState.UNDER_REVIEW]


def _with_counts(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return (
        proposals.select_related("proposer")
        .prefetch_related("topics")
        .annotate(endorsement_count=Count("endorsements", distinct=True))
    )


def proposals_of(user) -> QuerySet[Proposal]:
    """Proposals the member made or co-proposes, newest first."""
    mine = Proposal.objects.filter(Q(proposer=user) | Q(co_proposers=user)).distinct()
    return _with_counts(mine).order_by("-created_at", "-pk")


def open_proposals() -> QuerySet[Proposal]:
    """Submitted proposals that members may endorse."""
    return _with_counts(Proposal.objects.filter(state__in=OPEN_STATES)).order_by(
        "submitted_at", "pk"
    )


def review_queue(state: str | None = None) -> QuerySet[Proposal]:
    proposals = Proposal.objects.exclude(state=ProposalState.DRAFT)
    if state in ProposalState.values:
        proposals = proposals.filter(state=state)
    return _with_counts(proposals).select_related("decided_by").order_by("submitted_at", "pk")


def can_view_proposal(user, proposal: Proposal) -> bool:
    if not user.is_authenticated:
        return False
    if proposal.is_proposed_by(user):
        return True
    if proposal.state == ProposalState.DRAFT:
        return False
    if can_review_proposals(user):
        return True
    if user.is_approved and proposal.state in OPEN_STATES:
        return True
    # An accepted proposal is its event's title and place: shown only to those who may see the
    # event (an invite-only event stays hidden from members of other groups).
    if (
        user.is_approved
        and proposal.state == ProposalState.ACCEPTED
        and shows_event(user, proposal)
    ):
        return True
    # The coordinators of a group invited to co-host follow it to its end, whatever it is.
    return coordinates_invited_group(user, proposal)


def shows_event(user, proposal: Proposal) -> bool:
    """Whether the proposal's page may name and link its event for `user`: when it has none
    (nothing to reveal), or when `user` may see that event."""
    return proposal.event is None or can_view_event(user, proposal.event)


def shows_proposal_venue(user, proposal: Proposal) -> bool:
    """Whether `user`, who can see `proposal`, may read its exact address (issue 13). While it is
    weighed, only those who plan it: its proposers, the reviewers and the coordinators of the
    groups it invites; other members read the city and country. Once it has an event, the
    event's rule decides (events/selectors/venue.py), held back or not."""
    if proposal.event is not None:
        return venue_visible_to(proposal.event, user)
    return (
        proposal.is_proposed_by(user)
        or can_review_proposals(user)
        or coordinates_invited_group(user, proposal)
    )


# Members may comment while the proposal is being weighed; a decision or withdrawal closes it.
DISCUSSION_STATES = OPEN_STATES
CLOSED_DISCUSSION = {
    ProposalState.DRAFT: _("Comments open once the proposal is submitted for review."),
    ProposalState.ACCEPTED: _("Comments are closed: this proposal has been accepted."),
    ProposalState.REJECTED: _("Comments are closed: this proposal has been rejected."),
    ProposalState.WITHDRAWN: _("Comments are closed: this proposal has been withdrawn."),
}


def comment_refusal(user, proposal: Proposal) -> str:
    """Why `user`, who can see `proposal`, may not comment on it; "" when they may."""
    if proposal.state not in DISCUSSION_STATES:
        return str(CLOSED_DISCUSSION[proposal.state])
    if not (
        user.is_approved or can_review_proposals(user) or coordinates_invited_group(user, proposal)
    ):
        return gettext("Only approved members can comment. Your membership is not approved yet.")
    return ""


def endorsement_refusal(user, proposal: Proposal, *, is_proposer: bool) -> str:
    """Why `user`, who can see `proposal`, may not endorse it; "" when they may."""
    if proposal.state not in OPEN_STATES:
        return gettext("Only a submitted proposal can be endorsed.")
    if is_proposer:
        return gettext("You cannot endorse your own proposal.")
    if not user.is_approved:
        return gettext("Only approved members can endorse proposals.")
    return ""


def visible_comments(user, proposal: Proposal, *, is_proposer: bool) -> QuerySet[ProposalComment]:
    """The comments `user` sees: organizers all of them; everyone their own; others those not
    hidden, and of the ones from before members could comment only if they propose it."""
    # Marked on the page, so that nobody can pass for an organizer by taking one's name.
    by_organizer = Exists(
        User.groups.through.objects.filter(
            user_id=OuterRef("author_id"), group__name=ORGANIZER_GROUP_NAME
        )
    )
    comments = proposal.comments.select_related("author", "hidden_by").annotate(
        by_organizer=by_organizer
    )
    if can_review_proposals(user):
        return comments
    shown = Q(hidden_at__isnull=True)
    if not is_proposer:
        shown &= Q(visible_to_members=True)
    return comments.filter(shown | Q(author=user))
