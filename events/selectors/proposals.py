from django.db.models import Count, Q, QuerySet

from events.enums import ProposalState
from events.models import Proposal
from events.permissions import can_review_proposals

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
    return user.is_approved and proposal.state in [*OPEN_STATES, ProposalState.ACCEPTED]


def can_discuss_proposal(user, proposal: Proposal) -> bool:
    """The discussion is between the proposers and the organizers only."""
    return proposal.state != ProposalState.DRAFT and (
        proposal.is_proposed_by(user) or can_review_proposals(user)
    )
