"""Reads for membership by vouching: the site's setting, a link's member, vouch counts."""

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from members.enums import ApprovalMode, MembershipStatus
from members.models import User, Vouch, VouchLink
from members.models_vouching import link_digest


def vouches_required() -> int:
    """How many vouches a new member needs; 0 when the site does not use vouching."""
    if settings.MEMBERSHIP_APPROVAL == ApprovalMode.ORGANIZER:
        return 0
    return max(settings.MEMBERSHIP_VOUCHES_REQUIRED, 0)


def vouches_approve() -> bool:
    """True when enough vouches approve a member by themselves, without an organizer."""
    return vouches_required() > 0 and settings.MEMBERSHIP_APPROVAL == ApprovalMode.VOUCHES


def vouches_gate_approval() -> bool:
    """True when an organizer may approve only a member who has enough vouches."""
    return vouches_required() > 0 and settings.MEMBERSHIP_APPROVAL == ApprovalMode.BOTH


def vouch_count(*, member: User) -> int:
    return Vouch.objects.filter(member=member).count()


def member_of_vouch_link(token: str) -> User | None:
    """The pending member whose link this is; None for a forged or replaced link, and for a
    member no longer awaiting approval (their link stops working)."""
    link = (
        VouchLink.objects.select_related("member")
        .filter(
            digest=link_digest(token),
            member__membership_status=MembershipStatus.PENDING,
            member__deleted_at__isnull=True,
            member__is_active=True,
        )
        .first()
    )
    return link.member if link else None


def has_vouched(*, voucher: User, member: User) -> bool:
    return Vouch.objects.filter(voucher=voucher, member=member).exists()


def with_vouches(members: QuerySet[User]) -> QuerySet[User]:
    """`members` with their vouches and each voucher fetched in two queries, for the review
    list: `member.vouches_received.all()`."""
    vouches = Vouch.objects.select_related("voucher").order_by("created_at", "pk")
    return members.prefetch_related(Prefetch("vouches_received", queryset=vouches))


def vouches_export(*, member: User) -> dict[str, list[dict]]:
    """The vouches a member gave and received, for their data download."""
    given = Vouch.objects.filter(member__deleted_at__isnull=True, voucher=member)
    received = Vouch.objects.filter(voucher__deleted_at__isnull=True, member=member)
    return {
        "given": [
            {"member": vouch.member.display_name, "vouched_at": vouch.created_at.isoformat()}
            for vouch in given.select_related("member")
        ],
        "received": [
            {"voucher": vouch.voucher.display_name, "vouched_at": vouch.created_at.isoformat()}
            for vouch in received.select_related("voucher")
        ],
    }
