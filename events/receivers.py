"""How events/ reacts to what members/ announces, and to changes the cached lists depend on."""

import logging

from allauth.account.signals import email_confirmed
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from events.enums import RsvpStatus
from events.listing import listing_changed
from events.models import (
    CalendarFeedToken,
    CoProposerLink,
    Event,
    EventCohost,
    ProposalComment,
    ProposalInvitation,
    Rsvp,
    Session,
    Topic,
)
from events.services.merging import rsvp_merge_for_member
from events.services.waitlist import waitlist_fill
from events.signals import guest_address_has_account, guest_verification_requested
from events.tasks import send_guest_account_hint, send_guest_link
from members.links import links_through_onion
from members.models import AllianceGroup, GroupMembership, User
from members.signals import member_account_deleted, member_data_requested
from notifications.retries import error_summary

logger = logging.getLogger(__name__)


@receiver(member_account_deleted, sender=User)
def anonymise_answers(sender, member_id: int, **kwargs) -> None:
    """A deleted member's answers stay counted for past events but say nothing about them; a
    seat they held at a coming event goes to the next on the waitlist. An answer checked in at
    an event under way stays as it is: the person came, and stays counted as going and
    arrived, like an answer to a past event (every count of the dashboard, the attendee list,
    the door list and the exports agrees)."""
    answers = Rsvp.objects.filter(member_id=member_id)
    answers.update(accessibility_needs="", listed_consent=False, interpretation="")
    upcoming = answers.filter(
        event__ends_at__gt=timezone.now(),
        status__in=[RsvpStatus.GOING, RsvpStatus.WAITLISTED, RsvpStatus.MAYBE],
        checked_in_at__isnull=True,
    )
    event_ids = list(upcoming.values_list("event_id", flat=True))
    upcoming.update(status=RsvpStatus.NOT_GOING, waitlisted_at=None)
    for event in Event.objects.select_for_update().filter(pk__in=event_ids).order_by("pk"):
        waitlist_fill(event=event)


@receiver(member_data_requested, sender=User)
def export_answers(sender, member, **kwargs):
    return (
        "event_answers",
        [
            {
                "event": str(rsvp.event),
                "event_starts_at": rsvp.event.starts_at.isoformat(),
                "answer": rsvp.status,
                "interpretation": rsvp.interpretation,
                "accessibility_needs": rsvp.accessibility_needs,
                "listed_consent": rsvp.listed_consent,
                # The co-hosting groups whose coordinators may see the member's name.
                "name_shared_with_groups": sorted(
                    group.slug for group in rsvp.shared_with_groups.all()
                ),
                "checked_in_at": rsvp.checked_in_at.isoformat() if rsvp.checked_in_at else None,
                "answered_at": rsvp.created_at.isoformat(),
            }
            for rsvp in Rsvp.objects.filter(member=member)
            .select_related("event")
            .prefetch_related("shared_with_groups")
        ],
    )


@receiver(member_data_requested, sender=User)
def export_proposals(sender, member, **kwargs):
    return (
        "proposals",
        [
            {
                "title_ar": proposal.title_ar,
                "title_fa": proposal.title_fa,
                "title_en": proposal.title_en,
                "state": proposal.state,
                "created_at": proposal.created_at.isoformat(),
                "comments": [
                    {"body": comment.body, "written_at": comment.created_at.isoformat()}
                    for comment in proposal.comments.all()
                    if comment.author_id == member.pk
                ],
            }
            for proposal in member.proposals.prefetch_related("comments")
        ],
    )


@receiver(member_data_requested, sender=User)
def export_proposal_comments(sender, member, **kwargs):
    """Every comment the member wrote, on anyone's proposal (members comment on others' too)."""
    comments = ProposalComment.objects.filter(author=member).select_related("proposal")
    return (
        "proposal_comments",
        [
            {
                "proposal": str(comment.proposal),
                "body": comment.body,
                "written_at": comment.created_at.isoformat(),
                "hidden_by_organizers": comment.is_hidden,
            }
            for comment in comments
        ],
    )


