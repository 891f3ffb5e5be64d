"""Organizers hide a proposal's comment from other members, or show it again (plain POST forms)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.errors import ProposalRefused
from events.models import ProposalComment
from events.permissions import reviewer_required
from events.services import proposals as proposal_services
from events.views.common import report_refusal


def _moderate(request, proposal_id: int, comment_id: int, action, success: str):
    comment = get_object_or_404(ProposalComment, pk=comment_id, proposal_id=proposal_id)
    try:
        action(comment=comment, organizer=request.user)
    except ProposalRefused as refusal:
        report_refusal(request, refusal)
    else:
        messages.success(request, success)
    return redirect(reverse("proposals:detail", args=[proposal_id]) + f"#comment-{comment.pk}")


@reviewer_required
@require_POST
def hide(request, proposal_id: int, comment_id: int):
    return _moderate(
        request,
        proposal_id,
        comment_id,
        proposal_services.proposal_comment_hide,
        _("The comment is hidden. Only its author and the organizers see it now."),
    )


@reviewer_required
@require_POST
def unhide(request, proposal_id: int, comment_id: int):
    return _moderate(
        request,
        proposal_id,
        comment_id,
        proposal_services.proposal_comment_unhide,
        _("The comment is shown to members again."),
    )
