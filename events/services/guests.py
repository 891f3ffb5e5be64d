from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.enums import RsvpStatus, Visibility
from events.errors import RsvpRefused
from events.guests import new_guest_token, token_digest
from events.models import Event, Rsvp
from events.services.rsvps import place_answer, refuse_if_closed
from events.services.waitlist import waitlist_fill
from events.signals import guest_address_has_account, guest_verification_requested, rsvp_answered
from members.enums import Language
from members.selectors import member_by_address
from members.validators import visible_or_empty


@transaction.atomic
def rsvp_guest_request(
    *,
    event: Event,
    name: str,
    email: str,
    language: str,
    answer: str,
    interpretation: str = "",
    accessibility_needs: str = "",
    listed_consent: bool = False,
    through_onion: bool = False,
) -> str | None:
    """Start (or restart) a guest's registration and return the token for their link.

    The answer holds no place until the guest follows the link sent to their address. Whether
    the address had registered before, or is a member's, is never told to the person filling in
    the form (allauth's ACCOUNT_PREVENT_ENUMERATION, kept here too). A member's address, compared
    without regard to case, takes no guest answer: its owner is mailed to sign in instead, and
    None is returned.

    `through_onion`: the form came through the onion service; the guest's later mails link
    there (`Rsvp.guest_through_onion`), as does the link mailed now (events/receivers.py).
    """
    if not visible_or_empty(name):
        raise RsvpRefused(_("Please enter your name."))
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if not locked.guest_registration or locked.visibility != Visibility.PUBLIC:
        raise RsvpRefused(_("This event does not take registrations without an account."))
    refuse_if_closed(locked, answer)
    if member_by_address(email) is not None:
        transaction.on_commit(
            lambda: guest_address_has_account.send(sender=Event, event_id=locked.pk, email=email)
        )
        return None
    token, digest = new_guest_token()
    rsvp = Rsvp.objects.filter(event=locked, member__isnull=True, guest_email__iexact=email).first()
    if rsvp is None or rsvp.verified_at is None:
        rsvp = rsvp or Rsvp(event=locked, guest_email=email.lower())
        rsvp.guest_name = visible_or_empty(name)
        rsvp.guest_language = language if language in Language.values else "en"
        rsvp.status = answer
        rsvp.interpretation = interpretation
        rsvp.accessibility_needs = accessibility_needs.strip()
        rsvp.listed_consent = listed_consent
    # A verified guest only gets a fresh link to their answer; nothing changes until they use it.
    rsvp.guest_token = digest
    rsvp.guest_through_onion = through_onion
    rsvp.full_clean(exclude=["checkin_code", "waitlisted_at"])
    rsvp.save()
    transaction.on_commit(
        lambda: guest_verification_requested.send(sender=Rsvp, rsvp_id=rsvp.pk, token=token)
    )
    return token


def guest_rsvp_by_token(*, event_id: int, token: str) -> Rsvp | None:
    if not token:
        return None
    return (
        Rsvp.objects.select_related("event")
        .filter(event_id=event_id, member__isnull=True, guest_token=token_digest(token))
        .first()
    )


@transaction.atomic
def rsvp_guest_confirm(*, rsvp: Rsvp, through_onion: bool = False) -> Rsvp:
    """The guest followed their link: the address is verified and the answer takes its place.
    Their later mails link to the address they confirmed through (`through_onion`).

    Refused when the address has become a member's since the link was sent: the place then
    goes with the account (events/services/merging.py), never beside it. Whoever holds the link
    reads the mailbox, so saying so tells them nothing new.
    """
    locked_event = Event.objects.select_for_update().get(pk=rsvp.event_id)
    locked = Rsvp.objects.get(pk=rsvp.pk)
    if locked.verified_at is not None:
        return locked
    refuse_if_closed(locked_event, locked.status)
    if member_by_address(locked.guest_email) is not None:
        raise RsvpRefused(
            _("This address belongs to a member's account. Sign in to answer with it."),
            code="members_address",
        )
    requested = locked.status
    locked.verified_at = timezone.now()
    locked.guest_through_onion = through_onion
    place_answer(locked_event, locked, requested, is_new=True)
    locked.save()
    transaction.on_commit(lambda: rsvp_answered.send(sender=Rsvp, rsvp_id=locked.pk))
    return locked


@transaction.atomic
def rsvp_guest_change(*, rsvp: Rsvp, answer: str, through_onion: bool = False) -> Rsvp:
    """A verified guest changes their answer from their link's page; their later mails link
    to the address they did it through (`through_onion`)."""
    locked_event = Event.objects.select_for_update().get(pk=rsvp.event_id)
    locked = Rsvp.objects.get(pk=rsvp.pk)
    refuse_if_closed(locked_event, answer)
    before = locked.status
    place_answer(locked_event, locked, answer, is_new=False)
    locked.guest_through_onion = through_onion
    locked.save()
    if before == RsvpStatus.GOING and locked.status != RsvpStatus.GOING:
        waitlist_fill(event=locked_event)
    status_changed = locked.status != before
    transaction.on_commit(
        lambda: rsvp_answered.send(sender=Rsvp, rsvp_id=locked.pk, status_changed=status_changed)
    )
    return locked
