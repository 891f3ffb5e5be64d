"""Reads about the alliance's groups: who coordinates, who may see whose membership, the queue.

Who sees a membership (issue 13): the member themself and the group's coordinators always;
other approved members only when the member chose to show it. Coordinators are named to every
approved member, since they are who members turn to; a visitor who is not a member sees no
names at all, as the alliance's members may be at risk.
"""

from django.db.models import OuterRef, Q, QuerySet, Subquery

from members.enums import GroupMembershipStatus, GroupRole
from members.models import AllianceGroup, GroupMembership, User


def _is_active_member(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.deleted_at is None)


def groups_for_list(*, viewer) -> QuerySet[AllianceGroup]:
    """Every group, with `viewer_status`: the viewer's own membership status, or None."""
    groups = AllianceGroup.objects.order_by("slug")
    if not viewer.is_authenticated:
        return groups
    own = GroupMembership.objects.filter(group=OuterRef("pk"), member=viewer).values("status")
    return groups.annotate(viewer_status=Subquery(own[:1]))


def group_by_slug(slug: str) -> AllianceGroup | None:
    return AllianceGroup.objects.filter(slug=slug).first()


def coordinates_group(user, group: AllianceGroup) -> bool:
    if not _is_active_member(user):
        return False
    return GroupMembership.objects.filter(
        group=group,
        member=user,
        role=GroupRole.COORDINATOR,
        status=GroupMembershipStatus.ACCEPTED,
    ).exists()


def membership_of(*, member, group: AllianceGroup) -> GroupMembership | None:
    if not member.is_authenticated:
        return None
    return GroupMembership.objects.filter(group=group, member=member).first()


def group_coordinators(*, group: AllianceGroup) -> QuerySet[GroupMembership]:
    return (
        GroupMembership.objects.filter(
            group=group, role=GroupRole.COORDINATOR, status=GroupMembershipStatus.ACCEPTED
        )
        .select_related("member")
        .order_by("member__display_name", "pk")
    )


def visible_group_members(*, group: AllianceGroup, viewer) -> QuerySet[GroupMembership]:
    """Accepted members of `group` whom `viewer` may see listed (module docstring): all of them
    for its coordinators; for another approved member, those who chose to show it, the
    coordinators and themself; for anyone else, nobody."""
    accepted = GroupMembership.objects.filter(
        group=group, status=GroupMembershipStatus.ACCEPTED, member__deleted_at__isnull=True
    )
    if coordinates_group(viewer, group):
        members = accepted
    elif _is_active_member(viewer) and viewer.is_approved:
        members = accepted.filter(
            Q(show_publicly=True) | Q(role=GroupRole.COORDINATOR) | Q(member=viewer)
        )
    else:
        members = accepted.none()
    return members.select_related("member").order_by("member__display_name", "pk")


def join_requests(*, group: AllianceGroup) -> QuerySet[GroupMembership]:
    """A coordinator's queue: requests not yet decided, oldest first."""
    return (
        GroupMembership.objects.filter(group=group, status=GroupMembershipStatus.REQUESTED)
        .select_related("member")
        .order_by("requested_at", "pk")
    )


def memberships_of_member(*, member: User) -> QuerySet[GroupMembership]:
    """Everything the member asked for and belongs to, for their own page."""
    return (
        GroupMembership.objects.filter(member=member)
        .select_related("group")
        .order_by("group__slug", "pk")
    )


def coordinated_groups(*, member) -> QuerySet[AllianceGroup]:
    if not _is_active_member(member):
        return AllianceGroup.objects.none()
    return AllianceGroup.objects.filter(
        memberships__member=member,
        memberships__role=GroupRole.COORDINATOR,
        memberships__status=GroupMembershipStatus.ACCEPTED,
    ).order_by("slug")
