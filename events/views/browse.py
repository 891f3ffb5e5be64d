from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from events.forms.filters import EventFilterForm
from events.forms.month import MonthForm
from events.forms.rsvp import GuestRsvpForm, RsvpForm
from events.listing import listing_version
from events.models import Event
from events.permissions import can_manage_event
from events.selectors import events as event_selectors
from events.selectors.month import month_grid, month_start
from events.selectors.rsvps import rsvp_of, waitlist_position

PAGE_SIZE = 20


def _listing(request, selector, template: str):
    # Both are made only when the cached copy (listing_version) is missing: a repeat visit
    # queries nothing.
    filter_form = SimpleLazyObject(lambda: EventFilterForm(request.GET))
    query = request.GET.copy()
    query.pop("page", None)

    def page():
        events = selector(user=request.user, filters=filter_form.filters())
        return Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))

    return render(
        request,
        template,
        {
            "page": SimpleLazyObject(page),
            "filter_form": filter_form,
            "query": query.urlencode(),
            "list_version": listing_version(request),
        },
    )


def upcoming(request):
    return _listing(request, event_selectors.upcoming_events, "events/upcoming.html")


def past(request):
    return _listing(request, event_selectors.past_events, "events/past.html")


def _event_or_404(request, event_id: int) -> Event:
    try:
        return event_selectors.event_for_page(user=request.user, event_id=event_id)
    except Event.DoesNotExist as missing:
        raise Http404 from missing


def detail(request, event_id: int):
    event = _event_or_404(request, event_id)
    rsvp = rsvp_of(event, request.user)
    manages = can_manage_event(request.user, event)
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "rsvp": rsvp,
            "waitlist_position": waitlist_position(rsvp) if rsvp else None,
            "rsvp_form": RsvpForm(event=event, rsvp=rsvp),
            "guest_form": (
                GuestRsvpForm(event=event)
                if event.guest_registration and not request.user.is_authenticated
                else None
            ),
            "manages": manages,
            "shows_meeting_link": bool(event.meeting_link)
            and (manages or (rsvp is not None and rsvp.is_confirmed)),
        },
    )


def programme(request, event_id: int):
    event = _event_or_404(request, event_id)
    return render(
        request,
        "events/programme.html",
        {"event": event, "manages": can_manage_event(request.user, event)},
    )


def month(request):
    """The events of one month as a calendar, in the viewer's zone and week."""
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    form = MonthForm(request.GET)
    first = month_start(today)
    if form.is_valid():
        first = form.cleaned_data["month"] or first
    else:
        for error in form.errors.get("month", []):
            messages.warning(request, error)
    grid = month_grid(
        user=request.user, first=first, zone=zone, language=get_language(), today=today
    )
    return render(request, "events/month.html", {"grid": grid})
