"""Reads behind the calendar feeds: which events each feed holds, and whose a token is."""

import re
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from events.enums import ProposalState, RsvpStatus, Visibility
from events.models import CalendarFeedToken, Event, Proposal, Rsvp
from events.models.feed_token import token_digest
from events.permissions import can_see_members_only
from events.selectors.events import EventFilters, events_matching, upcoming_events, visible_events
from members.models import AllianceGroup, User

# Feeds hold coming events and those of the last 90 days, so a calendar keeps recent history.
FEED_HISTORY = timedelta(days=90)
MEMBER_FEED_STATUSES = [RsvpStatus.GOING, RsvpStatus.WAITLISTED, RsvpStatus.MAYBE]
DRAFT_STATES = [ProposalState.DRAFT, ProposalState.SUBMITTED, ProposalState.UNDER_REVIEW]
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,128}")


def _recent(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.filter(ends_at__gte=timezone.now() - FEED_HISTORY)


def public_feed_events(*, filters: EventFilters) -> QuerySet[Event]:
    """Public events, coming or of the last 90 days, cancelled ones included (as CANCELLED)."""
    return events_matching(_recent(visible_events(AnonymousUser())), filters)


def public_upcoming_events(*, filters: EventFilters) -> QuerySet[Event]:
    """Coming public events as the list shows them to a stranger, whoever asks: the Atom feed
    and the embeddable list are read by others than the one who opened them."""
    return upcoming_events(user=AnonymousUser(), filters=filters)


def group_feed_events(*, group: AllianceGroup) -> QuerySet[Event]:
    """The public events `group` co-hosts, by the public feed's rule (coming or recent)."""
    return public_feed_events(filters=EventFilters(group=group.slug))


def member_feed_events(*, member: User, include_members_only: bool) -> QuerySet[Event]:
    """Events the member answered going (or is waitlisted for) or maybe to, annotated with
    `member_status`; with `include_members_only`, every members-only event they may see too."""
    status = Rsvp.objects.filter(event=OuterRef("pk"), member=member).values("status")[:1]
    events = _recent(visible_events(member)).annotate(member_status=Subquery(status))
    wanted = Q(member_status__in=MEMBER_FEED_STATUSES)
    if include_members_only and can_see_members_only(member):
        # visible_events has kept only the invited groups' events that are theirs.
        wanted |= Q(visibility__in=[Visibility.MEMBERS, Visibility.INVITE])
    return events.filter(wanted)


def organized_events(*, organizer: User) -> QuerySet[Event]:
    return Event.objects.filter(organizers=organizer)


def organizer_draft_proposals(*, organizer: User) -> QuerySet[Proposal]:
    """The organizer's own proposals not yet decided: they show as TENTATIVE in their calendar."""
    return Proposal.objects.filter(
        Q(proposer=organizer) | Q(co_proposers=organizer),
        state__in=DRAFT_STATES,
        event__isnull=True,
    ).distinct()


def feed_token_owner(token: str) -> User | None:
    """The active member whose private-calendar token this is; None for anything else."""
    if not _TOKEN_SHAPE.fullmatch(token):
        return None
    found = (
        CalendarFeedToken.objects.select_related("member")
        .filter(
            digest=token_digest(token),
            member__is_active=True,
            member__deleted_at__isnull=True,
        )
        .first()
    )
    return found.member if found else None


def feed_token_of(member: User) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(member=member).first()
