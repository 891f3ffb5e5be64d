from collections import Counter

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce, Lower

from events.enums import RsvpStatus
from events.models import Event, Rsvp


def counted_rsvps(prefix: str = "") -> Q:
    """Answers that hold a place: every member's, and guests' once their address is verified.

    `prefix` reaches the answers through a relation, e.g. "rsvps__" from an event.
    """
    return Q(**{f"{prefix}member__isnull": False}) | Q(**{f"{prefix}verified_at__isnull": False})


def interpretation_counts(answers: QuerySet[Rsvp]) -> Counter:
    """Interpretation needed, per language, among `answers` going or on the waitlist."""
    rows = (
        answers.filter(status__in=[RsvpStatus.GOING, RsvpStatus.WAITLISTED])
        .exclude(interpretation="")
        .values("interpretation")
        .order_by()
        .annotate(n=Count("pk"))
    )
    return Counter({row["interpretation"]: row["n"] for row in rows})


def going_count(event: Event) -> int:
    return Rsvp.objects.filter(counted_rsvps(), event=event, status=RsvpStatus.GOING).count()


def counted_answer_count(event: Event) -> int:
    """Answers that count (any status), for the organizer's pages once names are erased."""
    return Rsvp.objects.filter(counted_rsvps(), event=event).count()


# The answers whose people are told when the event changes (notifications.services.notices).
TOLD_OF_CHANGES = (RsvpStatus.GOING, RsvpStatus.WAITLISTED, RsvpStatus.MAYBE)


def has_attendees(event: Event) -> bool:
    return told_of_changes(event).exists()


def told_of_changes(event: Event) -> QuerySet[Rsvp]:
    """The answers whose people a change notice reaches. A deleted or deactivated member's kept
    answer (a check-in stays in the attendance figures) is never mailed
    (notifications.recipients.why_not_send), so it is not counted as told either."""
    return Rsvp.objects.filter(
        counted_rsvps(),
        Q(member__isnull=True) | Q(member__deleted_at__isnull=True, member__is_active=True),
        event=event,
        status__in=TOLD_OF_CHANGES,
    )


def told_of_changes_count(event: Event) -> int:
    """How many people a change notice reaches: one per address, as the notices go."""
    address = Lower(Coalesce("member__email", "guest_email"))
    return told_of_changes(event).aggregate(n=Count(address, distinct=True))["n"]


def waitlist_position(rsvp: Rsvp) -> int | None:
    """1 for the first in line; None when not on the waitlist."""
    if rsvp.status != RsvpStatus.WAITLISTED:
        return None
    ahead = Rsvp.objects.filter(
        counted_rsvps(),
        Q(waitlisted_at__lt=rsvp.waitlisted_at)
        | Q(waitlisted_at=rsvp.waitlisted_at, pk__lt=rsvp.pk),
        event_id=rsvp.event_id,
        status=RsvpStatus.WAITLISTED,
    ).count()
    return ahead + 1


def rsvp_of(event: Event, user) -> Rsvp | None:
    if not user.is_authenticated:
        return None
    return Rsvp.objects.filter(event=event, member=user).first()
