from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from events.permissions import event_manager_required
from notifications import selectors
from notifications.forms import ReminderPlanForm
from notifications.models import ReminderPlan
from notifications.services.inbox import inbox_mark_read
from notifications.services.plans import reminder_plan_save
from notifications.services.reminders import event_offsets
from notifications.unsubscribe import Scope, read_token, unsubscribe


@login_required
def inbox(request):
    page = Paginator(selectors.inbox_of(request.user), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "unread": selectors.unread_count(request.user)},
    )


@login_required
@require_POST
def mark_read(request, delivery_id: int | None = None):
    inbox_mark_read(member=request.user, delivery_id=delivery_id)
    return redirect("notifications:inbox")


@csrf_exempt  # The signed token is the credential; mail clients post One-Click without a form.
def unsubscribe_view(request, token: str):
    payload = read_token(token)
    if payload is None:
        raise Http404
    scope_label = Scope(payload["s"]).label
    if request.method == "POST":
        unsubscribe(payload)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)
        messages.success(
            request, _("Done: you will no longer receive %(what)s.") % {"what": scope_label}
        )
        return render(request, "notifications/unsubscribed.html", {"scope_label": scope_label})
    return render(
        request, "notifications/unsubscribe.html", {"scope_label": scope_label, "token": token}
    )


@event_manager_required
def reminder_plan(request, event):
    plan = ReminderPlan.objects.filter(event=event).first()
    initial = None
    if plan is None:
        initial = dict.fromkeys(event_offsets(event), True)
    form = ReminderPlanForm(
        request.POST if request.method == "POST" else None, instance=plan, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        reminder_plan_save(event=event, fields=form.cleaned_data)
        messages.success(request, _("The reminder times are saved."))
        return redirect("events:dashboard", event_id=event.pk)
    return render(request, "notifications/reminder_plan.html", {"event": event, "form": form})
