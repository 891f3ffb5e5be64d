from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from events.enums import Modality, RsvpStatus, Visibility
from events.models import Event, EventCohost, Rsvp, Session
from events.permissions import can_manage_all_events, invited_q
from events.selectors.rsvps import counted_rsvps, interpretation_counts
from members.enums import GroupMembershipStatus
from members.models import GroupMembership

LANGUAGE_FLAGS = {"ar": "in_arabic", "fa": "in_persian", "en": "in_english"}


@dataclass(frozen=True)
class EventFilters:
    kind: str = ""
    language: str = ""
    modality: str = ""
    country: str = ""
    topic: str = ""
    search: str = ""
    group: str = ""  # a co-hosting group's slug


def visible_events(user) -> QuerySet[Event]:
    """Events this person may know exist: members-only ones only for approved members; those
    for invited groups only (issue 13) only for approved members of those groups. Organizers
    see the events they organize, and those who manage all events see every one."""
    events = Event.objects.all()
    if can_manage_all_events(user):
        return events
    if not user.is_authenticated:
        return events.filter(visibility=Visibility.PUBLIC)
    # Subqueries, not joins: a join would repeat rows and inflate every count.
    organized = Event.organizers.through.objects.filter(user=user).values("event_id")
    seen = Q(visibility=Visibility.PUBLIC) | Q(pk__in=organized)
    if user.is_approved:
        invited = Q(visibility=Visibility.INVITE) & invited_q(user)
        seen |= Q(visibility=Visibility.MEMBERS) | invited
    return events.filter(seen)


def invited_members(event_ids: list[int]) -> dict[int, set[int]]:
    """For events for invited groups only: the ids of the members who may see each (by
    visible_events' rule, before approval, which the caller checks), in four queries."""
    groups: dict[int, set[int]] = defaultdict(set)
    chosen = Event.invited_groups.through.objects.filter(event_id__in=event_ids)
    for event_id, group_id in chosen.values_list("event_id", "alliancegroup_id"):
        groups[event_id].add(group_id)
    cohosts = EventCohost.objects.filter(event_id__in=set(event_ids) - groups.keys())
    for event_id, group_id in cohosts.values_list("event_id", "group_id"):
        groups[event_id].add(group_id)
    members: dict[int, set[int]] = defaultdict(set)
    accepted = GroupMembership.objects.filter(
        group_id__in={group for ids in groups.values() for group in ids},
        status=GroupMembershipStatus.ACCEPTED,
    )
    for group_id, member_id in accepted.values_list("group_id", "member_id"):
        members[group_id].add(member_id)
    readers = {
        event_id: {member for group in groups[event_id] for member in members[group]}
        for event_id in event_ids
    }
    organizers = Event.organizers.through.objects.filter(event_id__in=event_ids)
    for event_id, user_id in organizers.values_list("event_id", "user_id"):
        readers[event_id].add(user_id)
    return readers


def events_matching(events: QuerySet[Event], filters: EventFilters) -> QuerySet[Event]:
    """Narrow any set of events by the filters a visitor chose (pages and feeds share them)."""
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.language in LANGUAGE_FLAGS:
        events = events.filter(**{LANGUAGE_FLAGS[filters.language]: True})
    if filters.modality == Modality.ONLINE:
        events = events.filter(modality__in=[Modality.ONLINE, Modality.HYBRID])
    elif filters.modality == Modality.IN_PERSON:
        events = events.filter(modality__in=[Modality.IN_PERSON, Modality.HYBRID])
    if filters.country:
        events = events.filter(country=filters.country)
    if filters.topic:
        events = events.filter(topics__slug=filters.topic)
    if filters.group:
        events = events.filter(cohost_groups__slug=filters.group)
    if filters.search:
        # Persian and Arabic keyboards' letter variants match each other (members/text.py).
        events = events.filter(
            Q(title_ar__folded_contains=filters.search)
            | Q(title_fa__folded_contains=filters.search)
            | Q(title_en__folded_contains=filters.search)
        )
    return events


def upcoming_events(*, user, filters: EventFilters) -> QuerySet[Event]:
    events = events_matching(visible_events(user), filters).filter(ends_at__gte=timezone.now())
    return events.order_by("starts_at", "pk").prefetch_related("topics", "cohost_groups")


