from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.enums import InvitationStatus, ProposalState
from events.errors import ProposalRefused
from events.forms.proposal import CommentForm, ProposalForm
from events.models import Endorsement
from events.permissions import can_review_proposals, reviews_proposals
from events.selectors import invitations as invitation_selectors
from events.selectors import proposals as proposal_selectors
from events.services import proposals as proposal_services
from events.views.common import posted, proposal_or_404, report_refusal
from members.forms_confirm import ConfirmForm
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
    form = ProposalForm(posted(request), reader=request.user)
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
                proposer=request.user,
                fields=form.proposal_fields(),
                invited_groups=form.cleaned_data["invited_groups"],
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
    form = ProposalForm(posted(request), instance=proposal, reader=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposal_services.proposal_update(
                proposal=proposal,
                editor=request.user,
                fields=form.proposal_fields(),
                invited_groups=form.cleaned_data["invited_groups"],
                co_proposers_removed=form.co_proposers_removed(),
            )
        except ProposalRefused as refusal:
            report_refusal(request, refusal)
        else:
            if not proposal.is_proposed_by(request.user):  # a co-proposer unticked themself
                messages.success(request, _("Your changes are saved. You no longer co-propose it."))
                return redirect("proposals:index")
            messages.success(request, _("Your changes are saved."))
            return redirect("proposals:detail", proposal_id=proposal.pk)
    return render(request, "events/proposals/form.html", {"form": form, "proposal": proposal})


def _detail_page(request, proposal, comment_form: CommentForm | None = None) -> dict:
    """The proposal page's context; `comment_form` bound when a comment is shown again.

    Where the page offers no comment box or endorse button, it says why (`comment_refusal`,
    `endorsement_refusal`).
    """
    user = request.user
    is_proposer = proposal.is_proposed_by(user)
    comment_refusal = proposal_selectors.comment_refusal(user, proposal)
    return {
        "proposal": proposal,
        "co_proposers": list(proposal.co_proposers.all()),
        "endorsement_count": proposal.endorsements.count(),
        "endorsed": Endorsement.objects.filter(proposal=proposal, member=user).exists(),
        "endorsement_refusal": proposal_selectors.endorsement_refusal(
            user, proposal, is_proposer=is_proposer
        ),
        "is_proposer": is_proposer,
        "can_review": can_review_proposals(user),
        "needs_two_factor": reviews_proposals(user) and not can_review_proposals(user),
        "comments": list(
            proposal_selectors.visible_comments(user, proposal, is_proposer=is_proposer)
        ),
        "comment_refusal": comment_refusal,
        "comment_form": None if comment_refusal else (comment_form or CommentForm()),
        "shows_venue": proposal_selectors.shows_proposal_venue(user, proposal),
        # The proposers and an invited group's coordinators see an accepted proposal even where
        # its event is not for them (invite-only): no link to it then.
        "shows_event": proposal_selectors.shows_event(user, proposal),
        **_invitations_part(user, proposal),
    }


def _invitations_part(user, proposal) -> dict:
    """The groups invited to co-host, and those of them `user` answers for (still to answer)."""
    invitations = invitation_selectors.invitations_of(proposal)
    if not invitations:
        return {"invitations": []}
    mine = invitation_selectors.invitations_coordinated_by(user, proposal)
    open_for_answers = proposal.state in invitation_selectors.ANSWERABLE_STATES
    return {
        "invitations": invitations,
        "invitations_to_answer": [
            invitation
            for invitation in invitations
            if invitation.pk in mine and invitation.status == InvitationStatus.INVITED
        ]
        if open_for_answers and not invitation_selectors.deadline_passed(proposal)
        else [],
        # An invitation still unanswered then reads "No answer by the deadline".
        "deadline_passed": invitation_selectors.deadline_passed(proposal),
        "acceptance_refusal": invitation_selectors.acceptance_refusal(proposal)
        if open_for_answers
        else "",
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
def withdraw(request, proposal_id: int):
    proposal = _visible_proposal(request, proposal_id)
    form = ConfirmForm(posted(request))
    refusal = proposal_services.proposal_withdraw_refusal(proposal)
    if refusal and proposal.is_proposed_by(request.user):
        # Nothing to confirm (withdrawn already, decided): say why, offer no button.
        report_refusal(request, refusal)
        return redirect("proposals:detail", proposal_id=proposal.pk)
    if not proposal.is_proposed_by(request.user) or (request.method == "POST" and form.is_valid()):
        # Others get the service's refusal; proposers reach it only from the confirmation page.
        return _act(
            request,
            proposal_id,
            lambda p: proposal_services.proposal_withdraw(proposal=p, by=request.user),
            _("Your proposal is withdrawn."),
        )
    return render(
        request,
        "events/proposals/withdraw.html",
        {"proposal": proposal, "form": form},
        status=400 if form.is_bound else 200,
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
    if refusal := proposal_selectors.comment_refusal(request.user, proposal):
        messages.error(request, refusal)
        return redirect("proposals:detail", proposal_id=proposal.pk)
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
    try:
        proposal_services.proposal_comment(
            proposal=proposal, author=request.user, body=form.cleaned_data["body"]
        )
    except ProposalRefused as refusal:  # decided or withdrawn since the page was read
        report_refusal(request, refusal)
    else:
        messages.success(request, _("Your comment is posted."))
    return redirect("proposals:detail", proposal_id=proposal.pk)
