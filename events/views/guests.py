from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from events.enums import Visibility
from events.errors import RsvpRefused
from events.forms.rsvp import GuestChangeForm, GuestRsvpForm
from events.models import Event
from events.selectors.rsvps import waitlist_position
from events.selectors.venue import venue_visible_to
from events.services import guests as guest_services
from events.views.common import report_refusal
from members.links import is_onion_request
from members.ratelimit import rate_limit, too_many_requests


@require_POST
def guest_register(request, event_id: int):
    event = Event.objects.filter(
        pk=event_id, visibility=Visibility.PUBLIC, guest_registration=True
    ).first()
    if event is None:
        raise Http404
    form = GuestRsvpForm(request.POST, event=event)
    page = {
        "event": event,
        "form": form,
        "action": reverse("events:guest_register", args=[event.pk]),
        "submit_label": _("Register"),
    }
    if not form.is_valid():
        return render(request, "events/answer_form.html", page, status=400)
    email = form.cleaned_data["guest_email"]
    wait = rate_limit(request, "guest_register") or rate_limit(
        request, "guest_register_address", key=email
    )
    if wait:
        return too_many_requests(
            request, wait, template="events/answer_form.html", context=page, form=form
        )
    try:
        guest_services.rsvp_guest_request(
            event=event,
            name=form.cleaned_data["guest_name"],
            email=email,
            language=get_language(),
            through_onion=is_onion_request(request),
            **form.service_arguments(),
        )
    except RsvpRefused as refusal:
        report_refusal(request, refusal)
    else:
        messages.success(
            request,
            _("Check your inbox: we sent a link to confirm your answer. It counts once confirmed."),
        )
    return redirect("events:detail", event_id=event.pk)


@never_cache
def guest_answer(request, event_id: int, token: str):
    """The guest's own page, reached only through the link in their email."""
    rsvp = guest_services.guest_rsvp_by_token(event_id=event_id, token=token)
    if rsvp is None:
        raise Http404
    form = GuestChangeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if wait := rate_limit(request, "rsvp"):
            return too_many_requests(request, wait)
        try:
            if rsvp.verified_at is None:
                rsvp = guest_services.rsvp_guest_confirm(
                    rsvp=rsvp, through_onion=is_onion_request(request)
                )
                messages.success(request, _("Your answer is confirmed."))
            elif form.is_valid():
                rsvp = guest_services.rsvp_guest_change(
                    rsvp=rsvp,
                    answer=form.cleaned_data["answer"],
                    through_onion=is_onion_request(request),
                )
                messages.success(request, _("Your answer has been saved."))
        except RsvpRefused as refusal:
            report_refusal(request, refusal)
        return redirect("events:guest_answer", event_id=event_id, token=token)
    return render(
        request,
        "events/guest_answer.html",
        {
            "event": rsvp.event,
            "rsvp": rsvp,
            "token": token,  # for the link to their event pack
            "shows_venue": venue_visible_to(rsvp.event, rsvp),
            "waitlist_position": waitlist_position(rsvp) if rsvp.verified_at else None,
            "form": GuestChangeForm(
                initial={"answer": rsvp.status if rsvp.status != "waitlisted" else "going"},
                event=rsvp.event,
                rsvp=rsvp,
            ),
        },
    )
