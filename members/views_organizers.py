from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members import selectors, services
from members.enums import MembershipStatus
from members.forms import RejectMemberForm
from members.models import User
from members.permissions import organizer_required
from members.selectors_vouching import vouches_required, with_vouches


@organizer_required
def member_review_list(request):
    status = request.GET.get("status", MembershipStatus.PENDING)
    if status not in MembershipStatus.values and status != "all":
        status = MembershipStatus.PENDING
    members = selectors.members_for_review(status=None if status == "all" else status)
    if vouches_required():
        members = with_vouches(members)
    page = Paginator(members, 25).get_page(request.GET.get("page"))
    counts = selectors.membership_counts()
    return render(
        request,
        "members/review_list.html",
        {
            "page": page,
            "status": status,
            "tabs": [(value, label, counts[value]) for value, label in MembershipStatus.choices],
        },
    )


@organizer_required
@require_POST
def member_approve(request, member_id: int):
    member = get_object_or_404(User, pk=member_id, deleted_at__isnull=True)
    try:
        member = services.member_approve(member=member, organizer=request.user)
    except services.MembershipDecisionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s is now an approved member.") % {"name": member})
    return redirect("organizers:members")


@organizer_required
def member_reject(request, member_id: int):
    member = get_object_or_404(User, pk=member_id, deleted_at__isnull=True)
    if refusal := services.member_reject_refusal(member):
        # Nothing to confirm: say why instead of a page whose button would do nothing.
        messages.error(request, refusal.message)
        return redirect("organizers:members")
    form = RejectMemberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_reject(
                member=member, organizer=request.user, reason=form.cleaned_data["reason"]
            )
        except services.MembershipDecisionError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The request from %(name)s was rejected.") % {"name": member}
            )
        return redirect("organizers:members")
    return render(
        request,
        "members/reject_member.html",
        {"applicant": member, "form": form},
        status=400 if form.is_bound else 200,
    )
