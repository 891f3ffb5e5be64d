from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.enums import RsvpStatus
from events.errors import RsvpRefused
from events.forms.rsvp import RsvpForm
from events.models import Event
from events.permissions import can_view_event
from events.selectors.rsvps import waitlist_position
from events.services.rsvps import rsvp_set
from events.views.common import report_refusal
from members.digits import local_digits
from members.ratelimit import rate_limit, too_many_requests


@login_required
@require_POST
def answer(request, event_id: int):
    # One event's visibility (can_view_event) answers at once for a public one: a popular
    # event's answers arrive together (bench/load.py, the RSVP storm).
    event = Event.objects.filter(pk=event_id).first()
    if event is None or not can_view_event(request.user, event):
        raise Http404
    # Bound to what was posted: the member's earlier answer (rsvp_set reads it under the
    # event's lock) would only be the form's initial values.
    form = RsvpForm(request.POST, event=event)
    page = {
        "event": event,
        "form": form,
        "rsvp_form": form,
        "action": reverse("events:answer", args=[event.pk]),
        "submit_label": _("Send my answer"),
    }
    if not form.is_valid():
        return render(request, "events/answer_form.html", page, status=400)
    if wait := rate_limit(request, "rsvp"):
        return too_many_requests(
            request, wait, template="events/answer_form.html", context=page, form=form
        )
    try:
        rsvp = rsvp_set(event=event, member=request.user, **form.service_arguments())
    except RsvpRefused as refusal:
        report_refusal(request, refusal)
    else:
        if rsvp.status == RsvpStatus.WAITLISTED:
            messages.warning(
                request,
                local_digits(
                    _("The event is full. You are number %(position)d on the waitlist.")
                    % {"position": waitlist_position(rsvp)}
                ),
            )
        else:
            messages.success(request, _("Your answer has been saved."))
    return redirect("events:detail", event_id=event.pk)
