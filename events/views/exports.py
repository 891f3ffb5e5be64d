"""Attendee lists for organizers: CSV, Excel and a printable door list. Every one is logged."""

from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from events.exports.files import attendee_csv, attendee_xlsx
from events.models import ExportKind
from events.permissions import event_manager_required, manages_all_events
from events.selectors.exports import door_list
from events.selectors.rsvps import counted_answer_count
from events.services.exports import export_record

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _record(request, event, kind: str) -> tuple[str, bool]:
    """Log the export; return the organizer's language and whether every email may go in
    (see events.exports.attendees.attendee_rows for the rule; event_manager_required has
    already checked two-factor authentication)."""
    language = get_language() or "en"
    all_emails = manages_all_events(request.user)
    export_record(
        kind=kind,
        exported_by=request.user,
        event=event,
        all_emails=all_emails,
        language=language,
    )
    return language, all_emails


@require_GET
@event_manager_required
def attendees_csv(request, event):
    language, all_emails = _record(request, event, ExportKind.ATTENDEES_CSV)
    response = StreamingHttpResponse(
        attendee_csv(event, language=language, all_emails=all_emails),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"tadamun-attendees-{event.pk}.csv"
    )
    add_never_cache_headers(response)
    return response


@require_GET
@event_manager_required
def attendees_xlsx(request, event):
    language, all_emails = _record(request, event, ExportKind.ATTENDEES_XLSX)
    response = FileResponse(
        attendee_xlsx(event, language=language, all_emails=all_emails),
        as_attachment=True,
        filename=f"tadamun-attendees-{event.pk}.xlsx",
        content_type=XLSX_TYPE,
    )
    add_never_cache_headers(response)
    return response


@require_GET
@event_manager_required
def attendee_sheet(request, event):
    """A door list to print: those going, by name, with a box to tick. No email addresses."""
    _record(request, event, ExportKind.DOOR_LIST)
    response = render(
        request,
        "events/exports/door_list.html",
        {
            "event": event,
            "people": door_list(event),
            "printed_at": timezone.now(),
            "answer_count": counted_answer_count(event) if event.personal_data_erased else 0,
        },
    )
    add_never_cache_headers(response)
    return response
