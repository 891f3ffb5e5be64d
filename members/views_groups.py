from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from members.forms_groups import GroupVisibilityForm
from members.selectors_groups import memberships_of_member
from members.services_groups import group_memberships_show


@login_required
def my_groups(request):
    """The member's groups and requests, and whether other members may see each membership."""
    memberships = list(memberships_of_member(member=request.user))
    form = GroupVisibilityForm(
        request.POST if request.method == "POST" else None, memberships=memberships
    )
    if request.method == "POST" and form.is_valid():
        group_memberships_show(member=request.user, shown_group_ids=form.shown_group_ids())
        messages.success(request, _("Your choices are saved."))
        return redirect("members:groups")
    return render(request, "members/groups.html", {"memberships": memberships, "form": form})
