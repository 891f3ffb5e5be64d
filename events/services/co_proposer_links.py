"""Co-proposer links: how a draft's proposers add someone without the form listing any member.

A proposer makes a link (only its digest is kept), sends it to one person through a channel
they trust, and that person joins by opening it. The reads are in selectors/co_proposer_links.
"""

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.enums import ProposalState
from events.errors import ProposalRefused
from events.models import CoProposerLink, Proposal
from events.models.co_proposer_link import LINK_LIFETIME, MAX_OPEN_LINKS
from events.selectors.co_proposer_links import (
    co_proposer_link_refusal,
    open_co_proposer_links,
    open_links_limit_refusal,
)
from members.models import User
from members.models_vouching import link_digest


def _locked_proposal(proposal_id: int) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal_id)


@transaction.atomic
def co_proposer_link_create(*, proposal: Proposal, by: User) -> str:
    """Make a one-use link to co-propose `proposal` and return its secret; only the digest is
    stored, so this is the one time it can be shown.

    Only the draft's proposers may, and at most `MAX_OPEN_LINKS` links may be open at once.
    Locks the proposal, so two links made at once are counted one after the other.
    """
    locked = _locked_proposal(proposal.pk)
    if not locked.is_proposed_by(by):
        raise ProposalRefused(
            _("Only the people who proposed this can invite co-proposers."), code="not_yours"
        )
    if locked.state != ProposalState.DRAFT:
        raise ProposalRefused(_("Only a draft can take new co-proposers."), code="wrong_state")
    if open_co_proposer_links(locked).count() >= MAX_OPEN_LINKS:
        raise ProposalRefused(open_links_limit_refusal(), code="too_many_links")
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    CoProposerLink.objects.create(
        proposal=locked,
        digest=link_digest(secret),
        created_by=by,
        created_at=now,
        expires_at=now + LINK_LIFETIME,
    )
    return secret


@transaction.atomic
def proposal_co_proposer_join(*, link: CoProposerLink, member: User) -> bool:
    """Add `member` to the link's proposal as a co-proposer and spend the link; True if they
    joined, False if they were a proposer already (the link is then left unspent).

    Locks the link's row first, then the proposal's: of two people using one link at once,
    the second waits and then finds it spent. Refused (ProposalRefused) for a member not
    approved, and for a link used, expired, or of a proposal no longer a draft.
    """
    locked_link = CoProposerLink.objects.select_for_update().get(pk=link.pk)
    member = User.objects.get(pk=member.pk)
    if not (member.is_approved and member.is_active):
        raise ProposalRefused(
            _("Only approved members can become co-proposers."), code="not_member"
        )
    proposal = _locked_proposal(locked_link.proposal_id)
    if proposal.is_proposed_by(member):
        return False
    if refusal := co_proposer_link_refusal(link=locked_link, proposal=proposal):
        raise ProposalRefused(refusal, code="link_refused")
    proposal.co_proposers.add(member)
    locked_link.used_by = member
    locked_link.used_at = timezone.now()
    locked_link.save(update_fields=["used_by", "used_at"])
    return True
