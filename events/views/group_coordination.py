"""Pages for running a group: creating one (organizers), editing it, and the coordinators'
queue: requests to join, invitations to co-host joint actions awaiting the group's answer, and
their members' roles."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.enums import InvitationStatus
from events.errors import ProposalRefused
from events.forms.groups import GroupCreateForm, GroupForm, InvitationAnswerForm
from events.models import ProposalInvitation
from events.selectors.invitations import invitations_awaiting_answer
from events.services.invitations import invitation_answer
from events.views.common import posted, report_refusal
from members.enums import GroupMembershipStatus
from members.models import GroupMembership
from members.permissions import organizer_required
from members.permissions_groups import group_coordinator_required
from members.selectors_groups import join_requests, visible_group_members
from members.services_groups import (
    GroupActionError,
    group_coordinator_set,
    group_create,
    group_membership_decide,
    group_update,
)

QUEUE_PAGE_SIZE = 25
DECISIONS = {"accept": True, "decline": False}
ROLE_CHANGES = {"make": True, "unmake": False}


@organizer_required
def create(request):
    form = GroupCreateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            group = group_create(
                organizer=request.user,
                slug=form.cleaned_data["slug"],
                fields=form.group_fields(),
                coordinator=form.coordinator,
            )
        except GroupActionError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("The group is created."))
            return redirect("groups:detail", slug=group.slug)
    return render(request, "events/groups/form.html", {"form": form, "group": None})


@group_coordinator_required(organizers_too=True)
def edit(request, group):
    form = GroupForm(posted(request), instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            group_update(group=group, by=request.user, fields=form.group_fields())
        except GroupActionError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("The group is saved."))
            return redirect("groups:detail", slug=group.slug)
    return render(request, "events/groups/form.html", {"form": form, "group": group})


def _queue_page(request, group, answered: InvitationAnswerForm | None = None, status: int = 200):
    """The queue; `answered`, an answer form refused, shown again with what was typed."""
    requests = Paginator(join_requests(group=group), QUEUE_PAGE_SIZE)
    invitations = [
        (invitation, answered if answered and answered.prefix == _prefix(invitation) else None)
        for invitation in invitations_awaiting_answer(group=group)
    ]
    return render(
        request,
        "events/groups/queue.html",
        {
            "group": group,
            "page": requests.get_page(request.GET.get("page")),
            "members": visible_group_members(group=group, viewer=request.user),
            "invitations": [
                (invitation, form or InvitationAnswerForm(prefix=_prefix(invitation)))
                for invitation, form in invitations
            ],
        },
        status=status,
    )


def _prefix(invitation: ProposalInvitation) -> str:
    return f"invitation-{invitation.pk}"


@group_coordinator_required()
def queue(request, group):
    return _queue_page(request, group)


@group_coordinator_required()
@require_POST
def answer_invitation(request, group, invitation_id: int):
    invitation = get_object_or_404(ProposalInvitation, pk=invitation_id, group=group)
    form = InvitationAnswerForm(request.POST, prefix=_prefix(invitation))
    if not form.is_valid():
        return _queue_page(request, group, answered=form, status=400)
    try:
        answered = invitation_answer(
            invitation=invitation,
            coordinator=request.user,
            join=form.joins,
            reason=form.cleaned_data["reason"],
        )
    except ProposalRefused as error:
        report_refusal(request, error)
    else:
        messages.success(
            request,
            _("Your group joins this joint action. The proposers are told.")
            if answered.status == InvitationStatus.JOINED
            else _("Your group declines this joint action. The proposers are told why."),
        )
    return redirect("groups:queue", slug=group.slug)


@group_coordinator_required()
@require_POST
def decide(request, group, membership_id: int):
    membership = get_object_or_404(GroupMembership, pk=membership_id, group=group)
    accept = DECISIONS.get(request.POST.get("decision", ""))
    if accept is None:
        messages.error(request, _("Choose whether to accept or decline the request."))
        return redirect("groups:queue", slug=group.slug)
    try:
        membership = group_membership_decide(
            membership=membership, coordinator=request.user, accept=accept
        )
    except GroupActionError as error:
        report_refusal(request, error)
    else:
        template = (
            _("%(name)s is now a member of the group.")
            if membership.status == GroupMembershipStatus.ACCEPTED
            else _("The request from %(name)s was declined.")
        )
        messages.success(request, template % {"name": membership.member})
    return redirect("groups:queue", slug=group.slug)


@group_coordinator_required()
@require_POST
def role(request, group, membership_id: int):
    membership = get_object_or_404(
        GroupMembership.objects.select_related("member"), pk=membership_id, group=group
    )
    make = ROLE_CHANGES.get(request.POST.get("role", ""))
    if make is None:
        messages.error(request, _("Choose whether to make this member a coordinator or not."))
        return redirect("groups:queue", slug=group.slug)
    try:
        group_coordinator_set(
            group=group, member=membership.member, make_coordinator=make, by=request.user
        )
    except GroupActionError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("The roles in the group are saved."))
    return redirect("groups:queue", slug=group.slug)
