"""Who may see and do what with proposals and events.

Two kinds of helper: the roles (`reviews_proposals`, `manages_all_events`, `organizes_event`:
the organizers' group, or an event's own organizers) and the rights they give (`can_…`). An
organizer's rights take effect only with two-factor authentication, on shared pages (an event's
meeting link, a proposal's discussion) as on organizer pages. The decorators use both: someone
without the role gets 403 or 404, an organizer without two-factor authentication is sent to set
it up.
"""

from functools import wraps

from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from events.enums import Visibility
from events.models import Event
from members.permissions import mfa_setup_redirect


def _has_permission(user, permission: str) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(permission))


def reviews_proposals(user) -> bool:
    return _has_permission(user, "events.review_proposals")


def manages_all_events(user) -> bool:
    return _has_permission(user, "events.manage_events")


def organizes_event(user, event) -> bool:
    if manages_all_events(user):
        return True
    return bool(
        user.is_authenticated and user.is_active and event.organizers.filter(pk=user.pk).exists()
    )


def can_review_proposals(user) -> bool:
    return reviews_proposals(user) and is_mfa_enabled(user)


def can_manage_all_events(user) -> bool:
    return manages_all_events(user) and is_mfa_enabled(user)


def can_manage_event(user, event) -> bool:
    return organizes_event(user, event) and is_mfa_enabled(user)


def can_see_members_only(user) -> bool:
    return bool(user.is_authenticated and (user.is_approved or can_manage_all_events(user)))


def can_view_event(user, event) -> bool:
    if event.visibility == Visibility.PUBLIC:
        return True
    return can_see_members_only(user) or can_manage_event(user, event)


def reviewer_required(view):
    """Proposal reviewers only (403 otherwise), and only with two-factor authentication."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not reviews_proposals(request.user):
            raise PermissionDenied(_("This page is for organizers only."))
        if not is_mfa_enabled(request.user):
            return mfa_setup_redirect(request)
        return view(request, *args, **kwargs)

    return wrapped


def event_manager_required(view):
    """Organizers of the event (or of all events) only, with two-factor authentication.

    Calls `view(request, event, ...)`. Anyone else gets 404, so that even the existence of a
    members-only event is not told; strangers are first asked to sign in.
    """

    @login_required
    @wraps(view)
    def wrapped(request, event_id: int, *args, **kwargs):
        event = get_object_or_404(Event, pk=event_id)
        if not organizes_event(request.user, event):
            raise Http404
        if not is_mfa_enabled(request.user):
            return mfa_setup_redirect(request)
        return view(request, event, *args, **kwargs)

    return wrapped
