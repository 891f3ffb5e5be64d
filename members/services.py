import uuid
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.digits import local_digits
from members.enums import Language, MembershipStatus
from members.models import ApiToken, GroupMembership, User, Vouch, VouchLink
from members.selectors_vouching import vouch_count, vouches_gate_approval, vouches_required
from members.signals import member_account_deleted, membership_decided


class MembershipDecisionError(ValidationError):
    pass


def announce_decision(member: User) -> None:
    transaction.on_commit(lambda: membership_decided.send(sender=User, member_id=member.pk))


def locked_member(member_id: int) -> User:
    return User.objects.select_for_update().get(pk=member_id, deleted_at__isnull=True)


def mark_approved(member: User, *, reviewer: User | None) -> None:
    """Write an approval on the locked `member` row: by `reviewer`, or None when the vouches of
    members approved them (members/services_vouching.py). The caller announces it."""
    member.membership_status = MembershipStatus.APPROVED
    member.membership_reviewed_by = reviewer
    member.membership_reviewed_at = timezone.now()
    member.membership_rejection_reason = ""
    member.save(
        update_fields=[
            "membership_status",
            "membership_reviewed_by",
            "membership_reviewed_at",
            "membership_rejection_reason",
        ]
    )


@transaction.atomic
def member_approve(*, member: User, organizer: User) -> User:
    """Approve a pending (or earlier rejected) member. Locks the row so two organizers deciding
    at once cannot both win. With MEMBERSHIP_APPROVAL "both", refused until enough members have
    vouched."""
    locked = locked_member(member.pk)
    if locked.membership_status == MembershipStatus.APPROVED:
        raise MembershipDecisionError(
            _("%(name)s is already an approved member.") % {"name": locked}, code="already"
        )
    required = vouches_required()
    if vouches_gate_approval() and vouch_count(member=locked) < required:
        raise MembershipDecisionError(
            ngettext(
                "%(name)s cannot be approved yet: %(count_shown)s approved member must vouch "
                "for them first.",
                "%(name)s cannot be approved yet: %(count_shown)s approved members must vouch "
                "for them first.",
                required,
            )
            % {"name": locked, "count_shown": local_digits(required)},
            code="too_few_vouches",
        )
    mark_approved(locked, reviewer=organizer)
    announce_decision(locked)
    return locked


def member_reject_refusal(member: User) -> MembershipDecisionError | None:
    """Why `member`'s request cannot be rejected, or None. Only a request awaiting approval
    can be: an approved member is not demoted from the rejection page, nor a rejection
    repeated. The confirmation page asks this before it offers anything."""
    if member.membership_status == MembershipStatus.PENDING:
        return None
    why = _("Only a membership request that is awaiting approval can be rejected.")
    if member.membership_status == MembershipStatus.APPROVED:
        already = _("%(name)s is already an approved member.") % {"name": member}
        why = f"{already} {why}"
    return MembershipDecisionError(why, code="not_pending")


@transaction.atomic
def member_reject(*, member: User, organizer: User, reason: str = "") -> User:
    """Reject a membership request awaiting approval (member_reject_refusal says why not)."""
    locked = locked_member(member.pk)
    if refusal := member_reject_refusal(locked):
        raise refusal
    locked.membership_status = MembershipStatus.REJECTED
    locked.membership_reviewed_by = organizer
    locked.membership_reviewed_at = timezone.now()
    locked.membership_rejection_reason = reason.strip()[:500]
    locked.save(
        update_fields=[
            "membership_status",
            "membership_reviewed_by",
            "membership_reviewed_at",
            "membership_rejection_reason",
        ]
    )
    announce_decision(locked)
    return locked


def member_set_language(*, member: User, language: str) -> None:
    if language in Language.values and member.preferred_language != language:
        member.preferred_language = language
        member.save(update_fields=["preferred_language"])


def member_sign_in_record(*, member: User, through_onion: bool) -> None:
    """Remember whether `member` signed up or signed in through the onion address: their mails
    link there unless they chose an address (members/links.py). A yes or no, never from where;
    one UPDATE, only when it changes."""
    if member.signed_in_through_onion != through_onion:
        member.signed_in_through_onion = through_onion
        User.objects.filter(pk=member.pk).update(signed_in_through_onion=through_onion)


@transaction.atomic
def member_delete_account(*, member: User) -> None:
    """Delete a member's account by scrubbing it into an anonymous tombstone.

    Other apps anonymise their rows through `member_account_deleted` inside this transaction, so
    either everything about the member is gone or nothing is. The unusable password also ends
    every other session the member had open (Django checks the password hash per session).
    """
    locked = locked_member(member.pk)
    member_account_deleted.send(sender=User, member_id=locked.pk)
    EmailAddress.objects.filter(user=locked).delete()
    Authenticator.objects.filter(user=locked).delete()
    GroupMembership.objects.filter(member=locked).delete()  # which groups one belonged to
    # Who vouched for whom names both people: it goes with either account (docs/PRIVACY.md).
    Vouch.objects.filter(Q(voucher=locked) | Q(member=locked)).delete()
    VouchLink.objects.filter(member=locked).delete()
    ApiToken.objects.filter(member=locked).delete()  # they stop working with the account
    locked.groups.clear()
    locked.user_permissions.clear()
    locked.email = f"deleted-{uuid.uuid4().hex}@deleted.invalid"
    locked.display_name = ""
    locked.bio = ""
    locked.time_zone = "UTC"
    locked.digit_style = ""
    # Which address they used says they use Tor: it goes with the account.
    locked.link_address = ""
    locked.signed_in_through_onion = False
    locked.membership_rejection_reason = ""
    locked.reminders_enabled = False
    locked.weekly_digest = False
    locked.is_active = False
    locked.is_staff = False
    locked.is_superuser = False
    locked.last_login = None
    locked.deleted_at = timezone.now()
    locked.set_unusable_password()
    locked.save()


def purge_unverified_signups() -> int:
    """Remove sign-ups whose address was never verified within the retention period.

    They never became members; keeping their addresses would only be a liability for people who
    may be at risk. Returns how many sign-ups were removed.
    """
    cutoff = timezone.now() - timedelta(days=settings.UNVERIFIED_SIGNUP_RETENTION_DAYS)
    stale = User.objects.filter(
        date_joined__lt=cutoff,
        last_login__isnull=True,
        is_staff=False,
        deleted_at__isnull=True,
    ).exclude(pk__in=EmailAddress.objects.filter(verified=True).values("user_id"))
    _total, per_model = stale.delete()
    return per_model.get(User._meta.label, 0)
