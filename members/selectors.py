from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.utils import is_mfa_enabled
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower

from members.enums import MembershipStatus
from members.models import User
from members.selectors_tokens import api_tokens_export
from members.selectors_vouching import vouches_export
from members.signals import member_data_requested


def members_for_review(*, status: str | None = None) -> QuerySet[User]:
    """Members an organizer reviews, oldest request first; deleted accounts never appear."""
    members = User.objects.filter(deleted_at__isnull=True).select_related("membership_reviewed_by")
    if status in MembershipStatus.values:
        members = members.filter(membership_status=status)
    return members.order_by("date_joined", "pk")


def membership_counts() -> dict[str, int]:
    counts = dict.fromkeys(MembershipStatus.values, 0)
    rows = (
        User.objects.filter(deleted_at__isnull=True)
        .values("membership_status")
        .order_by()
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["membership_status"]] = row["n"]
    return counts


def member_by_address(email: str) -> User | None:
    """The active member who holds `email` — as the account's address or as one of its verified
    addresses — compared without regard to case, as allauth compares them; None for nobody."""
    address = email.strip().lower()
    if not address:
        return None
    verified = EmailAddress.objects.alias(address=Lower("email")).filter(
        address=address, verified=True
    )
    return (
        User.objects.alias(address=Lower("email"))
        .filter(
            Q(address=address) | Q(pk__in=verified.values("user_id")),
            is_active=True,
            deleted_at__isnull=True,
        )
        .order_by("pk")
        .first()
    )


def verified_addresses(member: User) -> QuerySet:
    """The member's verified addresses, lowercased, as a query of one column `address` (to
    use inside another query: `…filter(email__in=verified_addresses(member))`)."""
    return (
        EmailAddress.objects.filter(user=member, verified=True)
        .annotate(address=Lower("email"))
        .values("address")
    )


def member_addresses(member: User) -> set[str]:
    """Every address that is the member's, lowercased: the account's and each verified one."""
    verified = verified_addresses(member).values_list("address", flat=True)
    return {address for address in [member.email.lower(), *verified] if address}


def member_data_export(*, member: User) -> dict[str, Any]:
    """Everything Tadamun holds about a member, as the member may download it.

    Secrets (password hash, TOTP seed, recovery codes) are left out: they are not the member's
    data to read but keys to their account.
    """
    data: dict[str, Any] = {
        "profile": {
            "email": member.email,
            "display_name": member.display_name,
            "preferred_language": member.preferred_language,
            "time_zone": member.time_zone,
            "digit_style": member.digit_style,
            "bio": member.bio,
            "date_joined": member.date_joined.isoformat(),
            "last_login": member.last_login.isoformat() if member.last_login else None,
        },
        "membership": {
            "status": member.membership_status,
            "reviewed_at": (
                member.membership_reviewed_at.isoformat() if member.membership_reviewed_at else None
            ),
            "rejection_reason": member.membership_rejection_reason,
            "roles": sorted(member.groups.values_list("name", flat=True)),
        },
        "notification_preferences": {
            "reminders_enabled": member.reminders_enabled,
            "remind_week_before": member.remind_week_before,
            "remind_day_before": member.remind_day_before,
            "remind_hour_before": member.remind_hour_before,
            "remind_when_maybe": member.remind_when_maybe,
            "weekly_digest": member.weekly_digest,
            "email_notices": member.email_notices,
            "link_address": member.link_address,
            "signed_in_through_onion": member.signed_in_through_onion,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=member).order_by("pk")
        ],
        "two_factor_authentication_enabled": is_mfa_enabled(member),
        "groups": [
            {
                "group": membership.group.slug,
                "status": membership.status,
                "role": membership.role,
                "shown_to_other_members": membership.show_publicly,
                "asked_at": membership.requested_at.isoformat(),
                "decided_at": (
                    membership.decided_at.isoformat() if membership.decided_at else None
                ),
            }
            for membership in member.group_memberships.select_related("group").order_by("pk")
        ],
        "vouches": vouches_export(member=member),
        "api_tokens": api_tokens_export(member=member),
    }
    for _receiver, section in member_data_requested.send(sender=User, member=member):
        if section:
            name, value = section
            data[name] = value
    return data
