from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from events.enums import EventStatus, Visibility
from events.errors import EventChangeRefused
from events.forms.confirm import EventNoticeForm
from events.forms.event import EventForm, PracticalDetailsForm, SessionForm
from events.models import Session
from events.permissions import (
    event_manager_required,
    organizes_event,
    practical_details_editor_required,
)
from events.selectors.rsvps import told_of_changes_count
from events.services import events as event_services
from events.services import sessions as session_services
from events.views.common import posted, report_refusal
from members.forms_confirm import ConfirmForm

# The form field a service refusal belongs to; others (sessions left outside) are the form's.
REFUSAL_FIELDS = {"capacity_below_going": "capacity", "deadline_after_end": "rsvp_deadline"}


@practical_details_editor_required
def edit(request, event):
    # A co-hosting group's coordinator edits the practical details only (events.permissions).
    form_class = EventForm if organizes_event(request.user, event) else PracticalDetailsForm
    form = form_class(posted(request), instance=event, reader=request.user)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if fields.get("guest_registration") and fields.get("visibility") != Visibility.PUBLIC:
            fields["guest_registration"] = False
        try:
            event_services.event_update(event=event, editor=request.user, fields=fields)
        except EventChangeRefused as refusal:
            form.add_error(REFUSAL_FIELDS.get(refusal.code), refusal.messages[0])
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:detail", event_id=event.pk)
    return render(request, "events/organizing/edit.html", {"event": event, "form": form})


# Lazy: these tables are built once at import, the messages in each reader's language.
STATUS_ACTIONS = {
    "reschedule": (
        event_services.event_reschedule,
        gettext_lazy("The event is scheduled again."),
    ),
}
# Taken only from their own confirmation pages (status_confirm), with a message to attendees.
CONFIRMED_STATUS_ACTIONS = {
    "cancel": (event_services.event_cancel, gettext_lazy("The event is cancelled.")),
    "postpone": (event_services.event_postpone, gettext_lazy("The event is postponed.")),
}
CONFIRMED_STATUSES = {"cancel": EventStatus.CANCELLED, "postpone": EventStatus.POSTPONED}


@event_manager_required
@require_POST
def change_status(request, event):
    name = request.POST.get("action", "")
    if name in CONFIRMED_STATUS_ACTIONS:
        # A button of an event page from before the confirmation pages: ask, change nothing.
        return redirect(f"events:{name}", event_id=event.pk)
    action = STATUS_ACTIONS.get(name)
    if action is None:
        messages.error(request, _("Unknown action."))
        return redirect("events:detail", event_id=event.pk)
    service, success = action
    try:
        service(event=event, editor=request.user)
    except EventChangeRefused as refusal:
        report_refusal(request, refusal)
    else:
        messages.success(request, success)
    return redirect("events:detail", event_id=event.pk)


@event_manager_required
def status_confirm(request, event, action: str):
    service, success = CONFIRMED_STATUS_ACTIONS[action]
    if refusal := event_services.event_status_refusal(event, CONFIRMED_STATUSES[action]):
        # Nothing to confirm (cancelled already…): say why, offer no button.
        report_refusal(request, refusal)
        return redirect("events:detail", event_id=event.pk)
    form = EventNoticeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            service(event=event, editor=request.user, message=form.cleaned_data["message"])
        except EventChangeRefused as refusal:
            report_refusal(request, refusal)
        else:
            messages.success(request, success)
        return redirect("events:detail", event_id=event.pk)
    return render(
        request,
        "events/organizing/status_confirm.html",
        {"event": event, "action": action, "form": form, "told": told_of_changes_count(event)},
        status=400 if form.is_bound else 200,
    )


@practical_details_editor_required
def session_form(request, event, session_id: int | None = None):
    session = get_object_or_404(Session, pk=session_id, event=event) if session_id else None
    form = SessionForm(posted(request), instance=session, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            session_services.session_save(event=event, session=session, fields=form.cleaned_data)
        except EventChangeRefused as refusal:  # the event changed since the form was read
            form.add_error("starts_at", refusal.messages[0])
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("events:programme", event_id=event.pk)
    return render(
        request,
        "events/organizing/session_form.html",
        {"event": event, "form": form, "session": session},
    )


@practical_details_editor_required
def session_delete(request, event, session_id: int):
    session = get_object_or_404(Session, pk=session_id, event=event)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        session_services.session_delete(session=session)
        messages.success(request, _("The session is removed from the programme."))
        return redirect("events:programme", event_id=event.pk)
    return render(
        request,
        "events/organizing/session_delete.html",
        {"event": event, "session": session, "form": form},
        status=400 if form.is_bound else 200,
    )