@receiver(member_data_requested, sender=User)
def export_invitation_answers(sender, member, **kwargs):
    """The answers the member gave for their groups to invitations to co-host."""
    answers = ProposalInvitation.objects.filter(answered_by=member).select_related(
        "proposal", "group"
    )
    return (
        "group_invitation_answers",
        [
            {
                "proposal": str(answer.proposal),
                "group": str(answer.group),
                "answer": answer.status,
                "reason": answer.reason,
                "answered_at": answer.answered_at.isoformat(),
            }
            for answer in answers
        ],
    )


def _mail_soon(task, *args, **kwargs) -> None:
    """Enqueue a mail task, or send it right here when the broker cannot be reached.

    Unlike notices, these mails are written down nowhere to be sent later (a guest's link is
    known only now: the database keeps its digest), so they cannot wait for Redis to return.
    A mail server that fails too is logged; the guest can ask for the link again.
    """
    try:
        task.delay(*args, **kwargs)
    except KombuOperationalError as error:
        logger.warning("Broker unreachable, sending %s from this process: %s", task.name, error)
        try:
            task(*args, **kwargs)
        except OSError as error:  # smtplib's too; its text may quote the address, not logged
            logger.warning("Could not send %s either: %s", task.name, error_summary(error))


@receiver(guest_verification_requested, sender=Rsvp)
def email_guest_link(sender, rsvp_id: int, token: str, **kwargs) -> None:
    # Sent from on_commit already: the row the task reads is committed. A guest has no account
    # to keep a choice of address in: the link opens the one they registered through.
    _mail_soon(send_guest_link, rsvp_id, token, onion=links_through_onion())


@receiver(guest_address_has_account, sender=Event)
def email_account_hint(sender, event_id: int, email: str, **kwargs) -> None:
    _mail_soon(send_guest_account_hint, event_id, email, onion=links_through_onion())


@receiver(email_confirmed)
def merge_guest_answers(sender, email_address, **kwargs) -> None:
    """An address just proved to be a member's: answers given with it as a guest join theirs."""
    if email_address.user_id is not None:
        rsvp_merge_for_member(member=email_address.user)


@receiver(member_account_deleted, sender=User)
def revoke_private_calendar(sender, member_id: int, **kwargs) -> None:
    """A deleted member's private calendar address stops working with the account."""
    CalendarFeedToken.objects.filter(member_id=member_id).delete()


@receiver(member_account_deleted, sender=User)
def revoke_co_proposer_links(sender, member_id: int, **kwargs) -> None:
    """The co-proposer links a deleted member made and nobody used stop working with the
    account."""
    CoProposerLink.objects.filter(created_by_id=member_id, used_at__isnull=True).delete()


@receiver([post_save, post_delete], sender=Event)
@receiver([post_save, post_delete], sender=Topic)
@receiver(m2m_changed, sender=Event.topics.through)
@receiver(m2m_changed, sender=Event.organizers.through)
@receiver([post_save, post_delete], sender=EventCohost)
@receiver(m2m_changed, sender=Event.cohost_groups.through)
@receiver([post_save, post_delete], sender=AllianceGroup)
@receiver(m2m_changed, sender=Event.invited_groups.through)
@receiver([post_save, post_delete], sender=GroupMembership)
@receiver([post_save, post_delete], sender=Session)
@receiver(m2m_changed, sender=Session.speakers.through)
def start_a_new_listing_generation(sender, **kwargs) -> None:
    """The event lists' and pages' cached copies (events/listing.py, events/page_cache.py) show
    these."""
    listing_changed()


def _touch_events(event_ids) -> None:
    # Feeds and calendar files are cached per event version (`updated_at`): a change of who
    # co-hosts it, or of a co-host's name, is a new version of the event.
    Event.objects.filter(pk__in=list(event_ids)).update(updated_at=timezone.now())


@receiver([post_save, post_delete], sender=EventCohost)
def touch_event_of_cohost(sender, instance, **kwargs) -> None:
    _touch_events([instance.event_id])


@receiver(m2m_changed, sender=Event.cohost_groups.through)
def touch_events_of_changed_cohosts(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action == "pre_clear" and reverse:  # the group's events are known only before
        _touch_events(instance.cohosted_events.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        _touch_events((pk_set or []) if reverse else [instance.pk])


@receiver(post_save, sender=AllianceGroup)
def touch_events_of_group(sender, instance, created, **kwargs) -> None:
    if not created:
        _touch_events(instance.cohosted_events.values_list("pk", flat=True))
