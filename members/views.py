import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from events.selectors.events import home_events
from members import selectors, services
from members.enums import Language
from members.forms import DeleteAccountForm, NotificationPreferencesForm, ProfileForm


def _posted(request):
    return request.POST if request.method == "POST" else None


def home(request):
    events = home_events(user=request.user) if request.user.is_authenticated else {}
    return render(request, "home.html", events)


@require_POST
def set_language(request):
    """Django's language switch, plus: a signed-in member's choice is saved in their profile."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in Language.values:
        services.member_set_language(member=request.user, language=language)
    return response


@login_required
def profile(request):
    form = ProfileForm(_posted(request), instance=request.user)
    if request.method == "POST" and form.is_valid():
        member = form.save()
        # In the language just chosen: the page it leads to is in that language.
        with translation.override(member.preferred_language):
            messages.success(request, _("Your profile has been saved."))
        return redirect("members:profile")
    return render(request, "members/profile.html", {"form": form})


@login_required
def notification_preferences(request):
    form = NotificationPreferencesForm(_posted(request), instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("members:notifications")
    return render(request, "members/notification_preferences.html", {"form": form})


@login_required
def data_export(request):
    data = selectors.member_data_export(member=request.user)
    data["exported_at"] = timezone.now()
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="tadamun-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(_posted(request), member=request.user)
    if request.method == "POST" and form.is_valid():
        services.member_delete_account(member=request.user)
        logout(request)
        messages.success(
            request, _("Your account has been deleted. Thank you for your solidarity.")
        )
        return redirect("home")
    return render(request, "members/delete_account.html", {"form": form})
