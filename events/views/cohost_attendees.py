"""A co-hosting group's view of an event's attendees (issue 13): counts for its coordinators,
names only of those who chose to share them with the group."""

from django.http import Http404
from django.shortcuts import render

from events.enums import Interpretation, RsvpStatus
from events.models import Event, EventCohost
from events.selectors.cohost_attendees import cohost_attendance
from members.permissions_groups import group_coordinator_required


@group_coordinator_required()
def event_attendees(request, group, event_id: int):
    # Only an event the group co-hosts, whatever its coordinators may otherwise see.
    cohost = EventCohost.objects.select_related("event").filter(group=group, event_id=event_id)
    found = cohost.first()
    if found is None:
        raise Http404
    event: Event = found.event
    attendance = cohost_attendance(event=event, group=group)
    return render(
        request,
        "events/groups/event_attendees.html",
        {
            "group": group,
            "event": event,
            "attendance": attendance,
            "status_counts": [
                (status.label, attendance.by_status[status.value]) for status in RsvpStatus
            ],
            "interpretation": [
                (language.label, attendance.interpretation.get(language.value, 0))
                for language in Interpretation
                if language.value
            ],
        },
    )
