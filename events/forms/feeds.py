from django import forms
from django.core.exceptions import BadRequest
from django.http import QueryDict

from events.countries import is_country
from events.enums import EventKind
from events.selectors.events import EventFilters
from members.digits import normalise_digits
from members.enums import Language


class FeedFilterForm(forms.Form):
    """The public feed's filters. A calendar app cannot show a form error, and quietly ignoring
    a mistyped filter would subscribe to everything, so a bad value is a 400 (`filters()`)."""

    kind = forms.ChoiceField(choices=EventKind.choices, required=False)
    language = forms.ChoiceField(choices=Language.choices, required=False)
    country = forms.CharField(max_length=2, required=False)

    def clean_country(self) -> str:
        country = self.cleaned_data["country"].upper()
        if country and not is_country(country):
            raise forms.ValidationError("unknown country", code="country")
        return country

    def filters(self) -> EventFilters:
        if not self.is_valid():
            raise BadRequest("unknown feed filter")
        return EventFilters(
            kind=self.cleaned_data["kind"],
            language=self.cleaned_data["language"],
            country=self.cleaned_data["country"],
        )


def query_flag(query: QueryDict, name: str) -> bool:
    """An on/off option in a feed address: absent, "0" or "1" (in any digits); else a 400."""
    value = normalise_digits(query.get(name, "0"))
    if value not in ("0", "1"):
        raise BadRequest(f"{name} must be 0 or 1")
    return value == "1"
