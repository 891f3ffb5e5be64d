"""Everything that writes the alliance's groups and their memberships.

Rights are checked here as well as by the views' decorators: who coordinates a group is a rule
of the group, not of a page. A refusal is a GroupActionError with a translated message.
"""

from typing import Any

from allauth.mfa.utils import is_mfa_enabled
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.enums import GroupMembershipStatus, GroupRole
from members.models import AllianceGroup, GroupMembership, User
from members.permissions import is_organizer
from members.selectors_groups import coordinates_group
from members.signals import group_membership_decided, group_membership_requested

# What the create and edit forms may set; the rest (slug aside) is the service's to keep.
GROUP_FIELDS = (
    "name_ar", "name_fa", "name_en", "description_ar", "description_fa", "description_en",
    "in_arabic", "in_persian", "in_english", "country", "in_exile",
)  # fmt: skip


class GroupActionError(ValidationError):
    pass


def _acts_as_organizer(user: User) -> bool:
    return is_organizer(user) and is_mfa_enabled(user)


def _refuse_unless_coordinator(group: AllianceGroup, user: User, *, organizers_too: bool) -> None:
    if coordinates_group(user, group) or (organizers_too and _acts_as_organizer(user)):
        return
    raise GroupActionError(_("Only the group's coordinators can do this."), code="not_coordinator")


def _apply(group: AllianceGroup, fields: dict[str, Any]) -> None:
    for name in GROUP_FIELDS:
        if name in fields:
            setattr(group, name, fields[name])
    group.country = "" if group.in_exile else (group.country or "")


@transaction.atomic
def group_create(
    *, organizer: User, slug: str, fields: dict[str, Any], coordinator: User
) -> AllianceGroup:
    """An organizer creates a group and names its first coordinator, who is a member of it from
    the start (no request of their own: the organizer appointed them)."""
    if not _acts_as_organizer(organizer):
        raise GroupActionError(_("Only organizers can create groups."), code="not_organizer")
    if not coordinator.is_approved:
        raise GroupActionError(
            _("The coordinator must be an approved member."), code="coordinator_not_approved"
        )
    group = AllianceGroup(slug=slug, created_by=organizer)
    _apply(group, fields)
    group.full_clean()
    group.save()
    now = timezone.now()
    GroupMembership.objects.create(
        group=group,
        member=coordinator,
        status=GroupMembershipStatus.ACCEPTED,
        role=GroupRole.COORDINATOR,
        requested_at=now,
        decided_by=organizer,
        decided_at=now,
    )
    return group


@transaction.atomic
def group_update(*, group: AllianceGroup, by: User, fields: dict[str, Any]) -> AllianceGroup:
    """Names, descriptions, languages and place; by its coordinators or an organizer."""
    _refuse_unless_coordinator(group, by, organizers_too=True)
    locked = AllianceGroup.objects.select_for_update().get(pk=group.pk)
    _apply(locked, fields)
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def group_membership_request(
    *, group: AllianceGroup, member: User, show_publicly: bool = False
) -> GroupMembership:
    """An approved member asks to join. Asking again after being declined reopens the same row
    (one per member and group, a database rule); a second click while the first request waits,
    or once accepted, is refused. The group's coordinators are told after commit
    (`group_membership_requested`), once per request."""
    if not member.is_approved:
        raise GroupActionError(
            _("Only approved members can ask to join a group."), code="not_approved"
        )
    membership = (
        GroupMembership.objects.select_for_update().filter(group=group, member=member).first()
    )
    if membership is None:
        try:
            with transaction.atomic():
                created = GroupMembership.objects.create(
                    group=group, member=member, show_publicly=show_publicly
                )
            _tell_coordinators(created)
            return created
        except IntegrityError:  # the same member's other tab got there first
            membership = GroupMembership.objects.select_for_update().get(group=group, member=member)
    if membership.status == GroupMembershipStatus.REQUESTED:
        raise GroupActionError(
            _("You have already asked to join this group; its coordinators will answer."),
            code="already_requested",
        )
    if membership.status == GroupMembershipStatus.ACCEPTED:
        raise GroupActionError(_("You are already a member of this group."), code="already_member")
    membership.status = GroupMembershipStatus.REQUESTED
    membership.show_publicly = show_publicly
    membership.requested_at = timezone.now()
    membership.decided_by = None
    membership.decided_at = None
    membership.save(
        update_fields=["status", "show_publicly", "requested_at", "decided_by", "decided_at"]
    )
    _tell_coordinators(membership)
    return membership


def _tell_coordinators(membership: GroupMembership) -> None:
    transaction.on_commit(
        lambda: group_membership_requested.send(sender=GroupMembership, membership_id=membership.pk)
    )


@transaction.atomic
def group_membership_decide(
    *, membership: GroupMembership, coordinator: User, accept: bool
) -> GroupMembership:
    """A coordinator of the group accepts or declines a request. Locks the row, so of two
    coordinators deciding at once the second is told it is decided; the member is told once,
    in their language, by a notice sent after commit (notifications/receivers.py)."""
    locked = (
        GroupMembership.objects.select_for_update().select_related("group").get(pk=membership.pk)
    )
    _refuse_unless_coordinator(locked.group, coordinator, organizers_too=False)
    if locked.status != GroupMembershipStatus.REQUESTED:
        raise GroupActionError(_("This request has already been answered."), code="already_decided")
    locked.status = GroupMembershipStatus.ACCEPTED if accept else GroupMembershipStatus.DECLINED
    locked.decided_by = coordinator
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    transaction.on_commit(
        lambda: group_membership_decided.send(sender=GroupMembership, membership_id=locked.pk)
    )
    return locked


@transaction.atomic
def group_coordinator_set(
    *, group: AllianceGroup, member: User, make_coordinator: bool, by: User
) -> GroupMembership:
    """Make an accepted member of the group a coordinator, or a plain member again; by the
    group's coordinators or an organizer. Nobody is put in a group without having asked, and
    the last coordinator cannot step down (an organizer names another first). Locks the group,
    so two coordinators stepping down at once cannot leave it with none."""
    _refuse_unless_coordinator(group, by, organizers_too=True)
    AllianceGroup.objects.select_for_update().filter(pk=group.pk).first()
    membership = (
        GroupMembership.objects.select_for_update()
        .filter(group=group, member=member, status=GroupMembershipStatus.ACCEPTED)
        .first()
    )
    if membership is None:
        raise GroupActionError(
            _("Only an accepted member of the group can be made a coordinator."),
            code="not_a_member",
        )
    role = GroupRole.COORDINATOR if make_coordinator else GroupRole.MEMBER
    if membership.role == role:
        return membership
    if not make_coordinator:
        others = GroupMembership.objects.filter(
            group=group, role=GroupRole.COORDINATOR, status=GroupMembershipStatus.ACCEPTED
        ).exclude(pk=membership.pk)
        if not others.exists():
            raise GroupActionError(
                _("A group needs at least one coordinator."), code="last_coordinator"
            )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def group_memberships_show(*, member: User, shown_group_ids: set[int]) -> int:
    """The member's own choice, per group, of whether other members may see they belong to it.
    Returns how many of their memberships changed."""
    memberships = GroupMembership.objects.filter(member=member)
    shown = memberships.filter(group_id__in=shown_group_ids, show_publicly=False).update(
        show_publicly=True
    )
    hidden = memberships.exclude(group_id__in=shown_group_ids).filter(show_publicly=True)
    return shown + hidden.update(show_publicly=False)
