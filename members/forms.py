from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from members.enums import Language
from members.models import User
from members.validators import time_zone_names


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in time_zone_names()]


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Time zone"))
        kwargs.setdefault(
            "help_text", _("Event times are shown to you in this zone, e.g. Asia/Tehran.")
        )
        super().__init__(choices=time_zone_choices, **kwargs)


def normalise_display_name(value: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise forms.ValidationError(_("Please enter a display name."), code="blank")
    return name


class SignupProfileForm(forms.Form):
    """Extra sign-up fields; allauth merges them into its sign-up form."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_(
            "Shown to other members. A pseudonym is welcome; it need not be your legal name."
        ),
    )
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)
    time_zone = TimeZoneField(initial="UTC")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only at sign-up: a later "UTC" in the profile may be a deliberate choice.
        self.fields["time_zone"].widget.attrs["data-detect-time-zone"] = "1"
        current = translation.get_language()
        if current in Language.values:
            self.fields["preferred_language"].initial = current

    def clean_display_name(self) -> str:
        return normalise_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user) -> None:
        # MemberAccountAdapter.save_user already wrote these fields with the user row, in one save.
        pass


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField()

    class Meta:
        model = User
        fields = ["display_name", "preferred_language", "time_zone", "digit_style", "bio"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def clean_display_name(self) -> str:
        return normalise_display_name(self.cleaned_data["display_name"])


class NotificationPreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "reminders_enabled",
            "remind_week_before",
            "remind_day_before",
            "remind_hour_before",
            "remind_when_maybe",
            "weekly_digest",
            "email_notices",
        ]

    def clean(self):
        data = super().clean()
        offsets = ("remind_week_before", "remind_day_before", "remind_hour_before")
        if data.get("reminders_enabled") and not any(data.get(name) for name in offsets):
            raise forms.ValidationError(
                _("Choose at least one time for reminders, or turn reminders off."),
                code="no_offset",
            )
        return data


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and profile are deleted for good."), required=True
    )

    def __init__(self, *args, member: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise forms.ValidationError(_("That is not your current password."), code="wrong")
        return password


class RejectMemberForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the applicant)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
