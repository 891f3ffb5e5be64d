"""The list's query string, checked: a value that is not one of the allowed ones is a 400 with
a message in the reader's language, not an empty list and never a 500."""

from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from events.api.fields import MomentField
from events.api.language import LANG_CHOICES, UNKNOWN_LANG
from events.forms.filters import FILTER_NAMES, EventFilterForm
from events.selectors.events import EventFilters
from events.selectors.public_api import EventWindow

RANGE_BACKWARDS = _("The end of the date range comes before its start.")


def _choice(choices, message, help_text):
    return serializers.ChoiceField(
        choices=choices,
        required=False,
        allow_blank=True,
        help_text=help_text,
        error_messages={"invalid_choice": message},
    )


class LanguageQuery(serializers.Serializer):
    lang = _choice(
        LANG_CHOICES,
        UNKNOWN_LANG,
        "Language of the texts (ar, fa, en), or all three at once (all). Default: "
        "Accept-Language, falling back as the pages do.",
    )


# What the schema says of each filter; the names, the values and their checking are the
# pages' own (events/forms/filters.py), so that every public list reads them alike.
FILTER_HELP = {
    "q": "Words of the title, in any of the three languages.",
    "kind": "Kind of event.",
    "language": "Held in this language.",
    "modality": "online: online or hybrid; in_person: in person or hybrid.",
    "country": "Two-letter country code (ISO 3166-1).",
    "topic": "A topic's slug.",
    "group": "A co-hosting group's slug or id.",
}


def _filter_field(name: str) -> serializers.CharField:
    field = EventFilterForm.base_fields[name]
    help_text = FILTER_HELP[name]
    if isinstance(field, forms.ChoiceField):
        help_text += " One of: " + ", ".join(value for value, _label in field.choices if value)
    return serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, help_text=help_text
    )


class EventListQuery(LanguageQuery):
    to = MomentField(
        required=False,
        end_of_day=True,
        help_text="Events that start on or before this date, the whole day in UTC included "
        "(to=2026-12-01: up to 23:59:59.999999 UTC on 1 December), or at or before this time "
        "(RFC 3339; without an offset, UTC). from=2026-12-01&to=2026-12-01 gives the events "
        "held on 1 December (UTC).",
    )

    def get_fields(self):
        fields = super().get_fields()
        fields.update((name, _filter_field(name)) for name in FILTER_NAMES)
        # A Python keyword, so not a class attribute.
        fields["from"] = MomentField(
            required=False,
            help_text="Events that end on or after this date (from its start, 00:00 UTC) or at "
            "or after this time (RFC 3339; without an offset, UTC). Default: now, so that the "
            "list holds the events to come.",
        )
        return fields

    def validate(self, attrs):
        errors = {}
        form = EventFilterForm({name: attrs.get(name, "") for name in FILTER_NAMES})
        if not form.is_valid():
            errors = {name: list(found) for name, found in form.errors.items()}
        start, end = attrs.get("from"), attrs.get("to")
        if start and end and end < start:
            errors["to"] = [RANGE_BACKWARDS]
        if errors:
            raise serializers.ValidationError(errors)
        return {**attrs, "filters": form.filters()}

    def filters(self) -> EventFilters:
        return self.validated_data["filters"]

    def window(self) -> EventWindow:
        data = self.validated_data
        return EventWindow(ends_after=data.get("from"), starts_before=data.get("to"))
