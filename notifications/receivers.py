"""Notices follow what events/ and members/ announce; both send their signals after commit."""

from django.dispatch import receiver

from events import signals as event_signals
from members.models import GroupMembership, User
from members.signals import (
    group_membership_decided,
    group_membership_requested,
    membership_decided,
)
from notifications.services import notices
from notifications.services.deliveries import deliveries_erase_personal_data


@receiver(event_signals.rsvp_answered)
def on_rsvp_answered(sender, rsvp_id: int, status_changed: bool = True, **kwargs) -> None:
    # A changed need or consent alone confirms nothing new: "Your answer: Maybe" again.
    if status_changed:
        notices.notice_rsvp_answered(rsvp_id=rsvp_id)


@receiver(event_signals.rsvp_promoted)
def on_rsvp_promoted(sender, rsvp_id: int, **kwargs) -> None:
    notices.notice_rsvp_promoted(rsvp_id=rsvp_id)


@receiver(event_signals.event_changed)
def on_event_changed(sender, change_id: int, message: str = "", **kwargs) -> None:
    notices.notice_event_changed(change_id=change_id, message=message)


@receiver(event_signals.event_personal_data_erased)
def on_event_personal_data_erased(sender, event_id: int, **kwargs) -> None:
    # Sent inside the erasing transaction: both apps' parts go together, or neither does.
    deliveries_erase_personal_data(event_id=event_id)


@receiver(event_signals.proposal_decided)
def on_proposal_decided(sender, proposal_id: int, **kwargs) -> None:
    notices.notice_proposal_decided(proposal_id=proposal_id)


@receiver(event_signals.proposal_commented)
def on_proposal_commented(sender, comment_id: int, **kwargs) -> None:
    notices.notice_proposal_commented(comment_id=comment_id)


@receiver(event_signals.proposal_groups_invited)
def on_proposal_groups_invited(sender, proposal_id: int, **kwargs) -> None:
    notices.notice_proposal_groups_invited(proposal_id=proposal_id)


@receiver(event_signals.proposal_invitation_answered)
def on_proposal_invitation_answered(sender, invitation_id: int, **kwargs) -> None:
    notices.notice_proposal_invitation_answered(invitation_id=invitation_id)


@receiver(membership_decided, sender=User)
def on_membership_decided(sender, member_id: int, **kwargs) -> None:
    notices.notice_membership_decided(member_id=member_id)


@receiver(group_membership_requested, sender=GroupMembership)
def on_group_membership_requested(sender, membership_id: int, **kwargs) -> None:
    notices.notice_group_membership_requested(membership_id=membership_id)


@receiver(group_membership_decided, sender=GroupMembership)
def on_group_membership_decided(sender, membership_id: int, **kwargs) -> None:
    notices.notice_group_membership_decided(membership_id=membership_id)
