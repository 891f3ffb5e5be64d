"""Who may manage a group: its coordinators, and for some pages the organizers too."""

from functools import wraps

from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from members.models import AllianceGroup
from members.permissions import is_organizer, mfa_setup_redirect
from members.selectors_groups import coordinates_group


def group_coordinator_required(*, organizers_too: bool = False):
    """The group's coordinators only (with `organizers_too`, organizers as well, who need
    two-factor authentication as on every organizer page). Calls `view(request, group, ...)`
    with the group of the `slug` in the address (404 if none). Others get 403; strangers are
    asked to sign in."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, slug: str, *args, **kwargs):
            group = get_object_or_404(AllianceGroup, slug=slug)
            if not coordinates_group(request.user, group):
                if not (organizers_too and is_organizer(request.user)):
                    raise PermissionDenied(_("This page is for the group's coordinators only."))
                if not is_mfa_enabled(request.user):
                    return mfa_setup_redirect(request)
            return view(request, group, *args, **kwargs)

        return wrapped

    return decorator
