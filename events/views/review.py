from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.enums import InvitationStatus, ProposalState
from events.errors import EventChangeRefused, ProposalRefused
from events.forms.event import AcceptProposalForm
from events.forms.proposal import DecisionNoteForm
from events.permissions import reviewer_required
from events.selectors import invitations as invitation_selectors
from events.selectors import proposals as proposal_selectors
from events.services import proposals as proposal_services
from events.views.common import posted, proposal_or_404, report_refusal


@reviewer_required
def queue(request):
    state = request.GET.get("state", "")
    if state not in ProposalState.values:
        state = ""
    proposals = proposal_selectors.review_queue(state or None)
    page = Paginator(proposals, 25).get_page(request.GET.get("page"))
    states = [(value, label) for value, label in ProposalState.choices if value != "draft"]
    return render(
        request,
        "events/proposals/review_queue.html",
        {"page": page, "state": state, "states": states},
    )


@reviewer_required
@require_POST
def start_review(request, proposal_id: int):
    proposal = proposal_or_404(proposal_id)
    try:
        proposal_services.proposal_start_review(proposal=proposal, organizer=request.user)
    except ProposalRefused as refusal:
        report_refusal(request, refusal)
    else:
        messages.success(request, _("The proposal is now under review."))
    return redirect("proposals:detail", proposal_id=proposal.pk)


@reviewer_required
def accept(request, proposal_id: int):
    proposal = proposal_or_404(proposal_id)
    if proposal.state == ProposalState.DRAFT:
        raise Http404  # drafts are their proposers' alone, here as everywhere
    form = AcceptProposalForm(posted(request), proposal=proposal)
    if request.method == "POST" and form.is_valid():
        try:
            event = proposal_services.proposal_accept(
                proposal=proposal,
                organizer=request.user,
                event_fields=form.event_fields(),
                note=form.cleaned_data["note"],
            )
        except (ProposalRefused, EventChangeRefused) as refusal:
            report_refusal(request, refusal)
            return redirect("proposals:detail", proposal_id=proposal.pk)
        messages.success(request, _("The proposal is accepted and its event is published."))
        return redirect("events:detail", event_id=event.pk)
    invitations = invitation_selectors.invitations_of(proposal)
    return render(
        request,
        "events/proposals/accept.html",
        {
            "proposal": proposal,
            "form": form,
            "invitations": invitations,
            "acceptance_refusal": invitation_selectors.acceptance_refusal(proposal),
            "joined_groups": [
                invitation.group.name
                for invitation in invitations
                if invitation.status == InvitationStatus.JOINED
            ],
        },
    )


@reviewer_required
def reject(request, proposal_id: int):
    proposal = proposal_or_404(proposal_id)
    if proposal.state == ProposalState.DRAFT:
        raise Http404
    if refusal := proposal_services.proposal_reject_refusal(proposal):
        # Nothing to confirm (rejected already, withdrawn…): say why, offer no button.
        report_refusal(request, refusal)
        return redirect("proposals:detail", proposal_id=proposal.pk)
    form = DecisionNoteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            proposal_services.proposal_reject(
                proposal=proposal, organizer=request.user, note=form.cleaned_data["note"]
            )
        except ProposalRefused as refusal:
            report_refusal(request, refusal)
        else:
            messages.success(request, _("The proposal is rejected."))
        return redirect("proposals:detail", proposal_id=proposal.pk)
    proposers = [proposal.proposer, *proposal.co_proposers.all()]
    return render(
        request,
        "events/proposals/reject.html",
        {"proposal": proposal, "proposers": proposers, "form": form},
        status=400 if form.is_bound else 200,
    )


@reviewer_required
@require_POST
def reopen(request, proposal_id: int):
    proposal = proposal_or_404(proposal_id)
    try:
        proposal_services.proposal_reopen(proposal=proposal, organizer=request.user)
    except ProposalRefused as refusal:
        report_refusal(request, refusal)
    else:
        messages.success(request, _("The proposal is back under review."))
    return redirect("proposals:detail", proposal_id=proposal.pk)
