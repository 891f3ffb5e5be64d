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
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from events.enums import Visibility
from events.models import Event, EventCohost
from members.enums import GroupMembershipStatus, GroupRole
from members.models import GroupMembership
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
    if not (user.is_authenticated and user.is_active):
        return False
    # The organizers an event page prefetched (a few people): asked again, no query.
    return any(organizer.pk == user.pk for organizer in event.organizers.all())


def can_review_proposals(user) -> bool:
    return reviews_proposals(user) and is_mfa_enabled(user)


def can_manage_all_events(user) -> bool:
    return manages_all_events(user) and is_mfa_enabled(user)


def can_manage_event(user, event) -> bool:
    return organizes_event(user, event) and is_mfa_enabled(user)


def coordinates_cohost(user, event) -> bool:
    """Whether `user` coordinates one of the groups co-hosting `event`."""
    if not (user.is_authenticated and user.is_active and user.deleted_at is None):
        return False
    # Read from the prefetched co-hosts on event pages: an event without any asks nothing more.
    group_ids = [group.pk for group in event.cohost_groups.all()]
    if not group_ids:
        return False
    return GroupMembership.objects.filter(
        group_id__in=group_ids,
        member=user,
        role=GroupRole.COORDINATOR,
        status=GroupMembershipStatus.ACCEPTED,
    ).exists()


def can_edit_practical_details(user, event) -> bool:
    """Times, place, link, capacity and programme: the event's organizers and the coordinators
    of its co-hosting groups (issue 13), each with two-factor authentication, since the place
    and the link are what a watched member's safety depends on (events/selectors/venue.py).
    Cancelling, visibility and who organizes stay the organizers', and so does an exact address
    held back until its release: coordinators neither see nor change it before then."""
    editor = organizes_event(user, event) or coordinates_cohost(user, event)
    return editor and is_mfa_enabled(user)


def can_see_members_only(user) -> bool:
    return bool(user.is_authenticated and (user.is_approved or can_manage_all_events(user)))


def invited_q(user) -> Q:
    """Events (of any visibility) that invite a group `user` is an accepted member of: one of
    the groups chosen for the event, or, where none was chosen, one of its co-hosting groups."""
    groups = GroupMembership.objects.filter(
        member=user, status=GroupMembershipStatus.ACCEPTED
    ).values("group_id")
    choices = Event.invited_groups.through.objects
    chosen = choices.filter(alliancegroup_id__in=groups).values("event_id")
    cohosting = (
        EventCohost.objects.filter(group_id__in=groups)
        .exclude(event_id__in=choices.values("event_id"))
        .values("event_id")
    )
    return Q(pk__in=chosen) | Q(pk__in=cohosting)


def can_view_event(user, event) -> bool:
    """One event's answer of events.selectors.events.visible_events (which lists use)."""
    if event.visibility == Visibility.PUBLIC or can_manage_all_events(user):
        return True
    if not user.is_authenticated:
        return False
    if event.organizers.filter(pk=user.pk).exists():
        return True
    if not user.is_approved:
        return False
    if event.visibility == Visibility.MEMBERS:
        return True
    return Event.objects.filter(invited_q(user), pk=event.pk).exists()


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


def practical_details_editor_required(view):
    """As `event_manager_required`, and also open to the coordinators of the event's co-hosting
    groups, with two-factor authentication like organizers (can_edit_practical_details). The
    view tells the two apart with `organizes_event`: coordinators edit the practical details
    only."""

    @login_required
    @wraps(view)
    def wrapped(request, event_id: int, *args, **kwargs):
        event = get_object_or_404(Event, pk=event_id)
        if not (organizes_event(request.user, event) or coordinates_cohost(request.user, event)):
            raise Http404
        if not is_mfa_enabled(request.user):
            return mfa_setup_redirect(request)
        return view(request, event, *args, **kwargs)

    return wrapped
