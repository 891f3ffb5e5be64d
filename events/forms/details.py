"""The fields a proposal and an event share, and their checks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.countries import country_choices
from events.forms.constraints import ConstraintMessagesMixin
from events.forms.zoned import WallClockDateTimeField, ZonedDateTimesMixin
from events.models import Topic
from members.enums import MembershipStatus
from members.forms import TimeZoneField, offer_time_zones
from members.models import User
from members.validators import visible_or_empty

TITLE_FIELDS = ["title_ar", "title_fa", "title_en"]
DESCRIPTION_FIELDS = ["description_ar", "description_fa", "description_en"]
DETAIL_FIELDS = [
    "kind",
    *TITLE_FIELDS,
    *DESCRIPTION_FIELDS,
    "starts_at",
    "ends_at",
    "time_zone",
    "modality",
    "venue",
    "city",
    "country",
    "meeting_link",
    "in_arabic",
    "in_persian",
    "in_english",
    "interpretation_ar",
    "interpretation_fa",
    "interpretation_en",
    "topics",
]


def keep_visible(cleaned: dict, names) -> bool:
    """Trims each of the translated fields `names` in `cleaned` to what shows; one of only
    zero-width characters becomes None, as a blank translation is stored
    (members.validators.visible_or_empty). True if any shows something."""
    for name in names:
        if cleaned.get(name):
            cleaned[name] = visible_or_empty(cleaned[name]) or None
    return any(cleaned.get(name) for name in names)


def trim_to_visible(cleaned: dict, names) -> None:
    """One-line optional texts (a venue, a city, a room) as they will show: spaces and invisible
    characters trimmed off the ends, "" when nothing visible is left."""
    for name in names:
        if cleaned.get(name):
            cleaned[name] = visible_or_empty(cleaned[name])


def blank_if_invisible(cleaned: dict, names, *, empty=None) -> None:
    """Optional texts of several lines (a description, a reason): one that shows nothing (only
    spaces or invisible characters) becomes `empty`; others are kept as typed, line breaks and
    all."""
    for name in names:
        if cleaned.get(name) and not visible_or_empty(cleaned[name]):
            cleaned[name] = empty


NO_SEATS = _(
    "With no seats nobody could answer. Enter how many people may come, or leave the field "
    "empty for no limit."
)
NO_PARTICIPANTS = _(
    "Enter how many people you expect, or leave the field empty if you do not know yet."
)


def at_least_one(value: int | None, message) -> int | None:
    """A number of seats or participants: empty (no limit, not known) or 1 or more. Zero would
    read as "no limit" to some and "closed" to others; the database allows no negative number."""
    if value is not None and value < 1:
        raise forms.ValidationError(message, code="min_value")
    return value


def approved_members():
    return User.objects.filter(
        membership_status=MembershipStatus.APPROVED, deleted_at__isnull=True, is_active=True
    ).order_by("display_name", "pk")


# The database's rules for a proposal's, an event's and a session's details, in the words the
# forms' clean() methods use for them (events/forms/constraints.py).
DETAIL_RULES = {
    "has_a_title": _("Give a title in at least one language."),
    "ends_after_start": _("The end must be after the start."),
    "deadline_before_end": _("Answers must close before the event ends."),
    "groups_answer_before_start": _("The groups must answer before the event starts."),
    "capacity_not_negative": NO_SEATS,
}


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class EventDetailsForm(ConstraintMessagesMixin, ZonedDateTimesMixin, forms.ModelForm):
    constraint_messages = DETAIL_RULES
    zoned_fields = ("starts_at", "ends_at")

    starts_at = WallClockDateTimeField(
        label=_("Starts"), help_text=_("In the event's own time zone, chosen below.")
    )
    ends_at = WallClockDateTimeField(label=_("Ends"))
    time_zone = TimeZoneField(label=_("Time zone of the event"))
    meeting_link = forms.URLField(
        label=_("Meeting link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Only ever shown to confirmed attendees and organizers."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, reader=None, **kwargs):
        """`reader`: the member filling the form in; a new event starts in their zone."""
        super().__init__(*args, **kwargs)
        offer_time_zones(self, reader=reader)
        self.fields["country"] = forms.ChoiceField(
            label=_("Country"),
            choices=[("", "—"), *country_choices()],
            required=False,
        )
        labels = {
            "title_ar": _("Title in Arabic"),
            "title_fa": _("Title in Persian"),
            "title_en": _("Title in English"),
            "description_ar": _("Description in Arabic"),
            "description_fa": _("Description in Persian"),
            "description_en": _("Description in English"),
        }
        for name, label in labels.items():
            self.fields[name].label = label
            self.fields[name].required = False
        for code in ("ar", "fa", "en"):
            for name in (f"title_{code}", f"description_{code}"):
                self.fields[name].widget.attrs.update({"lang": code, "dir": "auto"})
        for name in DESCRIPTION_FIELDS:
            self.fields[name].widget = forms.Textarea(
                attrs={**self.fields[name].widget.attrs, "rows": 5}
            )
            self.fields[name].help_text = _("Markdown is welcome: **bold**, lists, links.")
        if self.instance.pk and self.instance.time_zone:
            self.show_in_zone(self.instance.time_zone)

    def clean(self):
        cleaned = super().clean()
        self.attach_zone(cleaned, cleaned.get("time_zone"))
        if not keep_visible(cleaned, TITLE_FIELDS):
            self.add_error(None, _("Give a title in at least one language."))
        blank_if_invisible(cleaned, DESCRIPTION_FIELDS)
        trim_to_visible(cleaned, ("venue", "city"))
        if not any(cleaned.get(flag) for flag in ("in_arabic", "in_persian", "in_english")):
            self.add_error("in_arabic", _("Choose at least one language the event is held in."))
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        return cleaned
