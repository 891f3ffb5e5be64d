"""Who a message goes to, in which language, zone and digits, and whether they still want it."""

from dataclasses import dataclass

from django.conf import settings

from events.models import Rsvp
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


def for_member(member: User) -> Recipient:
    return Recipient(
        email=member.email,
        name=member.display_name,
        language=member.preferred_language,
        time_zone=member.time_zone,
        digit_style=getattr(member, "digit_style", ""),
        member_id=member.pk,
    )


def for_guest(rsvp: Rsvp) -> Recipient:
    return Recipient(
        email=rsvp.guest_email,
        name=rsvp.guest_name,
        language=rsvp.guest_language or settings.LANGUAGE_CODE,
        time_zone=rsvp.event.time_zone,
        digit_style="",
        member_id=None,
    )


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
