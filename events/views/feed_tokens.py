from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events.permissions import can_see_members_only
from events.selectors.feeds import feed_token_of
from events.services.feed_tokens import feed_token_create, feed_token_revoke
from members.forms_confirm import ConfirmForm
from members.shown_once import keep_for_one_display, take_for_display

SHOWN_ONCE = "private_feed_token"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def private_feed_create(request):
    """A POST makes (or replaces) the private calendar address and redirects here, where the
    GET shows it this once only (members/shown_once.py). A reload makes nothing: the address is
    gone from the session, and the reader goes to the profile's card to make a new one."""
    if request.method == "POST":
        token = feed_token_create(member=request.user)
        keep_for_one_display(request, name=SHOWN_ONCE, value=token)
        return redirect("feeds:private_new")
    token = take_for_display(request, name=SHOWN_ONCE)
    if token is None:
        return redirect(reverse("members:profile") + "#private-calendar")
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
