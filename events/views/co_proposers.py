from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from events.enums import ProposalState
from events.errors import ProposalRefused
from events.models import CoProposerLink
from events.models.co_proposer_link import MAX_OPEN_LINKS
from events.selectors import co_proposer_links as link_selectors
from events.selectors.proposals import can_view_proposal
from events.services.co_proposer_links import co_proposer_link_create, proposal_co_proposer_join
from events.views.common import proposal_or_404, report_refusal
from members.links import absolute_url
from members.permissions import approved_member_required
from members.shown_once import keep_for_one_display, take_for_display


def _shown_once_name(proposal_id: int) -> str:
    return f"co_proposer_link:{proposal_id}"


@never_cache
@login_required
def links(request, proposal_id: int):
    """A proposal's co-proposer links: a POST makes one and redirects here, where the GET shows
    it this once only (members/shown_once.py), with who used the earlier ones."""
    proposal = proposal_or_404(proposal_id)
    if not can_view_proposal(request.user, proposal):
        raise Http404
    if not proposal.is_proposed_by(request.user):
        raise PermissionDenied(_("Only the people who proposed this can invite co-proposers."))
    if request.method == "POST":
        try:
            secret = co_proposer_link_create(proposal=proposal, by=request.user)
        except ProposalRefused as refusal:
            report_refusal(request, refusal)
        else:
            link = absolute_url(reverse("proposals:co_proposer_join", kwargs={"token": secret}))
            keep_for_one_display(request, name=_shown_once_name(proposal.pk), value=link)
        return redirect("proposals:co_proposer_links", proposal_id=proposal.pk)
    is_draft = proposal.state == ProposalState.DRAFT
    open_count = link_selectors.open_co_proposer_links(proposal).count()
    return render(
        request,
        "events/proposals/co_proposer_links.html",
        {
            "proposal": proposal,
            "link": take_for_display(request, name=_shown_once_name(proposal.pk)),
            "links": list(link_selectors.co_proposer_links_of(proposal)),
            "co_proposers": list(proposal.co_proposers.all()),
            "can_invite": is_draft and open_count < MAX_OPEN_LINKS,
            "is_draft": is_draft,
            "limit_refusal": link_selectors.open_links_limit_refusal(),
        },
    )


@never_cache
@approved_member_required
def join(request, token: str):
    """Where the person sent a co-proposer link joins the draft. A forged or deleted link is a
    404, like a page that is not there; a used or expired one, or one of a proposal no longer a
    draft, says so, without the proposal's title."""
    link = link_selectors.co_proposer_link_of(token)
    if link is None:
        raise Http404
    proposal = link.proposal
    if request.method == "POST":
        try:
            joined = proposal_co_proposer_join(link=link, member=request.user)
        except CoProposerLink.DoesNotExist:  # deleted since it was looked up
            raise Http404 from None
        except ProposalRefused:
            # The page, read again, says why (the link was used meanwhile, say).
            return redirect("proposals:co_proposer_join", token=token)
        if joined:
            messages.success(
                request, _("You are now a co-proposer: you may edit and submit this draft.")
            )
        else:
            messages.info(
                request,
                _("You already propose this. The link is left for the person it was meant for."),
            )
        return redirect("proposals:detail", proposal_id=proposal.pk)
    already = proposal.is_proposed_by(request.user)
    return render(
        request,
        "events/proposals/co_proposer_join.html",
        {
            "proposal": proposal,
            "used_by_you": already and link.used_by_id == request.user.pk,
            "already": already,
            "refusal": None
            if already
            else link_selectors.co_proposer_link_refusal(link=link, proposal=proposal),
        },
    )
