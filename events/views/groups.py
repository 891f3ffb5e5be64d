"""The alliance's groups as everyone sees them: the list, a group's page, asking to join.

The groups live in members/ (models, services, selectors); their pages are here because a
group's page lists the joint actions it co-hosts and names countries, both events' matters.
"""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.forms.groups import GroupJoinForm
from events.selectors.events import EventFilters, upcoming_events
from events.views.common import report_refusal
from members.enums import GroupMembershipStatus
from members.permissions import approved_member_required, is_organizer
from members.selectors_groups import (
    coordinates_group,
    group_by_slug,
    groups_for_list,
    membership_of,
    visible_group_members,
)
from members.services_groups import GroupActionError, group_membership_request

# A group's page shows this many of its coming joint actions; the list filtered by the group
# (linked below them) has them all.
GROUP_PAGE_EVENTS = 20


def _group_or_404(slug: str):
    group = group_by_slug(slug)
    if group is None:
        raise Http404
    return group


def group_list(request):
    user = request.user
    return render(
        request,
        "events/groups/list.html",
        {
            "groups": groups_for_list(viewer=user),
            "can_create": is_organizer(user) and is_mfa_enabled(user),
        },
    )


def group_detail(request, slug: str):
    group = _group_or_404(slug)
    user = request.user
    membership = membership_of(member=user, group=group)
    coordinator = coordinates_group(user, group)
    people = list(visible_group_members(group=group, viewer=user))
    events = upcoming_events(user=user, filters=EventFilters(group=group.slug))
    shown_events = list(events[: GROUP_PAGE_EVENTS + 1])
    may_ask = (
        user.is_authenticated
        and user.is_approved
        and (membership is None or membership.status == GroupMembershipStatus.DECLINED)
    )
    return render(
        request,
        "events/groups/detail.html",
        {
            "group": group,
            "membership": membership,
            "is_coordinator": coordinator,
            "can_edit": coordinator or (is_organizer(user) and is_mfa_enabled(user)),
            "coordinators": [person for person in people if person.is_coordinator],
            "members": [person for person in people if not person.is_coordinator],
            "events": shown_events[:GROUP_PAGE_EVENTS],
            "more_events": len(shown_events) > GROUP_PAGE_EVENTS,
            "join_form": GroupJoinForm() if may_ask else None,
        },
    )


@approved_member_required
@require_POST
def group_join(request, slug: str):
    group = _group_or_404(slug)
    form = GroupJoinForm(request.POST)
    form.is_valid()  # one checkbox: any value reads as on or off
    try:
        group_membership_request(
            group=group,
            member=request.user,
            show_publicly=form.cleaned_data.get("show_publicly", False),
        )
    except GroupActionError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request, _("Your request is sent. The group's coordinators will answer it.")
        )
    return redirect("groups:detail", slug=group.slug)
