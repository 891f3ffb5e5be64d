"""Who may open what. Views use these decorators rather than checking roles themselves."""

from functools import wraps

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _


def is_organizer(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("members.review_members")
    )


def mfa_setup_redirect(request):
    """Send someone whose role on this page needs two-factor authentication (an organizer, a
    group's coordinator…) to set it up, then back to the page (members/views_mfa.py)."""
    messages.warning(
        request,
        _(
            "This page needs two-factor authentication. Set it up now; you will then be taken "
            "back to the page."
        ),
    )
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('mfa_activate_totp')}?{query}")


def organizer_required(view):
    """Organizers only; an organizer without two-factor authentication is sent to set it up first.

    Members and other signed-in users get 403; strangers are asked to sign in.
    """

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_organizer(request.user):
            raise PermissionDenied(_("This page is for organizers only."))
        if not is_mfa_enabled(request.user):
            return mfa_setup_redirect(request)
        return view(request, *args, **kwargs)

    return wrapped


def approved_member_required(view):
    """Approved members only: pending or rejected members get 403 with a message saying why."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_approved:
            raise PermissionDenied(
                _("Only approved members can do this. Your membership is not approved yet.")
            )
        return view(request, *args, **kwargs)

    return wrapped
