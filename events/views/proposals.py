from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.enums import ProposalState
from events.errors import ProposalRefused
from events.forms.proposal import CommentForm, ProposalForm
from events.models import Endorsement
from events.permissions import can_review_proposals
from events.selectors import proposals as proposal_selectors
from events.services import proposals as proposal_services
from events.views.common import posted, proposal_or_404, report_refusal
from members.permissions import approved_member_required
from members.ratelimit import rate_limit, too_many_requests


@login_required
def index(request):
    return render(
        request,
        "events/proposals/index.html",
        {
            "mine": proposal_selectors.proposals_of(request.user),
            "open": proposal_selectors.open_proposals() if request.user.is_approved else [],
        },
    )


@approved_member_required
def create(request):
    form = ProposalForm(posted(request), proposer=request.user, reader=request.user)
    if request.method == "POST" and form.is_valid():
        if wait := rate_limit(request, "proposal_create"):
            return too_many_requests(
                request,
                wait,
                template="events/proposals/form.html",
                context={"form": form, "proposal": None},
                form=form,
            )
        try:
            proposal = proposal_services.proposal_create(
                proposer=request.user, fields=form.cleaned_data
            )
        except ProposalRefused as refusal:
            report_refusal(request, refusal)
        else:
            messages.success(
                request, _("Your draft is saved. Submit it when it is ready for review.")
            )
            return redirect("proposals:detail", proposal_id=proposal.pk)
    return render(request, "events/proposals/form.html", {"form": form, "proposal": None})


def _visible_proposal(request, proposal_id: int):
    proposal = proposal_or_404(proposal_id)
    if not proposal_selectors.can_view_proposal(request.user, proposal):
        raise Http404
    return proposal


@login_required
def edit(request, proposal_id: int):
    proposal = _visible_proposal(request, proposal_id)
    if not proposal.is_proposed_by(request.user) or proposal.state != ProposalState.DRAFT:
        messages.error(request, _("Only a draft can be edited, and only by its proposers."))
        return redirect("proposals:detail", proposal_id=proposal.pk)
    form = ProposalForm(
        posted(request), instance=proposal, proposer=proposal.proposer, reader=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal_services.proposal_update(
                proposal=proposal, editor=request.user, fields=form.cleaned_data
            )
        except ProposalRefused as refusal:
            report_refusal(request, refusal)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("proposals:detail", proposal_id=proposal.pk)
    return render(request, "events/proposals/form.html", {"form": form, "proposal": proposal})


def _detail_page(request, proposal, comment_form: CommentForm | None = None) -> dict:
    """The proposal page's context; `comment_form` bound when a comment is shown again."""
    can_discuss = proposal_selectors.can_discuss_proposal(request.user, proposal)
    return {
        "proposal": proposal,
        "co_proposers": list(proposal.co_proposers.all()),
        "endorsement_count": proposal.endorsements.count(),
        "endorsed": Endorsement.objects.filter(proposal=proposal, member=request.user).exists(),
        "is_proposer": proposal.is_proposed_by(request.user),
        "can_review": can_review_proposals(request.user),
        "can_discuss": can_discuss,
        "comments": proposal.comments.select_related("author") if can_discuss else [],
        "comment_form": (comment_form or CommentForm()) if can_discuss else None,
    }


@login_required
def detail(request, proposal_id: int):
    proposal = _visible_proposal(request, proposal_id)
    return render(request, "events/proposals/detail.html", _detail_page(request, proposal))


def _act(request, proposal_id: int, action, success: str):
    proposal = _visible_proposal(request, proposal_id)
    try:
        action(proposal)
    except ProposalRefused as refusal:
        report_refusal(request, refusal)
    else:
        messages.success(request, success)
    return redirect("proposals:detail", proposal_id=proposal.pk)


@login_required
@require_POST
def submit(request, proposal_id: int):
    return _act(
        request,
        proposal_id,
        lambda p: proposal_services.proposal_submit(proposal=p, by=request.user),
        _("Your proposal is submitted. The organizers will review it."),
    )


@login_required
@require_POST
def withdraw(request, proposal_id: int):
    return _act(
        request,
        proposal_id,
        lambda p: proposal_services.proposal_withdraw(proposal=p, by=request.user),
        _("Your proposal is withdrawn."),
    )


@approved_member_required
@require_POST
def endorse(request, proposal_id: int):
    if request.POST.get("withdraw"):
        return _act(
            request,
            proposal_id,
            lambda p: proposal_services.proposal_withdraw_endorsement(
                proposal=p, member=request.user
            ),
            _("Your endorsement is withdrawn."),
        )
    return _act(
        request,
        proposal_id,
        lambda p: proposal_services.proposal_endorse(proposal=p, member=request.user),
        _("Thank you for endorsing this proposal."),
    )


@login_required
@require_POST
def comment(request, proposal_id: int):
    proposal = _visible_proposal(request, proposal_id)
    if not proposal_selectors.can_discuss_proposal(request.user, proposal):
        raise Http404
    form = CommentForm(request.POST)
    # Refused comments come back in the form on the proposal page, typed text and all.
    if not form.is_valid():
        page = _detail_page(request, proposal, form)
        return render(request, "events/proposals/detail.html", page, status=400)
    if wait := rate_limit(request, "comment"):
        page = _detail_page(request, proposal, form)
        return too_many_requests(
            request, wait, template="events/proposals/detail.html", context=page, form=form
        )
    proposal_services.proposal_comment(
        proposal=proposal, author=request.user, body=form.cleaned_data["body"]
    )
    messages.success(request, _("Your comment is posted."))
    return redirect("proposals:detail", proposal_id=proposal.pk)
