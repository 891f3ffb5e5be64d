"""Forms of the groups' pages: creating and editing a group, asking to join one."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.countries import country_choices
from events.forms.constraints import ConstraintMessagesMixin
from events.forms.details import blank_if_invisible, keep_visible
from events.models.invitation import MAX_REASON_LENGTH
from members.models import AllianceGroup
from members.selectors import member_by_address
from members.services_groups import GROUP_FIELDS

NAME_FIELDS = ("name_ar", "name_fa", "name_en")
DESCRIPTION_FIELDS = ("description_ar", "description_fa", "description_en")
LANGUAGE_FLAGS = ("in_arabic", "in_persian", "in_english")
# Paths under /groups/ that a group's short name would hide.
RESERVED_SLUGS = {"new"}
NO_NAME = _("Give the group a name in at least one language.")
NO_LANGUAGE = _("Choose at least one language the group works in.")
NO_PLACE = _("Choose the group's country, or mark it as in exile.")
TWO_PLACES = _("A group in exile has no country: choose one or the other.")


class GroupForm(ConstraintMessagesMixin, forms.ModelForm):
    # The group's database rules (members/models_groups.py), each checked in clean().
    constraint_messages = {
        "has_a_name": NO_NAME,
        "has_a_language": NO_LANGUAGE,
        "country_or_exile": NO_PLACE,
    }

    class Meta:
        model = AllianceGroup
        fields = list(GROUP_FIELDS)
        labels = {
            "name_ar": _("Name in Arabic"),
            "name_fa": _("Name in Persian"),
            "name_en": _("Name in English"),
            "description_ar": _("Description in Arabic"),
            "description_fa": _("Description in Persian"),
            "description_en": _("Description in English"),
            "in_exile": _("In exile (not based in one country)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"] = forms.ChoiceField(
            label=_("Country"), choices=[("", "—"), *country_choices()], required=False
        )
        for code in ("ar", "fa", "en"):
            for name in (f"name_{code}", f"description_{code}"):
                self.fields[name].required = False
                self.fields[name].widget.attrs.update({"lang": code, "dir": "auto"})
            self.fields[f"description_{code}"].widget = forms.Textarea(
                attrs={**self.fields[f"description_{code}"].widget.attrs, "rows": 4}
            )

    def clean(self):
        cleaned = super().clean()
        if not keep_visible(cleaned, NAME_FIELDS):
            self.add_error(None, NO_NAME)
        blank_if_invisible(cleaned, DESCRIPTION_FIELDS)
        if not any(cleaned.get(flag) for flag in LANGUAGE_FLAGS):
            self.add_error("in_arabic", NO_LANGUAGE)
        if cleaned.get("in_exile") and cleaned.get("country"):
            self.add_error("country", TWO_PLACES)
        elif not cleaned.get("in_exile") and not cleaned.get("country"):
            self.add_error("country", NO_PLACE)
        return cleaned

    def group_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in GROUP_FIELDS}


class GroupCreateForm(GroupForm):
    coordinator_email = forms.EmailField(
        label=_("Email address of the first coordinator"),
        help_text=_("An approved member; more coordinators can be named later."),
    )

    class Meta(GroupForm.Meta):
        fields = ["slug", *GroupForm.Meta.fields]
        help_texts = {"slug": _("Used in the group's address, e.g. syrian-socialists.")}

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is reserved; choose another."))
        return slug

    def clean_coordinator_email(self):
        member = member_by_address(self.cleaned_data["coordinator_email"])
        if member is None or not member.is_approved:
            raise forms.ValidationError(_("No approved member has this email address."))
        self.coordinator = member
        return self.cleaned_data["coordinator_email"]


class GroupJoinForm(forms.Form):
    show_publicly = forms.BooleanField(
        label=_("Show other members that I belong to this group"),
        required=False,
        help_text=_("The group's coordinators always see it. You can change this later."),
    )


class InvitationAnswerForm(forms.Form):
    """A coordinator's answer, for their group, to an invitation to co-host a joint action."""

    ANSWERS = {"join": True, "decline": False}

    answer = forms.ChoiceField(
        label=_("Your group's answer"),
        choices=[
            ("join", pgettext_lazy("group invitation", "Join")),
            ("decline", pgettext_lazy("group invitation", "Decline")),
        ],
        error_messages={"required": _("Choose whether your group joins or declines.")},
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        help_text=_("Needed to decline; the proposers and every reader of the proposal see it."),
    )

    def clean(self):
        cleaned = super().clean()
        blank_if_invisible(cleaned, ("reason",), empty="")
        if cleaned.get("answer") == "decline" and not cleaned.get("reason"):
            self.add_error("reason", _("Say why your group declines."))
        return cleaned

    @property
    def joins(self) -> bool:
        return self.ANSWERS[self.cleaned_data["answer"]]
