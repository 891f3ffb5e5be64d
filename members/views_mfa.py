"""allauth's two-factor set-up, taking the person back to the page that asked for it.

A page that needs two-factor authentication sends there with `?next=<the page>`
(members.permissions.mfa_setup_redirect). allauth 65 drops it: its activation form posts to
the bare address, and activating ends on the new recovery codes (or the two-factor overview).
Here `next` is kept in the session between showing the form and its answer (so allauth's
template stays as it ships, translated through members/allauth_strings.py); after activation
the person goes straight to the page or, when recovery codes were just made and must be seen
once, to them with a "Continue to the page you asked for" link. Only an address on this site is
followed (allauth's own check, as for `next` at sign-in).
"""

from allauth.account.utils import get_next_redirect_url
from allauth.mfa.recovery_codes.views import ViewRecoveryCodesView
from allauth.mfa.totp.views import ActivateTOTPView
from django.urls import reverse
from django.utils.http import urlencode

SESSION_KEY = "mfa_setup_next"


class ActivateTOTPThenContinueView(ActivateTOTPView):
    def get(self, request, *args, **kwargs):
        wanted = get_next_redirect_url(request)
        if wanted:
            request.session[SESSION_KEY] = wanted
        else:
            request.session.pop(SESSION_KEY, None)
        return super().get(request, *args, **kwargs)

    def get_success_url(self) -> str:
        wanted = get_next_redirect_url(self.request) or self.request.session.pop(SESSION_KEY, "")
        if not wanted:
            return super().get_success_url()
        if self.did_generate_recovery_codes:
            return f"{reverse('mfa_view_recovery_codes')}?{urlencode({'next': wanted})}"
        return wanted


class RecoveryCodesThenContinueView(ViewRecoveryCodesView):
    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["continue_url"] = get_next_redirect_url(self.request) or ""
        return context


activate_totp = ActivateTOTPThenContinueView.as_view()
view_recovery_codes = RecoveryCodesThenContinueView.as_view()
