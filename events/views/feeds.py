"""Calendar feeds (how they are built and cached: events/feeds/builder.py).

Language of the texts: `?lang=ar|fa|en`; else the member's own language (the feed owner's for
a private feed, the signed-in member's otherwise); else each event in the first language its
title is written in, with the calendar's own name in the language of the address's prefix.
"""

import hashlib

from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from events.feeds.builder import (
    CalendarHeader,
    FeedItem,
    calendar,
    event_items,
    feed_body,
    feed_etag,
    proposal_items,
    timezones,
)
from events.feeds.http import MAX_AGE_SECONDS, calendar_response, requested_language
from events.feeds.vevents import event_vevent, session_vevents
from events.forms.feeds import query_flag
from events.forms.filters import EventFilterForm
from events.models import ExportKind, Session
from events.page_cache import cache_for_visitors
from events.permissions import can_see_members_only, manages_all_events
from events.selectors import feeds as feed_selectors
from events.selectors.events import visible_events
from events.selectors.venue import venue_visible_to
from events.services.exports import export_record
from events.views.common import filters_refused
from members.permissions import mfa_setup_redirect
from members.selectors_groups import group_by_slug


def _member_language(user) -> str | None:
    return user.preferred_language if user.is_authenticated else None


def _serve(
    request,
    *,
    identity: str,
    items: list[FeedItem],
    header: CalendarHeader,
    language: str | None,
    filename: str,
    private: bool,
):
    """A cached feed: ETag from the items' versions, body only when the client needs it."""
    identity = f"{identity}|{language}|{header}"
    etag = feed_etag(identity, items)
    return calendar_response(
        request,
        identity=identity,
        etag=etag,
        body=lambda: feed_body(etag, header, items, language),
        filename=filename,
        private=private,
    )


@require_safe
@cache_for_visitors(seconds=MAX_AGE_SECONDS)
def public_feed(request):
    form = EventFilterForm(request.GET)
    if not form.is_valid():
        # A calendar app shows no form error; every event instead would be a silent lie.
        return filters_refused(request, form)
    filters = form.filters()
    language = requested_language(request) or _member_language(request.user)
    with override(language or get_language()):
        header = CalendarHeader(
            _("Tadamun: public events"),
            _("Public conferences and joint actions of the alliance."),
            get_language(),
        )
    items = event_items(feed_selectors.public_feed_events(filters=filters))
    return _serve(
        request,
        identity=f"public|{filters}",
        items=items,
        header=header,
        language=language,
        filename="tadamun-events.ics",
        private=False,
    )


@require_safe
def group_feed(request, slug: str):
    """A group's joint actions: the public events it co-hosts, like the public feed's."""
    group = group_by_slug(slug)
    if group is None:
        raise Http404
    language = requested_language(request) or _member_language(request.user)
    with override(language or get_language()):
        header = CalendarHeader(
            _("Tadamun: %(group)s") % {"group": group.name},
            _("Public joint actions co-hosted by %(group)s.") % {"group": group.name},
            get_language(),
        )
    return _serve(
        request,
        identity=f"group|{group.pk}",
        items=event_items(feed_selectors.group_feed_events(group=group)),
        header=header,
        language=language,
        filename=f"tadamun-{group.slug}.ics",
        private=False,
    )


@require_safe
def event_feed(request, event_id: int):
    """One event, or with `?sessions=1` its programme, one VEVENT per session. Rendered on each
    request (it is small); the ETag is the body's hash."""
    with_sessions = query_flag(request.GET, "sessions")
    events = visible_events(request.user).filter(pk=event_id)
    if with_sessions:
        sessions = Session.objects.prefetch_related("speakers").order_by("starts_at", "pk")
        events = events.prefetch_related(Prefetch("sessions", sessions))
    event = events.first()
    if event is None:
        raise Http404
    language = (
        requested_language(request)
        or _member_language(request.user)
        or (event.content_languages or ["en"])[0]
    )
    with override(language):
        header = CalendarHeader(
            event.title, _("Tadamun — conferences and joint actions of the alliance."), language
        )
    programme = list(event.sessions.all()) if with_sessions else []
    shows_venue = venue_visible_to(event, request.user)
    if programme:
        entries = session_vevents(event, programme, language=language, shows_venue=shows_venue)
    else:
        entries = [event_vevent(event, language=language, shows_venue=shows_venue)]
    # The VTIMEZONE covers every entry: sessions need not lie in the event's own years.
    spans = [
        (event.time_zone, item.starts_at.year, item.ends_at.year) for item in [event, *programme]
    ]
    body = calendar(header, timezones(spans), entries)
    identity = f"event|{event.pk}|{with_sessions}|{language}"
    return calendar_response(
        request,
        identity=identity,
        etag=f'"{hashlib.sha256(body).hexdigest()[:40]}"',
        body=lambda: body,
        filename=f"tadamun-event-{event.pk}.ics",
        private=request.user.is_authenticated,
    )


@require_safe
def member_feed(request, token: str):
    """A member's private feed: found by its secret token alone, no session needed. Anything
    but a current token is a plain 404, the same whether or not it ever existed."""
    member = feed_selectors.feed_token_owner(token)
    if member is None:
        raise Http404
    include_members_only = query_flag(request.GET, "members_only")
    language = requested_language(request) or member.preferred_language
    with override(language):
        description = (
            _("Events you answered going or maybe to, and every members-only event.")
            if include_members_only and can_see_members_only(member)
            else _("Events you answered going or maybe to.")
        )
        header = CalendarHeader(_("Tadamun: my events"), description, language)
    events = feed_selectors.member_feed_events(
        member=member, include_members_only=include_members_only
    )
    return _serve(
        request,
        identity=f"member|{member.pk}|{include_members_only}",
        items=event_items(events, with_member_status=True),
        header=header,
        language=language,
        filename="tadamun-my-events.ics",
        private=True,
    )


@login_required
@require_safe
def organizer_feed(request):
    """Every event the organizer organizes, with their proposals still undecided as TENTATIVE.

    Organizers only (403 for others), with two-factor authentication; each download is logged.
    """
    user = request.user
    if not (manages_all_events(user) or feed_selectors.organized_events(organizer=user).exists()):
        raise PermissionDenied(_("This page is for organizers only."))
    if not is_mfa_enabled(user):
        return mfa_setup_redirect(request)
    language = requested_language(request) or user.preferred_language
    with override(language):
        header = CalendarHeader(
            _("Tadamun: events I organize"),
            _("Events you organize, and your proposals not yet decided."),
            language,
        )
    items = event_items(feed_selectors.organized_events(organizer=user), organizer=True)
    items += proposal_items(feed_selectors.organizer_draft_proposals(organizer=user))
    response = _serve(
        request,
        identity=f"organizer|{user.pk}",
        items=items,
        header=header,
        language=language,
        filename="tadamun-organizing.ics",
        private=True,
    )
    if request.method == "GET" and response.status_code == 200:
        export_record(
            kind=ExportKind.ORGANIZER_CALENDAR,
            exported_by=user,
            event=None,
            all_emails=False,
            language=language,
        )
    return response
