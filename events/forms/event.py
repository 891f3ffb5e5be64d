from django import forms
from django.utils.translation import gettext_lazy as _

from events.enums import Visibility
from events.forms.details import (
    DETAIL_FIELDS,
    EventDetailsForm,
    MemberChoiceField,
    approved_members,
    keep_visible,
)
from events.forms.zoned import WallClockDateTimeField, ZonedDateTimesMixin
from events.models import Event, Session, Topic
from members.fields import LocalisedIntegerField
from members.validators import validate_visible_name, visible_or_empty

ORGANIZER_FIELDS = ["visibility", "capacity", "rsvp_deadline", "guest_registration"]


class EventForm(EventDetailsForm):
    zoned_fields = ("starts_at", "ends_at", "rsvp_deadline")

    rsvp_deadline = WallClockDateTimeField(label=_("Answers close"), required=False)
    organizers = MemberChoiceField(
        label=_("Organizers of this event"), queryset=approved_members(), required=False
    )

    class Meta:
        model = Event
        fields = [*DETAIL_FIELDS, *ORGANIZER_FIELDS, "organizers"]
        field_classes = {"capacity": LocalisedIntegerField}

    def clean(self):
        cleaned = super().clean()
        deadline, ends_at = cleaned.get("rsvp_deadline"), cleaned.get("ends_at")
        if deadline and ends_at and deadline > ends_at:
            self.add_error("rsvp_deadline", _("Answers must close before the event ends."))
        return cleaned


class AcceptProposalForm(ZonedDateTimesMixin, forms.Form):
    """What organizers decide when they accept: who may see it and how many may come."""

    zoned_fields = ("rsvp_deadline",)

    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Visibility.choices, initial=Visibility.MEMBERS
    )
    capacity = LocalisedIntegerField(
        label=_("Capacity"), min_value=0, required=False, help_text=_("Leave empty for no limit.")
    )
    rsvp_deadline = WallClockDateTimeField(
        label=_("Answers close"),
        required=False,
        help_text=_("In the event's own time zone. Leave empty to take answers until it ends."),
    )
    guest_registration = forms.BooleanField(
        label=_("Guests may register without an account"), required=False
    )
    note = forms.CharField(
        label=_("Note to the proposers"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, proposal, **kwargs):
        kwargs.setdefault("initial", {"capacity": proposal.expected_capacity})
        super().__init__(*args, **kwargs)
        self.proposal = proposal

    def clean(self):
        cleaned = super().clean()
        self.attach_zone(cleaned, self.proposal.time_zone)
        deadline = cleaned.get("rsvp_deadline")
        if deadline and deadline > self.proposal.ends_at:
            self.add_error("rsvp_deadline", _("Answers must close before the event ends."))
        if cleaned.get("guest_registration") and cleaned.get("visibility") != Visibility.PUBLIC:
            self.add_error("guest_registration", _("Guests can only register for public events."))
        return cleaned

    def event_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in (
            "visibility", "capacity", "rsvp_deadline", "guest_registration"
        )}  # fmt: skip


class SessionForm(ZonedDateTimesMixin, forms.ModelForm):
    zoned_fields = ("starts_at", "ends_at")

    starts_at = WallClockDateTimeField(label=_("Starts"))
    ends_at = WallClockDateTimeField(label=_("Ends"))
    speakers = MemberChoiceField(label=_("Speakers"), queryset=approved_members(), required=False)

    class Meta:
        model = Session
        fields = ["title_ar", "title_fa", "title_en", "starts_at", "ends_at", "room", "language",
                  "speakers", "speaker_names"]  # fmt: skip
        labels = {
            "title_ar": _("Title in Arabic"),
            "title_fa": _("Title in Persian"),
            "title_en": _("Title in English"),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        for name in ("title_ar", "title_fa", "title_en"):
            self.fields[name].required = False
        if self.instance.pk:
            self.show_in_zone(event.time_zone)

    def clean_speaker_names(self) -> str:
        """Comma-separated names; each must show something (members.validators)."""
        names = [name.strip() for name in self.cleaned_data["speaker_names"].split(",")]
        for name in names:
            validate_visible_name(name)
        return ", ".join(filter(None, map(visible_or_empty, names)))

    def clean(self):
        cleaned = super().clean()
        self.attach_zone(cleaned, self.event.time_zone)
        if not keep_visible(cleaned, ("title_ar", "title_fa", "title_en")):
            self.add_error(None, _("Give a title in at least one language."))
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at:
            if ends_at <= starts_at:
                self.add_error("ends_at", _("The end must be after the start."))
            elif starts_at < self.event.starts_at or ends_at > self.event.ends_at:
                self.add_error("starts_at", _("A session must lie within the event's own times."))
        return cleaned


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["slug", "name_ar", "name_fa", "name_en"]
        labels = {
            "name_ar": _("Name in Arabic"),
            "name_fa": _("Name in Persian"),
            "name_en": _("Name in English"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name_ar", "name_fa", "name_en"):
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        if not keep_visible(cleaned, ("name_ar", "name_fa", "name_en")):
            raise forms.ValidationError(_("Give a name in at least one language."))
        return cleaned
