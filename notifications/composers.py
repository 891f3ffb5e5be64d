"""What each kind of message says: the template context, looked up from the delivery's ids.

A composer raises Skip when the message no longer makes sense (the event was cancelled before
its reminder went out, the answer was withdrawn); the delivery is then recorded as not sent.
"""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events.countries import country_name
from events.enums import EventStatus, InvitationStatus, Modality, RsvpStatus
from events.models import Event, EventChange, Proposal, ProposalComment, ProposalInvitation
from events.selectors.invitations import ANSWERABLE_STATES
from events.selectors.venue import venue_visible_to
from members.calendars import format_time_zone_name
from members.enums import GroupMembershipStatus
from members.links import absolute_url
from members.models import GroupMembership, Vouch
from notifications.enums import NoticeKind, offset_label
from notifications.models import Delivery


class Skip(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _event_link(event: Event) -> str:
    return absolute_url(reverse("events:detail", args=[event.pk]))


def _event(delivery: Delivery) -> Event:
    if delivery.event is None:
        raise Skip("the event was deleted")
    return delivery.event


def reminder(delivery: Delivery) -> dict:
    event = _event(delivery)
    if event.status != EventStatus.SCHEDULED:
        raise Skip("the event is no longer scheduled")
    if event.starts_at <= timezone.now():
        raise Skip("the event has already started")
    if delivery.context.get("starts_at") != event.starts_at.isoformat():
        raise Skip("the event moved; its reminders were scheduled again")
    rsvp = delivery.rsvp
    if rsvp is None or rsvp.status not in (RsvpStatus.GOING, RsvpStatus.MAYBE):
        raise Skip("the answer is no longer going or maybe")
    return {
        "event": event,
        "rsvp": rsvp,
        "offset_label": offset_label(delivery.context["offset"]),
        "event_url": _event_link(event),
        "shows_meeting_link": rsvp.status == RsvpStatus.GOING and bool(event.meeting_link),
        "shows_venue": venue_visible_to(event, rsvp),
    }


# Answers whose calendar entry the messages about an event keep up to date (.ics attached).
CALENDAR_ANSWERS = (RsvpStatus.GOING, RsvpStatus.WAITLISTED, RsvpStatus.MAYBE)


def _answer(delivery: Delivery) -> dict:
    rsvp = delivery.rsvp
    if rsvp is None:
        raise Skip("the answer was deleted")
    event = rsvp.event
    return {
        "event": event,
        "rsvp": rsvp,
        "event_url": _event_link(event),
        "shows_meeting_link": rsvp.status == RsvpStatus.GOING and bool(event.meeting_link),
        "shows_venue": venue_visible_to(event, rsvp),
        "attach_calendar": rsvp.status in CALENDAR_ANSWERS,
    }


def rsvp_confirmation(delivery: Delivery) -> dict:
    """Confirms the status it was written for (its context's `status`), and only the latest:
    answers changed faster than mails go out are confirmed once, as they ended."""
    context = _answer(delivery)
    confirmed = delivery.context.get("status")
    if confirmed and context["rsvp"].status != confirmed:
        raise Skip("the answer changed before this confirmation went out")
    later = Delivery.objects.filter(
        kind=NoticeKind.RSVP_CONFIRMATION, rsvp_id=delivery.rsvp_id, pk__gt=delivery.pk
    )
    if later.exists():
        raise Skip("a later confirmation of this answer replaces it")
    return context


def waitlist_promotion(delivery: Delivery) -> dict:
    context = _answer(delivery)
    if context["rsvp"].status != RsvpStatus.GOING:
        raise Skip("no longer going")
    return context


SHOWN_CHANGES = {
    "starts_at": _("Start"),
    "ends_at": _("End"),
    "time_zone": _("Time zone"),
    "modality": _("Format"),
    "venue": _("Venue"),
    "city": _("City"),
    "country": _("Country"),
    "meeting_link": _("Meeting link"),
}


# What a notice of a change says besides the address (notifications/services/notices.py).
NOTICED_WITHOUT_VENUE = set(SHOWN_CHANGES) - {"venue"} | {"status"}


def _shown_value(field: str, value):
    if value in (None, ""):
        return "—"
    if field in ("starts_at", "ends_at"):
        return timezone.localtime(datetime.fromisoformat(value))
    if field == "country":
        return country_name(value)
    # Stored values are identifiers; readers see a zone as a place, a format by its name.
    if field == "time_zone":
        return format_time_zone_name(value, translation.get_language())
    if field == "modality" and value in Modality.values:
        return Modality(value).label
    return value


def event_change(delivery: Delivery) -> dict:
    event = _event(delivery)
    change = EventChange.objects.filter(pk=delivery.context.get("change_id")).first()
    if change is None:
        raise Skip("the change record is gone")
    rsvp = delivery.rsvp
    may_see_link = rsvp is not None and rsvp.status == RsvpStatus.GOING
    # An address held back is named only to whom it is released (events/selectors/venue.py);
    # a change of nothing else the reader may see is no news to them.
    shows_venue = rsvp is not None and venue_visible_to(event, rsvp)
    if not shows_venue and not (NOTICED_WITHOUT_VENUE & change.changes.keys()):
        raise Skip("only the address changed, and it is not released to this reader")
    changes = []
    for field, old, new in change.ordered_changes():
        if field not in SHOWN_CHANGES or (field == "meeting_link" and not may_see_link):
            continue
        if field == "venue" and not shows_venue:
            continue
        changes.append(
            {
                "label": SHOWN_CHANGES[field],
                "old": _shown_value(field, old),
                "new": _shown_value(field, new),
                "is_time": field in ("starts_at", "ends_at"),
            }
        )
    return {
        "event": event,
        "rsvp": rsvp,
        "change": change,
        "changes": changes,
        # The organizers' words (cancelling, postponing), shown as written in every language.
        "organizer_message": delivery.context.get("message", ""),
        "event_url": _event_link(event),
        "shows_venue": shows_venue,
        # Moved, postponed or cancelled in the calendar of whoever imported an earlier .ics.
        "attach_calendar": rsvp is not None and rsvp.status in CALENDAR_ANSWERS,
    }


def venue_release(delivery: Delivery) -> dict:
    """The held-back address, to someone confirmed going, once its time has come."""
    event = _event(delivery)
    if event.status != EventStatus.SCHEDULED:
        raise Skip("the event is no longer scheduled")
    if event.starts_at <= timezone.now():
        raise Skip("the event has already started")
    rsvp = delivery.rsvp
    if rsvp is None or not venue_visible_to(event, rsvp) or not event.venue:
        raise Skip("the address is not (or no longer) for this reader")
    return {
        "event": event,
        "rsvp": rsvp,
        "event_url": _event_link(event),
        "shows_meeting_link": bool(event.meeting_link),
        "shows_venue": True,
    }


def proposal_decision(delivery: Delivery) -> dict:
    proposal = Proposal.objects.filter(pk=delivery.context.get("proposal_id")).first()
    if proposal is None:
        raise Skip("the proposal was deleted")
    return {
        "proposal": proposal,
        "proposal_url": absolute_url(reverse("proposals:detail", args=[proposal.pk])),
        "event_url": _event_link(proposal.event) if proposal.event_id else "",
    }


def proposal_comment(delivery: Delivery) -> dict:
    comment = (
        ProposalComment.objects.select_related("proposal", "author")
        .filter(pk=delivery.context.get("comment_id"))
        .first()
    )
    if comment is None:
        raise Skip("the comment was deleted")
    if comment.is_hidden:
        raise Skip("the organizers hid the comment")
    return {
        "comment": comment,
        "proposal": comment.proposal,
        "proposal_url": absolute_url(reverse("proposals:detail", args=[comment.proposal_id])),
    }


def membership_decision(delivery: Delivery) -> dict:
    member = delivery.recipient
    # Approved without an organizer: by members' vouches (MEMBERSHIP_APPROVAL "vouches").
    by_vouches = (
        member.membership_reviewed_by_id is None and Vouch.objects.filter(member=member).exists()
    )
    return {"member": member, "by_vouches": by_vouches, "site_url": absolute_url(reverse("home"))}


def group_membership_decision(delivery: Delivery) -> dict:
    membership = (
        GroupMembership.objects.select_related("group")
        .filter(pk=delivery.context.get("membership_id"))
        .first()
    )
    if membership is None:
        raise Skip("the membership was deleted")
    if membership.status != delivery.context.get("status"):
        raise Skip("the decision was replaced by a later one")
    return {
        "group": membership.group,
        "accepted": membership.is_accepted,
        "group_url": absolute_url(reverse("groups:detail", args=[membership.group.slug])),
    }


def group_join_request(delivery: Delivery) -> dict:
    """To a coordinator: a member asks to join their group; the link opens the group's queue."""
    membership = (
        GroupMembership.objects.select_related("group", "member")
        .filter(pk=delivery.context.get("membership_id"))
        .first()
    )
    if membership is None:
        raise Skip("the request was deleted")
    asked = int(membership.requested_at.timestamp() * 1000)
    if membership.status != GroupMembershipStatus.REQUESTED or asked != delivery.context.get(
        "requested_at"
    ):
        raise Skip("the request was answered or withdrawn")
    return {
        "group": membership.group,
        "member": membership.member,
        "queue_url": absolute_url(reverse("groups:queue", args=[membership.group.slug])),
    }


def _invitation(delivery: Delivery) -> ProposalInvitation:
    invitation = (
        ProposalInvitation.objects.select_related("proposal", "proposal__proposer", "group")
        .select_related("answered_by")
        .filter(pk=delivery.context.get("invitation_id"))
        .first()
    )
    if invitation is None:
        raise Skip("the invitation was withdrawn")
    return invitation


def _proposal_link(proposal: Proposal) -> str:
    return absolute_url(reverse("proposals:detail", args=[proposal.pk]))


def group_invitation(delivery: Delivery) -> dict:
    invitation = _invitation(delivery)
    if invitation.status != InvitationStatus.INVITED:
        raise Skip("the group has already answered")
    if invitation.proposal.state not in ANSWERABLE_STATES:
        raise Skip("the proposal is no longer waiting for answers")
    queue_url = absolute_url(reverse("groups:queue", args=[invitation.group.slug]))
    return {
        "invitation": invitation,
        "group": invitation.group,
        "proposal": invitation.proposal,
        "proposal_url": _proposal_link(invitation.proposal),
        "answer_url": f"{queue_url}#invitation-{invitation.pk}",
    }


def group_invitation_answer(delivery: Delivery) -> dict:
    invitation = _invitation(delivery)
    if invitation.status != delivery.context.get("status"):
        raise Skip("the answer was replaced")
    return {
        "invitation": invitation,
        "group": invitation.group,
        "proposal": invitation.proposal,
        "joined": invitation.status == InvitationStatus.JOINED,
        "proposal_url": _proposal_link(invitation.proposal) + "#groups",
    }


def weekly_digest(delivery: Delivery) -> dict:
    ids = delivery.context.get("event_ids", [])
    events = list(Event.objects.filter(pk__in=ids).order_by("starts_at"))
    if not events:
        raise Skip("no new events")
    return {
        "events": [{"event": event, "url": _event_link(event)} for event in events],
        "events_url": absolute_url(reverse("events:upcoming")),
    }


COMPOSERS = {
    NoticeKind.REMINDER: reminder,
    NoticeKind.RSVP_CONFIRMATION: rsvp_confirmation,
    NoticeKind.WAITLIST_PROMOTION: waitlist_promotion,
    NoticeKind.EVENT_CHANGED: event_change,
    NoticeKind.VENUE_RELEASE: venue_release,
    NoticeKind.EVENT_CANCELLED: event_change,
    NoticeKind.EVENT_POSTPONED: event_change,
    NoticeKind.PROPOSAL_DECISION: proposal_decision,
    NoticeKind.PROPOSAL_COMMENT: proposal_comment,
    NoticeKind.MEMBERSHIP_DECISION: membership_decision,
    NoticeKind.GROUP_MEMBERSHIP_DECISION: group_membership_decision,
    NoticeKind.GROUP_JOIN_REQUEST: group_join_request,
    NoticeKind.GROUP_INVITATION: group_invitation,
    NoticeKind.GROUP_INVITATION_ANSWER: group_invitation_answer,
    NoticeKind.WEEKLY_DIGEST: weekly_digest,
}
