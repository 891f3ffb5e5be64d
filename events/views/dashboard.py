from django.shortcuts import render
from django.utils import timezone

from events.charts import cumulative_chart
from events.enums import Interpretation, RsvpStatus
from events.permissions import event_manager_required, manages_all_events
from events.selectors.events import attendees, dashboard_figures
from events.selectors.rsvps import counted_answer_count


@event_manager_required
def dashboard(request, event):
    # Days counted in the event's zone, as the page's times and the exports are.
    with timezone.override(event.time_zone):
        figures = dashboard_figures(event)
    waitlist = attendees(event).filter(status=RsvpStatus.WAITLISTED)
    interpretation = [
        (label, figures["interpretation"].get(code, 0))
        for code, label in Interpretation.choices
        if code
    ]
    return render(
        request,
        "events/organizing/dashboard.html",
        {
            "event": event,
            "figures": figures,
            "status_counts": [
                (label, figures["by_status"][value]) for value, label in RsvpStatus.choices
            ],
            "interpretation": interpretation,
            "waitlist": waitlist,
            "chart": cumulative_chart(figures["per_day"]),
        },
    )


@event_manager_required
def attendee_list(request, event):
    return render(
        request,
        "events/organizing/attendees.html",
        {
            "event": event,
            "attendees": attendees(event),
            "answer_count": counted_answer_count(event) if event.personal_data_erased else 0,
            # The exports' rule (events/exports/attendees.py): an address only with consent,
            # unless the organizer organizes for the whole alliance.
            "all_emails": manages_all_events(request.user),
        },
    )
