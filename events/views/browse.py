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
from events.page_cache import cache_for_visitors
from events.permissions import can_edit_practical_details, can_manage_event
from events.selectors import events as event_selectors
from events.selectors.month import month_grid, month_start
from events.selectors.rsvps import rsvp_of, waitlist_position
from events.selectors.venue import venue_released, venue_visible_to

PAGE_SIZE = 20
# How late a visitor's copy of a page may show what changes without a new generation of the
# events (events/page_cache.py): the counts of people going on an event's page.
COUNTS_LATE_SECONDS = 10
LIST_SECONDS = 120


def _listing(request, selector, template: str):
    # A value that names nothing is said at its field, with no events and a 400, never every
    # event (events/forms/filters.py). Checking asks the database only for a topic or group.
    filter_form = EventFilterForm(request.GET)
    valid = filter_form.is_valid()
    query = request.GET.copy()
    query.pop("page", None)

    # Made only when the cached copy (listing_version) is missing: a repeat visit reads no events.
    def page():
        events = selector(user=request.user, filters=filter_form.filters()) if valid else []
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
        status=200 if valid else 400,
    )


@cache_for_visitors(seconds=LIST_SECONDS)
def upcoming(request):
    return _listing(request, event_selectors.upcoming_events, "events/upcoming.html")


@cache_for_visitors(seconds=LIST_SECONDS)
def past(request):
    return _listing(request, event_selectors.past_events, "events/past.html")


def _event_or_404(request, event_id: int) -> Event:
    try:
        return event_selectors.event_for_page(user=request.user, event_id=event_id)
    except Event.DoesNotExist as missing:
        raise Http404 from missing


# `?text=fa`: the event's own words (title, description) in another of the languages it is
# written in, the page around them in the reader's. A member's pages follow their profile's
# language (members.middleware.MemberLanguageMiddleware), so the /fa/ address would send them
# back to their own; a visitor is linked to the whole page under /fa/ instead, and the shared
# copy of a visitor's page (events/page_cache.py) never varies with it.
TEXT_LANGUAGE_PARAMETER = "text"


def _text_language(request, event: Event) -> str:
    if not request.user.is_authenticated:
        return ""
    asked = request.GET.get(TEXT_LANGUAGE_PARAMETER, "")
    return asked if asked in event.content_languages and asked != get_language() else ""


@cache_for_visitors(seconds=COUNTS_LATE_SECONDS)
def detail(request, event_id: int):
    event = _event_or_404(request, event_id)
    rsvp = rsvp_of(event, request.user)
    manages = can_manage_event(request.user, event)
    # A co-hosting group's coordinator edits the practical details (events.permissions).
    edits_details = can_edit_practical_details(request.user, event)
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
            "edits_details": edits_details,
            # Signed-out visitors (the only ones given a shared copy) never see a held address;
            # co-hosts' coordinators, who edit the other details, not before its release either.
            "shows_venue": venue_visible_to(event, request.user, rsvp=rsvp),
            "cohost_without_venue": edits_details
            and not manages
            and event.holds_venue_back
            and not venue_released(event),
            "shows_meeting_link": bool(event.meeting_link)
            and (edits_details or (rsvp is not None and rsvp.is_confirmed)),
            "text_language": _text_language(request, event),
        },
    )


@cache_for_visitors(seconds=LIST_SECONDS)
def programme(request, event_id: int):
    event = _event_or_404(request, event_id)
    return render(
        request,
        "events/programme.html",
        {
            "event": event,
            "manages": can_edit_practical_details(request.user, event),
        },
    )


@cache_for_visitors(seconds=LIST_SECONDS)
def month(request):
    """The events of one month as a calendar, in the viewer's zone and week; for a visitor,
    whose zone we do not know, each event in its own (events.selectors.month)."""
    zone = timezone.get_current_timezone() if request.user.is_authenticated else None
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
