from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.countries import country_choices
from events.enums import EventKind, Modality
from events.models import Topic
from events.selectors.events import EventFilters
from members.enums import Language
from members.models import AllianceGroup


def _any_country() -> list[tuple[str, str]]:
    return [("", _("Any")), *country_choices()]


def _any_topic() -> list[tuple[str, str]]:
    return [("", _("Any")), *((topic.slug, topic.name) for topic in Topic.objects.all())]


def _any_group() -> list[tuple[str, str]]:
    groups = AllianceGroup.objects.all()
    return [("", _("Any")), *((group.slug, group.name) for group in groups)]


class EventFilterForm(forms.Form):
    """Filters from the query string. A value that does not validate is ignored, never a 500."""

    q = forms.CharField(label=_("Search titles"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    modality = forms.ChoiceField(label=_("Format"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    group = forms.ChoiceField(label=pgettext_lazy("alliance", "Group"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["kind"].choices = anything + list(EventKind.choices)
        self.fields["language"].choices = anything + list(Language.choices)
        self.fields["modality"].choices = [
            *anything,
            (Modality.IN_PERSON, _("In person")),
            (Modality.ONLINE, _("Online")),
        ]
        # Callables: countries and topics are only read when the form is drawn or one is
        # chosen, not on each of the list's (mostly cached) requests.
        self.fields["country"].choices = _any_country
        self.fields["topic"].choices = _any_topic
        self.fields["group"].choices = _any_group

    def filters(self) -> EventFilters:
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        return EventFilters(
            kind=data.get("kind", ""),
            language=data.get("language", ""),
            modality=data.get("modality", ""),
            country=data.get("country", ""),
            topic=data.get("topic", ""),
            group=data.get("group", ""),
            search=data.get("q", "").strip(),
        )
