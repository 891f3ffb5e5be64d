from functools import partial

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members.digits import verbatim
from members.enums import Language, LinkAddress
from members.forms_confirm import ConfirmForm, message_widget, optional_message
from members.links import member_uses_onion
from members.models import User
from members.time_zones import SHOW_ALL, default_time_zone, time_zone_choices
from members.validators import clean_visible_name, time_zone_names
from notifications.enums import MEMBER_OFFSET_FIELDS, ReminderOffset, offset_label

MEMBER_ZONE_HELP = _("Event times are shown to you in this zone.")


SHOW_ALL_HELP = _(
    "Not listed? Choose “Another time zone…” and send the form: every zone is then listed."
)


class TimeZoneSelect(forms.Select):
    """Shows `shown_instead` chosen where the value is no zone: a browser would otherwise show
    the list's first entry as chosen, and save it when the form is sent again."""

    shown_instead = ""

    def format_value(self, value) -> list[str]:
        return [
            zone if zone in time_zone_names() else self.shown_instead
            for zone in super().format_value(value)
        ]


class TimeZoneField(forms.ChoiceField):
    """An IANA zone, listed by its name in the reader's language (members.time_zones).

    Any zone zoneinfo knows is accepted, also one the list leaves out (US/Eastern names the
    same rules as America/New_York). Call `offer_time_zones` in the form's `__init__`.
    "Another time zone…" (SHOW_ALL) is refused with the code "show_all", so that the form comes
    back, changed nothing, with the whole list to choose from.
    """

    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not a time zone we know. Choose one from the list."),
        "required": _("Choose a time zone from the list."),
        "show_all": _("Every time zone is listed now: choose one."),
    }
    widget = TimeZoneSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Time zone"))
        help_text = kwargs.pop("help_text", "")
        kwargs["help_text"] = (
            format_lazy("{} {}", help_text, SHOW_ALL_HELP) if help_text else SHOW_ALL_HELP
        )
        super().__init__(choices=time_zone_choices, **kwargs)
        self.help_with_every_zone = help_text  # once every zone is listed (offer_time_zones)

    def validate(self, value) -> None:
        if value == SHOW_ALL:
            raise forms.ValidationError(self.error_messages["show_all"], code="show_all")
        if value and not self.valid_value(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": verbatim(value)},  # as sent, digits and direction kept
            )
        super().validate(value)

    def valid_value(self, value) -> bool:
        return value in time_zone_names()


def offer_time_zones(form: forms.BaseForm, *, reader=None, name: str = "time_zone") -> None:
    """Start `form`'s zone field at a zone the member chose, never at the list's first entry.

    An unbound form without a known zone starts at the reader's own (their profile), else at
    the site's default, marked `data-detect-time-zone` so that static/js/detect-time-zone.js
    puts the browser's zone in its place. Offsets are labelled in the reader's digits.

    The list is the short one (members.time_zones.time_zone_choices) unless the form comes back
    with "Another time zone…" or a value that is no zone: then every zone is listed.
    """
    field = form.fields[name]
    own = getattr(reader, "time_zone", "")
    if not form.is_bound and form.get_initial_for_field(field, name) not in time_zone_names():
        start = own if own in time_zone_names() else default_time_zone()
        form.initial = {**form.initial, name: start}  # a copy: the caller may share its dict
        if start != own:
            field.widget.attrs["data-detect-time-zone"] = start
    value = form[name].value() or ""
    full = form.is_bound and value not in time_zone_names()
    if full:
        # Back with "Another time zone…" (or a value tampered with): the zone it had stays
        # chosen in the whole list, so that saving again without looking changes nothing.
        initial = form.get_initial_for_field(field, name)
        value = next(
            (zone for zone in (initial, own) if zone in time_zone_names()), default_time_zone()
        )
        field.widget.shown_instead = value
        field.help_text = getattr(field, "help_with_every_zone", field.help_text)
        form[name].help_text = field.help_text  # the bound field copied it when made
        if value not in (initial, own):
            field.widget.attrs["data-detect-time-zone"] = value
    field.choices = partial(
        time_zone_choices,
        digit_style=getattr(reader, "digit_style", "") or "",
        current=value,
        full=full,
    )


def normalise_display_name(value: str) -> str:
    """One space between words, invisible characters trimmed off the ends; refused when nothing
    visible remains (members.validators.visible_or_empty)."""
    return clean_visible_name(value, blank_message=_("Please enter a display name."))


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
    time_zone = TimeZoneField(help_text=MEMBER_ZONE_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_time_zones(self)  # signed out: the browser's zone, else the site's
        current = translation.get_language()
        if current in Language.values:
            self.fields["preferred_language"].initial = current

    def clean_display_name(self) -> str:
        return normalise_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user) -> None:
        # MemberAccountAdapter.save_user already wrote these fields with the user row, in one save.
        pass


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField(help_text=MEMBER_ZONE_HELP)

    class Meta:
        model = User
        fields = ["display_name", "preferred_language", "time_zone", "digit_style", "bio"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_time_zones(self, reader=self.instance)

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
            "link_address",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.ONION_URL:
            # Asked once it matters, as a choice of the two: until then the member's mails
            # follow the address they last signed in through, which is what shows as chosen.
            field = self.fields["link_address"]
            field.widget = forms.RadioSelect()
            field.choices = [
                (LinkAddress.WEB, LinkAddress.WEB.label),
                (LinkAddress.ONION, LinkAddress.ONION.label),
            ]
            field.required = True
            field.help_text = _(
                "Calendar feeds link to the address you subscribed through, and pages to the "
                "one you are reading them on."
            )
            onion = member_uses_onion(self.instance)
            self.initial["link_address"] = LinkAddress.ONION if onion else LinkAddress.WEB
        else:
            del self.fields["link_address"]
        # Labels with numbers in the reader's digits, not the ones a translation would fix.
        for offset, name in MEMBER_OFFSET_FIELDS.items():
            self.fields[name].label = offset_label(offset)
        self.fields["remind_hour_before"].label = _("%(when)s (online events)") % {
            "when": offset_label(ReminderOffset.HOUR)
        }

    def clean_link_address(self) -> str:
        # Saving the form unchanged is no choice: the mails keep following the sign-ins.
        chosen = self.cleaned_data["link_address"]
        automatic = LinkAddress.ONION if self.instance.signed_in_through_onion else LinkAddress.WEB
        if not self.instance.link_address and chosen == automatic:
            return LinkAddress.AS_SIGNED_IN
        return chosen

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


class RejectMemberForm(ConfirmForm):
    """The rejection's confirmation page: the reason goes to the applicant with the notice."""

    REASON_LIMIT = 500  # User.membership_rejection_reason's max_length

    reason = forms.CharField(
        label=_("Reason (shown to the applicant)"),
        help_text=_("Optional. Sent to them as you write it, marked as the organizers' words."),
        required=False,
        widget=message_widget(REASON_LIMIT),
    )

    def clean_reason(self) -> str:
        return optional_message(
            self.cleaned_data["reason"],
            limit=self.REASON_LIMIT,
            too_long=_("The reason is too long: at most %(limit)s characters."),
        )
