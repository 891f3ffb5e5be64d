"""What each kind of message says: the template context, looked up from the delivery's ids.

A composer raises Skip when the message no longer makes sense (the event was cancelled before
its reminder went out, the answer was withdrawn); the delivery is then recorded as not sent.
"""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events.countries import country_name
from events.enums import EventStatus, Modality, RsvpStatus
from events.models import Event, EventChange, Proposal, ProposalComment
from members.calendars import format_time_zone_name
from members.links import absolute_url
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
    }


# Answers whose calendar entry the messages about an event keep up to date (.ics attached).
CALENDAR_ANSWERS = (RsvpStatus.GOING, RsvpStatus.WAITLISTED, RsvpStatus.MAYBE)


def rsvp_confirmation(delivery: Delivery) -> dict:
    rsvp = delivery.rsvp
    if rsvp is None:
        raise Skip("the answer was deleted")
    event = rsvp.event
    return {
        "event": event,
        "rsvp": rsvp,
        "event_url": _event_link(event),
        "shows_meeting_link": rsvp.status == RsvpStatus.GOING and bool(event.meeting_link),
        "attach_calendar": rsvp.status in CALENDAR_ANSWERS,
    }


def waitlist_promotion(delivery: Delivery) -> dict:
    context = rsvp_confirmation(delivery)
    if context["rsvp"].status != RsvpStatus.GOING:
        raise Skip("no longer going")
    return context


SHOWN_CHANGES = {
    "starts_at": _("Start"),
    "ends_at": _("End"),
    "time_zone": _("Time zone"),
    "venue": _("Venue"),
    "city": _("City"),
    "country": _("Country"),
    "modality": _("Format"),
    "meeting_link": _("Meeting link"),
}


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
    changes = []
    for field, (old, new) in change.changes.items():
        if field not in SHOWN_CHANGES or (field == "meeting_link" and not may_see_link):
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
        "event_url": _event_link(event),
        # Moved, postponed or cancelled in the calendar of whoever imported an earlier .ics.
        "attach_calendar": rsvp is not None and rsvp.status in CALENDAR_ANSWERS,
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
    return {
        "comment": comment,
        "proposal": comment.proposal,
        "proposal_url": absolute_url(reverse("proposals:detail", args=[comment.proposal_id])),
    }


def membership_decision(delivery: Delivery) -> dict:
    member = delivery.recipient
    return {"member": member, "site_url": absolute_url(reverse("home"))}


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
    NoticeKind.EVENT_CANCELLED: event_change,
    NoticeKind.EVENT_POSTPONED: event_change,
    NoticeKind.PROPOSAL_DECISION: proposal_decision,
    NoticeKind.PROPOSAL_COMMENT: proposal_comment,
    NoticeKind.MEMBERSHIP_DECISION: membership_decision,
    NoticeKind.WEEKLY_DIGEST: weekly_digest,
}
