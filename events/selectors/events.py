from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from events.enums import Modality, RsvpStatus, Visibility
from events.models import Event, Rsvp, Session
from events.permissions import can_see_members_only
from events.selectors.rsvps import counted_rsvps, interpretation_counts

LANGUAGE_FLAGS = {"ar": "in_arabic", "fa": "in_persian", "en": "in_english"}


@dataclass(frozen=True)
class EventFilters:
    kind: str = ""
    language: str = ""
    modality: str = ""
    country: str = ""
    topic: str = ""
    search: str = ""


def visible_events(user) -> QuerySet[Event]:
    """Events this person may know exist: members-only ones only for approved members."""
    events = Event.objects.all()
    if not can_see_members_only(user):
        if user.is_authenticated:
            # A subquery, not a join: a join would repeat rows and inflate every count.
            organized = Event.organizers.through.objects.filter(user=user).values("event_id")
            events = events.filter(Q(visibility=Visibility.PUBLIC) | Q(pk__in=organized))
        else:
            events = events.filter(visibility=Visibility.PUBLIC)
    return events


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
    return events.order_by("starts_at", "pk").prefetch_related("topics")


def past_events(*, user, filters: EventFilters) -> QuerySet[Event]:
    events = events_matching(visible_events(user), filters).filter(ends_at__lt=timezone.now())
    return events.order_by("-starts_at", "-pk").prefetch_related("topics")


def event_for_page(*, user, event_id: int) -> Event:
    """One event with what its page shows, in a fixed number of queries; 404s via DoesNotExist."""
    sessions = Session.objects.prefetch_related("speakers").order_by("starts_at", "pk")
    return (
        visible_events(user)
        .prefetch_related("topics", "organizers", Prefetch("sessions", queryset=sessions))
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
    checked_in = answers.filter(checked_in_at__isnull=False).count()
    return {
        "by_status": by_status,
        "interpretation": dict(interpretation),
        "per_day": per_day,
        "checked_in": checked_in,
    }
