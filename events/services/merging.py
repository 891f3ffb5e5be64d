"""One person, one place: a member's answer and guest answers given with their address merge.

Guest registration refuses a member's address (events/services/guests.py), but an address can
become a member's after a guest answered with it: the person joins, or adds it to their account.
The answers then merge here, when the member answers and when they confirm the address.
"""

from datetime import UTC, datetime

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from events.enums import RsvpStatus
from events.models import Event, Rsvp
from events.services.waitlist import waitlist_fill
from members.models import User
from members.selectors import member_addresses, verified_addresses

STANDING = {
    RsvpStatus.GOING: 0,
    RsvpStatus.WAITLISTED: 1,
    RsvpStatus.MAYBE: 2,
    RsvpStatus.NOT_GOING: 3,
}
NOT_WAITING = datetime(1970, 1, 1, tzinfo=UTC)


def _standing(rsvp: Rsvp) -> tuple:
    # Going first, then the earliest on the waitlist, maybe, not going; the member's own on a tie.
    waiting_since = rsvp.waitlisted_at if rsvp.status == RsvpStatus.WAITLISTED else NOT_WAITING
    return STANDING.get(rsvp.status, len(STANDING)), waiting_since, rsvp.member_id is None


def _guest_answers(addresses: set[str]):
    return Rsvp.objects.alias(address=Lower("guest_email")).filter(
        member__isnull=True, address__in=addresses
    )


def merge_guest_answers(event: Event, member: User) -> tuple[Rsvp | None, bool]:
    """Fold the guest answers to `event` given with one of the member's addresses into theirs.

    Of the member's answer and the verified guest answers, the one standing best survives as
    the member's (see `_standing`), keeping its check-in code and its place in the waitlist;
    the others are deleted, and a place they held goes to the next on the waitlist. A guest
    answer never verified holds nothing and is deleted. The caller holds the event's row lock.

    Returns (the member's answer or None, whether guest answers were merged).
    """
    # One query, run under the event's lock that every other answer to it waits for.
    theirs = Q(member=member) | Q(
        Q(address=member.email.lower()) | Q(address__in=verified_addresses(member)),
        member__isnull=True,
    )
    found = list(Rsvp.objects.alias(address=Lower("guest_email")).filter(theirs, event=event))
    own = next((rsvp for rsvp in found if rsvp.member_id == member.pk), None)
    guests = [rsvp for rsvp in found if rsvp.member_id is None]
    if not guests:
        return own, False
    answers = [rsvp for rsvp in (own, *guests) if rsvp is not None]
    counted = [rsvp for rsvp in answers if rsvp.member_id or rsvp.verified_at]
    kept = min(counted, key=_standing) if counted else None
    freed_a_place = False
    for rsvp in answers:
        if rsvp is not kept:
            freed_a_place |= rsvp in counted and rsvp.status == RsvpStatus.GOING
            rsvp.delete()
    if kept is not None and kept.member_id is None:
        kept.member = member
        kept.guest_name = kept.guest_email = kept.guest_language = ""
        kept.guest_token = ""  # emptied, not a secret: the link stops working.  # nosec B105
        kept.guest_through_onion = False  # the member's own choice of address counts now
        kept.save()
    if freed_a_place:
        waitlist_fill(event=event)
    return kept, True


@transaction.atomic
def rsvp_merge_for_member(*, member: User) -> int:
    """Merge the guest answers given with any of the member's addresses, for every event that
    has not ended. Called when a member confirms an address. Locks each event's row in turn,
    in id order (as every answer does), and returns how many events had answers merged."""
    event_ids = (
        _guest_answers(member_addresses(member))
        .filter(event__ends_at__gt=timezone.now())
        .values("event_id")
    )
    merged = 0
    for event in Event.objects.select_for_update().filter(pk__in=event_ids).order_by("pk"):
        merged += merge_guest_answers(event, member)[1]
    return merged
