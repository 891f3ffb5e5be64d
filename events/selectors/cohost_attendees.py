"""What a co-hosting group's coordinators learn of an event's attendees (issue 13): how many
answered each way and what they need, for all; names only of those who chose, when answering,
to share them with that group (Rsvp.shared_with_groups)."""

from dataclasses import dataclass

from django.db.models import Count, Q

from events.enums import RsvpStatus
from events.models import Event, Rsvp
from events.selectors.rsvps import counted_rsvps, interpretation_counts
from members.models import AllianceGroup


@dataclass(frozen=True)
class CohostAttendance:
    by_status: dict[str, int]
    interpretation: dict[str, int]
    accessibility_needs: int
    named: list[Rsvp]


def cohost_attendance(*, event: Event, group: AllianceGroup) -> CohostAttendance:
    """In four queries. Nobody is named once the attendees' personal data is erased."""
    answers = Rsvp.objects.filter(counted_rsvps(), event=event)
    by_status = dict.fromkeys(RsvpStatus.values, 0)
    for row in answers.values("status").order_by().annotate(n=Count("pk")):
        by_status[row["status"]] = row["n"]
    present = answers.exclude(status=RsvpStatus.NOT_GOING)
    needs = present.filter(~Q(accessibility_needs="")).count()
    named = []
    if not event.personal_data_erased:
        named = list(
            present.filter(
                shared_with_groups=group, member__isnull=False, member__deleted_at__isnull=True
            )
            .select_related("member")
            .order_by("member__display_name", "pk")
        )
    return CohostAttendance(
        by_status=by_status,
        interpretation=dict(interpretation_counts(answers)),
        accessibility_needs=needs,
        named=named,
    )
