from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from members.forms_confirm import ConfirmForm
from members.forms_tokens import ApiTokenForm
from members.selectors_tokens import api_tokens_of
from members.services_tokens import ApiTokenRefused, api_token_create, api_token_revoke
from members.shown_once import keep_for_one_display, take_for_display

SHOWN_ONCE = "api_token"


def _may_make_tokens(user) -> bool:
    return user.is_approved and user.is_active


@never_cache
@login_required
def api_tokens(request):
    """The member's API tokens: the list, and the form that makes one. A new token is shown
    once, on the GET the POST redirects to (members/shown_once.py): a reload shows the list."""
    allowed = _may_make_tokens(request.user)
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    page = {"form": form, "allowed": allowed, "tokens": api_tokens_of(request.user)}
    if request.method != "POST":
        if made := take_for_display(request, name=SHOWN_ONCE):
            return render(request, "members/api_token_created.html", made)
        return render(request, "members/api_tokens.html", page)
    if not allowed:
        return render(request, "members/api_tokens.html", page, status=403)
    if form.is_valid():
        try:
            token, secret = api_token_create(member=request.user, label=form.cleaned_data["label"])
        except ApiTokenRefused as refusal:
            form.add_error(None, refusal)
        else:
            made = {"label": token.label, "secret": secret}
            keep_for_one_display(request, name=SHOWN_ONCE, value=made)
            return redirect("members:api_tokens")
    return render(request, "members/api_tokens.html", page, status=400)


@login_required
def api_token_revoke_confirm(request, token_id: int):
    token = api_tokens_of(request.user).filter(pk=token_id).first()
    if token is None:
        raise Http404
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if api_token_revoke(member=request.user, token_id=token.pk):
            messages.success(
                request,
                # First strong isolate: a Latin name inside a Persian sentence keeps its order.
                _("The token “%(name)s” is revoked: it no longer works.")
                % {"name": f"\u2068{token.label}\u2069"},
            )
        return redirect("members:api_tokens")
    return render(
        request,
        "members/api_token_revoke.html",
        {"form": form, "token": token},
        status=400 if form.is_bound else 200,
    )
