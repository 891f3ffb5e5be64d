"""allauth's two-factor forms, reading codes typed in Persian or Arabic-Indic digits.

An authenticator app shows 948342; a member on a Persian keyboard types ۹۴۸۳۴۲. allauth compares
codes as ASCII, so the code is normalised first (members/digits.py). Wired in by MFA_FORMS.
"""

from allauth.mfa.base import forms as base_forms
from allauth.mfa.totp import forms as totp_forms

from members.digits import normalise_digits


class NormalisedCodeMixin:
    def clean_code(self) -> str:
        self.cleaned_data["code"] = normalise_digits(self.cleaned_data["code"])
        return super().clean_code()


class AuthenticateForm(NormalisedCodeMixin, base_forms.AuthenticateForm):
    """Signing in: an authenticator code or a recovery code."""


class ReauthenticateForm(NormalisedCodeMixin, base_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(NormalisedCodeMixin, totp_forms.ActivateTOTPForm):
    pass
