from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from members.enums import MembershipStatus
from members.links import absolute_url
from members.permissions import approved_member_required
from members.selectors_vouching import (
    has_vouched,
    member_of_vouch_link,
    vouch_count,
    vouches_approve,
    vouches_required,
)
from members.services_vouching import VouchError, member_vouch, vouch_link_create
from members.shown_once import keep_for_one_display, take_for_display

SHOWN_ONCE = "vouch_link"


@never_cache
@login_required
def vouch_link(request):
    """A pending member's page for asking people who know them to vouch: a POST makes the
    link and redirects here, where the GET shows it this once only (members/shown_once.py)."""
    required = vouches_required()
    if required == 0:
        raise Http404
    if request.user.membership_status != MembershipStatus.PENDING:
        raise PermissionDenied(_("Only a member awaiting approval needs vouches."))
    if request.method == "POST":
        token = vouch_link_create(member=request.user)
        link = absolute_url(reverse("members:vouch", kwargs={"token": token}))
        keep_for_one_display(request, name=SHOWN_ONCE, value=link)
        return redirect("members:vouch_link")
    context = {
        "required": required,
        "vouches_approve": vouches_approve(),
        "count": vouch_count(member=request.user),
        "has_link": hasattr(request.user, "vouch_link"),
        "link": take_for_display(request, name=SHOWN_ONCE),
    }
    return render(request, "members/vouch_link.html", context)


@never_cache
@approved_member_required
def vouch(request, token: str):
    """Where an approved member who was sent a pending member's link vouches for them. A forged,
    replaced or spent link is a 404, like a page that is not there."""
    if vouches_required() == 0:
        raise Http404
    applicant = member_of_vouch_link(token)
    if applicant is None:
        raise Http404
    if request.method == "POST":
        try:
            created = member_vouch(member=applicant, voucher=request.user)
        except VouchError as error:
            messages.error(request, error.message)
        else:
            if created:
                messages.success(request, _("Your vouch is recorded and shown to the organizers."))
            else:
                messages.info(request, _("You had already vouched for this member."))
        return redirect("home")
    return render(
        request,
        "members/vouch.html",
        {"applicant": applicant, "vouched": has_vouched(voucher=request.user, member=applicant)},
    )
