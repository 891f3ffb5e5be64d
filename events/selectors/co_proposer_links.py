"""Reads for co-proposer links: the link behind a secret, why it cannot be used, a draft's links."""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.enums import ProposalState
from events.models import CoProposerLink, Proposal
from events.models.co_proposer_link import MAX_OPEN_LINKS
from members.digits import local_digits
from members.models_vouching import link_digest


def co_proposer_link_of(secret: str) -> CoProposerLink | None:
    """The link whose secret this is, with its proposal; None for a forged or deleted one."""
    return (
        CoProposerLink.objects.select_related("proposal").filter(digest=link_digest(secret)).first()
    )


def co_proposer_link_refusal(*, link: CoProposerLink, proposal: Proposal) -> str | None:
    """Why nobody can join `proposal` through `link` now, or None while it works."""
    if link.used_at is not None:
        return _("This link has already been used: each link adds one co-proposer.")
    if link.expires_at <= timezone.now():
        return _("This link has expired. Ask the proposers for a new one.")
    if proposal.state != ProposalState.DRAFT:
        return _(
            "This proposal no longer takes co-proposers: only a draft can, and this one has "
            "been submitted or decided."
        )
    return None


def open_links_limit_refusal() -> str:
    """Why no link can be made while `MAX_OPEN_LINKS` wait to be used."""
    return ngettext(
        "%(limit_shown)s link is already waiting to be used. You can make another once it is "
        "used or has expired.",
        "%(limit_shown)s links are already waiting to be used. You can make another once one "
        "of them is used or has expired.",
        MAX_OPEN_LINKS,
    ) % {"limit_shown": local_digits(MAX_OPEN_LINKS)}


def co_proposer_links_of(proposal: Proposal) -> QuerySet[CoProposerLink]:
    """The proposal's links, oldest first, with who made and who used each."""
    return (
        CoProposerLink.objects.filter(proposal=proposal)
        .select_related("created_by", "used_by")
        .order_by("created_at", "pk")
    )


def open_co_proposer_links(proposal: Proposal) -> QuerySet[CoProposerLink]:
    """Links not used and not expired: they count towards `MAX_OPEN_LINKS`."""
    return CoProposerLink.objects.filter(
        proposal=proposal, used_at__isnull=True, expires_at__gt=timezone.now()
    )
