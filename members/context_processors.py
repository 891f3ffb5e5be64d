from members.enums import MembershipStatus
from members.permissions import is_organizer
from members.selectors_vouching import vouches_approve, vouches_required


def membership(request):
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    return {
        "is_organizer": signed_in and is_organizer(user),
        "membership_pending": signed_in and user.membership_status == MembershipStatus.PENDING,
        "membership_rejected": signed_in and user.membership_status == MembershipStatus.REJECTED,
        # Settings only, no query: the pending banner offers the vouching link (issue 13).
        "vouches_required": vouches_required(),
        "vouches_approve": vouches_approve(),
    }
