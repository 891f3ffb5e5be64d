"""Reads behind a member's own answers through the API (issue 15, events/api/answers.py)."""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from events.enums import RsvpStatus, Visibility
from events.models import Event, Rsvp
from events.permissions import invited_q
from events.selectors.rsvps import counted_rsvps
from members.models import User


def events_seen_as_member(member: User) -> QuerySet[Event]:
    """The events `member` may know exist as a member, whatever else they are: public ones,
    and for an approved member members-only ones and those inviting one of their groups.

    Unlike visible_events, no organizer's view: a personal token grants nothing organizer-only
    (an organizer answers the events they organize on the pages, signed in with two factors).
    """
    seen = Q(visibility=Visibility.PUBLIC)
    if member.is_approved:
        seen |= Q(visibility=Visibility.MEMBERS) | (
            Q(visibility=Visibility.INVITE) & invited_q(member)
        )
    return Event.objects.filter(seen)


def answerable_event(*, member: User, event_id: int) -> Event | None:
    """The event, if `member` may see it as a member; None otherwise (told as 404, so that a
    members-only or invite-only event's existence is not given away)."""
    return events_seen_as_member(member).filter(pk=event_id).first()


def own_answers(member: User) -> QuerySet[Rsvp]:
    """The member's answers to the events they may see, each with its event, the groups it is
    shared with, and `waitlist_ahead` (how many wait before it), in a fixed number of queries."""
    ahead = (
        Rsvp.objects.filter(
            counted_rsvps(),
            Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
            | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lt=OuterRef("pk")),
            event_id=OuterRef("event_id"),
            status=RsvpStatus.WAITLISTED,
        )
        .order_by()
        .values("event_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Rsvp.objects.filter(member=member, event__in=events_seen_as_member(member))
        .select_related("event")
        .prefetch_related("shared_with_groups")
        .annotate(waitlist_ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), 0))
    )


def own_answer(*, member: User, event_id: int) -> Rsvp | None:
    return own_answers(member).filter(event_id=event_id).first()
