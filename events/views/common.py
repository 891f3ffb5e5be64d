from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from events.forms.filters import EventFilterForm
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


def filters_refused(request, form: EventFilterForm) -> HttpResponse:
    """A feed's 400 when its filters name something unknown: the site's 400 page, saying which
    (a feed reader or calendar shows no form; every event instead would be a silent lie)."""
    return render(request, "400.html", {"explanation": " ".join(form.errors_said())}, status=400)
