"""Services for membership by vouching (issue 13); the reads are in selectors_vouching."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.enums import MembershipStatus
from members.models import User, Vouch, VouchLink
from members.models_vouching import link_digest
from members.selectors_vouching import vouches_approve, vouches_required
from members.services import announce_decision, locked_member, mark_approved


class VouchError(ValidationError):
    pass


@transaction.atomic
def vouch_link_create(*, member: User) -> str:
    """Give a pending member a new vouching link's token and return it; only its digest is
    stored, so this is the one time it can be shown. An earlier link stops working at once."""
    if vouches_required() == 0 or member.membership_status != MembershipStatus.PENDING:
        raise VouchError(_("Only a member awaiting approval needs vouches."), code="not_pending")
    token = secrets.token_urlsafe(32)
    VouchLink.objects.update_or_create(
        member=member, defaults={"digest": link_digest(token), "created_at": timezone.now()}
    )
    return token


@transaction.atomic
def member_vouch(*, member: User, voucher: User) -> bool:
    """Record `voucher`'s vouch for the pending `member`; True if it is new.

    Locks the member's row, so vouches for one person are counted one at a time. Vouching again
    changes nothing. In "vouches" mode the vouch that reaches MEMBERSHIP_VOUCHES_REQUIRED
    approves the member (no organizer is recorded) and sends the one approval notice, after
    commit, through `membership_decided` like an organizer's approval.
    """
    required = vouches_required()
    if required == 0:
        raise VouchError(_("This site does not use vouching."), code="off")
    if voucher.pk == member.pk:
        raise VouchError(_("You cannot vouch for yourself."), code="self")
    voucher = User.objects.get(pk=voucher.pk)
    if not (voucher.is_approved and voucher.is_active):
        raise VouchError(_("Only approved members can vouch."), code="voucher_not_approved")
    locked = locked_member(member.pk)
    if locked.membership_status != MembershipStatus.PENDING:
        raise VouchError(_("This request no longer awaits vouches."), code="not_pending")
    _vouch, created = Vouch.objects.get_or_create(voucher=voucher, member=locked)
    if created and vouches_approve() and Vouch.objects.filter(member=locked).count() >= required:
        mark_approved(locked, reviewer=None)
        VouchLink.objects.filter(member=locked).delete()
        announce_decision(locked)
    return created