def home_events(*, user, limit: int = 5) -> dict:
    """A signed-in member's start page: their answers to events still to come (going, on the
    waitlist, maybe), soonest first, and the next events they have not answered. A fixed
    number of queries: each set, and what an event card shows of its events (topics, co-hosts),
    as upcoming_events loads them."""
    now = timezone.now()
    answers = list(
        Rsvp.objects.filter(
            member=user,
            event__in=visible_events(user),
            event__ends_at__gte=now,
            status__in=[RsvpStatus.GOING, RsvpStatus.WAITLISTED, RsvpStatus.MAYBE],
        )
        .select_related("event")
        .prefetch_related("event__topics", "event__cohost_groups")
        .order_by("event__starts_at", "event__pk")[:limit]
    )
    answered = Rsvp.objects.filter(member=user).values("event_id")
    coming = list(
        upcoming_events(user=user, filters=EventFilters()).exclude(pk__in=answered)[:limit]
    )
    return {"answers": answers, "coming_events": coming}


def past_events(*, user, filters: EventFilters) -> QuerySet[Event]:
    events = events_matching(visible_events(user), filters).filter(ends_at__lt=timezone.now())
    return events.order_by("-starts_at", "-pk").prefetch_related("topics", "cohost_groups")


def event_for_page(*, user, event_id: int) -> Event:
    """One event with what its page shows, in a fixed number of queries; 404s via DoesNotExist."""
    sessions = Session.objects.prefetch_related("speakers").order_by("starts_at", "pk")
    return (
        visible_events(user)
        .prefetch_related(
            "topics", "organizers", "cohost_groups", Prefetch("sessions", queryset=sessions)
        )
        .annotate(
            going=Count(
                "rsvps", filter=Q(rsvps__status=RsvpStatus.GOING) & counted_rsvps("rsvps__")
            ),
            waitlisted=Count(
                "rsvps", filter=Q(rsvps__status=RsvpStatus.WAITLISTED) & counted_rsvps("rsvps__")
            ),
            maybe=Count(
                "rsvps", filter=Q(rsvps__status=RsvpStatus.MAYBE) & counted_rsvps("rsvps__")
            ),
        )
        .get(pk=event_id)
    )


def attendees(event: Event) -> QuerySet[Rsvp]:
    """Everyone who answered, for organizers: going first, then the waitlist in order. Nobody
    once attendees' personal data is erased (events/services/retention.py): who came is part of
    it; the dashboard keeps the counts."""
    if event.personal_data_erased:
        return Rsvp.objects.none()
    order = {
        RsvpStatus.GOING: 0,
        RsvpStatus.WAITLISTED: 1,
        RsvpStatus.MAYBE: 2,
        RsvpStatus.NOT_GOING: 3,
    }
    rank = Case(
        *[When(status=status, then=Value(position)) for status, position in order.items()],
        output_field=IntegerField(),
    )
    return (
        Rsvp.objects.filter(counted_rsvps(), event=event)
        .select_related("member", "checked_in_by")
        .annotate(rank=rank)
        .order_by("rank", "waitlisted_at", "created_at", "pk")
    )


def dashboard_figures(event: Event) -> dict:
    answers = Rsvp.objects.filter(counted_rsvps(), event=event)
    by_status = dict.fromkeys(RsvpStatus.values, 0)
    for row in answers.values("status").order_by().annotate(n=Count("pk")):
        by_status[row["status"]] = row["n"]
    # Needs of answers whose personal data was erased are kept as counts on the event.
    interpretation = Counter(event.erased_interpretation_counts) + interpretation_counts(answers)
    per_day = list(
        answers.exclude(status=RsvpStatus.NOT_GOING)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .order_by("day")
        .annotate(n=Count("pk"))
    )
    # Arrivals among those going, as the door list and the check-in page show them.
    checked_in = answers.filter(status=RsvpStatus.GOING, checked_in_at__isnull=False).count()
    return {
        "by_status": by_status,
        "interpretation": dict(interpretation),
        "per_day": per_day,
        "checked_in": checked_in,
    }
