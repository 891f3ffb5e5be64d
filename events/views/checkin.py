from pathlib import Path

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from events.checkin_codes import checkin_code_candidates
from events.enums import RsvpStatus
from events.errors import RsvpRefused
from events.models import Rsvp
from events.permissions import event_manager_required
from events.selectors.events import attendees
from events.selectors.rsvps import counted_answer_count
from events.services.rsvps import checkin_closed_reason, rsvp_check_in, rsvp_undo_check_in
from events.services.sessions import END_ISOLATE, ISOLATE
from events.views.common import report_refusal
from members.forms_confirm import ConfirmForm
from members.validators import search_words

MAX_RESULTS = 50


@event_manager_required
def checkin_page(request, event):
    # Searched by POST: a name in the query string would be written to proxies' access logs.
    query = search_words(request.POST.get("q", ""))[:100]
    people = attendees(event).filter(status=RsvpStatus.GOING)
    if query:
        people = people.filter(
            # Persian and Arabic keyboards' letter variants match each other (members/text.py).
            Q(member__display_name__folded_contains=query)
            | Q(guest_name__folded_contains=query)
            # A code read out at the door, typed with look-alikes (events/checkin_codes.py).
            | Q(checkin_code__in=checkin_code_candidates(query))
        )
    return render(
        request,
        "events/organizing/checkin.html",
        {
            "event": event,
            "people": people[:MAX_RESULTS],
            "query": query,
            "closed_reason": checkin_closed_reason(event),
            "answer_count": counted_answer_count(event) if event.personal_data_erased else 0,
        },
    )


@require_safe
def checkin_worker(request, event_id: int):
    """The check-in page's service worker (static/js/checkin-sw.js, which says what it keeps),
    served from under the page so that its scope is this event's check-in pages only. Open to
    all: it holds no data, and the event is not looked up, so it tells nobody one exists."""
    source = Path(finders.find("js/checkin-sw.js")).read_bytes()
    response = HttpResponse(source, content_type="text/javascript; charset=utf-8")
    # Asked again on every visit, so that a changed worker replaces the old one at once.
    response["Cache-Control"] = "no-cache"
    return response


@event_manager_required
def checkin_by_code(request, event, code: str):
    """Where a scanned QR code leads: shows the person, checks them in on POST."""
    rsvp = (
        Rsvp.objects.filter(event=event, checkin_code__in=checkin_code_candidates(code))
        .select_related("member")
        .first()
    )
    if rsvp is None:
        messages.error(request, _("This check-in code does not belong to this event."))
        return redirect("events:checkin", event_id=event.pk)
    if request.method == "POST":
        return _check_in(request, event, rsvp)
    return render(
        request,
        "events/organizing/checkin_code.html",
        {"event": event, "rsvp": rsvp, "closed_reason": checkin_closed_reason(event)},
    )


@event_manager_required
@require_POST
def checkin_toggle(request, event, rsvp_id: int):
    rsvp = get_object_or_404(Rsvp, pk=rsvp_id, event=event)
    if request.POST.get("undo"):
        return _undo_check_in(request, event, rsvp)
    return _check_in(request, event, rsvp)


def _undo_check_in(request, event, rsvp):
    if rsvp.checked_in_at is None:
        # Nothing to undo (undone already, at another door): say so, offer no button.
        messages.info(
            request, _("%(name)s is not checked in: nothing to undo.") % {"name": _isolated(rsvp)}
        )
        return redirect("events:checkin", event_id=event.pk)
    # The undo button only asks: a habitual second tap at the door must not undo an arrival.
    form = ConfirmForm(request.POST if "confirmed" in request.POST else None)
    if form.is_valid():
        rsvp_undo_check_in(rsvp=rsvp)
        messages.info(request, _("Check-in undone for %(name)s.") % {"name": _isolated(rsvp)})
        return redirect("events:checkin", event_id=event.pk)
    return render(
        request,
        "events/organizing/checkin_undo.html",
        {"event": event, "rsvp": rsvp, "form": form},
        status=400 if form.is_bound else 200,
    )


def _check_in(request, event, rsvp):
    try:
        rsvp, newly = rsvp_check_in(rsvp=rsvp, organizer=request.user)
    except RsvpRefused as refusal:
        report_refusal(request, refusal)
    else:
        if newly:
            messages.success(request, _("%(name)s is checked in.") % {"name": _isolated(rsvp)})
        else:
            messages.info(
                request, _("%(name)s was already checked in.") % {"name": _isolated(rsvp)}
            )
    return redirect("events:checkin", event_id=event.pk)


def _isolated(rsvp) -> str:
    # A name keeps its own direction inside a message (Unicode isolates, <bdi> in plain text):
    # "+98 Collective" in a Persian sentence must not become "98 Collective+".
    return f"{ISOLATE}{rsvp.display_name}{END_ISOLATE}"
