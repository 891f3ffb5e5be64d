"""Who a message goes to, in which language, zone and digits, and whether they still want it."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from events.enums import RsvpStatus
from events.models import Rsvp
from members.links import member_uses_onion
from members.models import User
from notifications.models import Suppression
from notifications.unsubscribe import MEMBER_FLAGS, scope_for


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str
    time_zone: str
    digit_style: str
    member_id: int | None
    # Links on the onion address instead of SITE_URL (members/links.py).
    onion: bool = False


def for_member(member: User) -> Recipient:
    return Recipient(
        email=member.email,
        name=member.display_name,
        language=member.preferred_language,
        time_zone=member.time_zone,
        digit_style=getattr(member, "digit_style", ""),
        member_id=member.pk,
        onion=member_uses_onion(member),
    )


def for_guest(rsvp: Rsvp) -> Recipient:
    return Recipient(
        email=rsvp.guest_email,
        name=rsvp.guest_name,
        language=rsvp.guest_language or settings.LANGUAGE_CODE,
        time_zone=rsvp.event.time_zone,
        digit_style="",
        member_id=None,
        # A guest has no account to keep a choice in: the address they last answered through.
        onion=bool(settings.ONION_URL) and rsvp.guest_through_onion,
    )


def one_answer_per_address(answers: Iterable[Rsvp]) -> list[Rsvp]:
    """The answers with at most one per event and address, compared without regard to case, in
    their order. Where one address answered twice (as a member and as a guest, from before
    guest registration checked members' addresses), the answer going wins, then the member's:
    the person hears once, and the choice is the same at every run. `member` must be loaded."""
    chosen: dict[tuple[int, str], Rsvp] = {}
    for rsvp in answers:
        address = (rsvp.email or "").strip().lower() or f"#{rsvp.pk}"
        key = (rsvp.event_id, address)
        held = chosen.get(key)
        if held is None or _preference(rsvp) < _preference(held):
            chosen[key] = rsvp
    return list(chosen.values())


def _preference(rsvp: Rsvp) -> tuple[bool, bool]:
    return rsvp.status != RsvpStatus.GOING, rsvp.member_id is None


def why_not_send(recipient_member: User | None, email: str, kind: str) -> str:
    """A reason not to send (empty when the message may go)."""
    if recipient_member is not None:
        if recipient_member.deleted_at is not None or not recipient_member.is_active:
            return "the account was deleted or deactivated"
        if not recipient_member.email:
            return "the member has no email address"
        if not getattr(recipient_member, MEMBER_FLAGS[scope_for(kind)]):
            return "the member turned this kind of mail off"
        return ""
    if not email:
        return "no email address"
    if Suppression.objects.filter(email__iexact=email, scope=scope_for(kind)).exists():
        return "the address unsubscribed"
    return ""
