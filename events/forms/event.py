from django import forms
from django.utils.translation import gettext_lazy as _

from events.countries import country_choices
from events.enums import Visibility
from events.forms.constraints import ConstraintMessagesMixin
from events.forms.details import (
    DETAIL_FIELDS,
    DETAIL_RULES,
    NO_SEATS,
    EventDetailsForm,
    MemberChoiceField,
    approved_members,
    at_least_one,
    blank_if_invisible,
    keep_visible,
    trim_to_visible,
)
from events.forms.member_picker import MemberPickerMixin
from events.forms.proposal import GroupChoiceField
from events.forms.zoned import WallClockDateTimeField, ZonedDateTimesMixin
from events.models import Event, Session, Topic
from events.models.event import MAX_VENUE_RELEASE_HOURS
from events.selectors.venue import venue_released
from members.fields import LocalisedIntegerField
from members.forms import offer_time_zones
from members.lists import STORED_SEPARATOR, split_typed_list
from members.models import AllianceGroup
from members.validators import validate_visible_name, visible_or_empty

ORGANIZER_FIELDS = [
    "visibility", "invited_groups", "venue_release_hours", "capacity", "rsvp_deadline",
    "guest_registration",
]  # fmt: skip


class EventForm(MemberPickerMixin, EventDetailsForm):
    zoned_fields = ("starts_at", "ends_at", "rsvp_deadline")
    member_pickers = ("organizers",)
    add_labels = {"organizers": _("Add organizers by email address")}

    rsvp_deadline = WallClockDateTimeField(label=_("Answers close"), required=False)
    organizers = MemberChoiceField(
        label=_("Organizers of this event"), queryset=approved_members(), required=False
    )
    cohost_groups = GroupChoiceField(
        label=_("Co-hosted by"),
        queryset=AllianceGroup.objects.order_by("slug"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The groups carrying this event together. Their coordinators may edit its times, "
            "place, link, capacity and programme, but see an exact address held back only once "
            "it is shared."
        ),
    )

    invited_groups = GroupChoiceField(
        label=_("Invited groups"),
        queryset=AllianceGroup.objects.order_by("slug"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For an event shown to invited groups only: only their members see it. Leave all "
            "unticked to invite the co-hosting groups."
        ),
    )
    venue_release_hours = LocalisedIntegerField(
        label=_("Share the exact address this many hours before the start"),
        min_value=1,
        max_value=MAX_VENUE_RELEASE_HOURS,
        required=False,
        help_text=_(
            "Until then only the city is shown, and only the organizers see the address; then "
            "confirmed attendees get it by email. Leave empty to show the address with the event."
        ),
    )

    class Meta:
        model = Event
        fields = [*DETAIL_FIELDS, *ORGANIZER_FIELDS, "organizers", "cohost_groups"]
        field_classes = {"capacity": LocalisedIntegerField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_member_pickers()

    def clean_capacity(self) -> int | None:
        return at_least_one(self.cleaned_data.get("capacity"), NO_SEATS)

    def clean(self):
        cleaned = super().clean()
        self.merge_member_pickers(cleaned)
        deadline, ends_at = cleaned.get("rsvp_deadline"), cleaned.get("ends_at")
        if deadline and ends_at and deadline > ends_at:
            self.add_error("rsvp_deadline", _("Answers must close before the event ends."))
        return cleaned


# What a co-hosting group's coordinators may change (issue 13): not the texts, visibility or
# status, which stay the organizers'.
PRACTICAL_FIELDS = [
    "starts_at", "ends_at", "time_zone", "modality", "venue", "city", "country",
    "meeting_link", "capacity",
]  # fmt: skip


class PracticalDetailsForm(ConstraintMessagesMixin, ZonedDateTimesMixin, forms.ModelForm):
    """The event form of a co-hosting group's coordinator: its practical details only, without
    the exact address while the event holds it back (only its organizers see it until then,
    events/selectors/venue.py)."""

    zoned_fields = ("starts_at", "ends_at")
    constraint_messages = DETAIL_RULES

    # The same fields as the organizers' form (each form gets its own copy of them).
    starts_at = EventDetailsForm.base_fields["starts_at"]
    ends_at = EventDetailsForm.base_fields["ends_at"]
    time_zone = EventDetailsForm.base_fields["time_zone"]
    meeting_link = EventDetailsForm.base_fields["meeting_link"]

    class Meta:
        model = Event
        fields = PRACTICAL_FIELDS
        field_classes = {"capacity": LocalisedIntegerField}

    def __init__(self, *args, reader=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_time_zones(self, reader=reader)
        self.fields["country"] = forms.ChoiceField(
            label=_("Country"), choices=[("", "—"), *country_choices()], required=False
        )
        if self.instance.pk and self.instance.time_zone:
            self.show_in_zone(self.instance.time_zone)
        if self.instance.holds_venue_back and not venue_released(self.instance):
            del self.fields["venue"]

    def clean(self):
        cleaned = super().clean()
        self.attach_zone(cleaned, cleaned.get("time_zone"))
        trim_to_visible(cleaned, ("venue", "city"))
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
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
    venue_release_hours = EventForm.base_fields["venue_release_hours"]
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

    def clean_capacity(self) -> int | None:
        return at_least_one(self.cleaned_data.get("capacity"), NO_SEATS)

    def clean(self):
        cleaned = super().clean()
        self.attach_zone(cleaned, self.proposal.time_zone)
        deadline = cleaned.get("rsvp_deadline")
        if deadline and deadline > self.proposal.ends_at:
            self.add_error("rsvp_deadline", _("Answers must close before the event ends."))
        if cleaned.get("guest_registration") and cleaned.get("visibility") != Visibility.PUBLIC:
            self.add_error("guest_registration", _("Guests can only register for public events."))
        blank_if_invisible(cleaned, ("note",), empty="")
        return cleaned

    def event_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in (
            "visibility", "capacity", "rsvp_deadline", "guest_registration", "venue_release_hours"
        )}  # fmt: skip


class SessionForm(MemberPickerMixin, ConstraintMessagesMixin, ZonedDateTimesMixin, forms.ModelForm):
    zoned_fields = ("starts_at", "ends_at")
    constraint_messages = DETAIL_RULES
    member_pickers = ("speakers",)
    add_labels = {"speakers": _("Add speakers who are members, by email address")}

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
        self.setup_member_pickers()

    def clean_speaker_names(self) -> str:
        """Names separated by "," "،" ";" or "؛" (members.lists); each must show something
        (members.validators). Stored joined by ", ", whatever the keyboard typed."""
        names = split_typed_list(self.cleaned_data["speaker_names"])
        for name in names:
            validate_visible_name(name)
        return STORED_SEPARATOR.join(filter(None, map(visible_or_empty, names)))

    def clean(self):
        cleaned = super().clean()
        self.merge_member_pickers(cleaned)
        self.attach_zone(cleaned, self.event.time_zone)
        if not keep_visible(cleaned, ("title_ar", "title_fa", "title_en")):
            self.add_error(None, _("Give a title in at least one language."))
        trim_to_visible(cleaned, ("room",))
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
