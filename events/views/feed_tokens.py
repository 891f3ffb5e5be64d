from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from events.permissions import can_see_members_only
from events.selectors.feeds import feed_token_of
from events.services.feed_tokens import feed_token_create, feed_token_revoke
from members.forms_confirm import ConfirmForm


@never_cache
@login_required
@require_POST
def private_feed_create(request):
    """Makes (or replaces) the private calendar address and shows it, this once only."""
    token = feed_token_create(member=request.user)
    return render(
        request,
        "events/feeds/private_created.html",
        {"token": token, "offers_members_only": can_see_members_only(request.user)},
    )


@login_required
def private_feed_revoke(request):
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" and feed_token_of(request.user) is None:
        return redirect("members:profile")
    if request.method == "POST" and form.is_valid():
        if feed_token_revoke(member=request.user):
            messages.success(
                request, _("Your private calendar is turned off: its address no longer works.")
            )
        return redirect("members:profile")
    return render(
        request,
        "events/feeds/private_revoke.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )
