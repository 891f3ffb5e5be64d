from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from events.models import Proposal


def posted(request):
    return request.POST if request.method == "POST" else None


def report_refusal(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def proposal_or_404(proposal_id: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("proposer", "decided_by", "event"), pk=proposal_id
    )
