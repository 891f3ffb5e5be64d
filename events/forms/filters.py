from django import forms
from django.utils.translation import gettext_lazy as _

from events.countries import country_choices
from events.enums import EventKind, Modality
from events.models import Topic
from events.selectors.events import EventFilters
from members.enums import Language


class EventFilterForm(forms.Form):
    """Filters from the query string. A value that does not validate is ignored, never a 500."""

    q = forms.CharField(label=_("Search titles"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    modality = forms.ChoiceField(label=_("Format"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

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
        self.fields["country"].choices = anything + country_choices()
        self.fields["topic"].choices = anything + [
            (topic.slug, topic.name) for topic in Topic.objects.all()
        ]

    def filters(self) -> EventFilters:
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        return EventFilters(
            kind=data.get("kind", ""),
            language=data.get("language", ""),
            modality=data.get("modality", ""),
            country=data.get("country", ""),
            topic=data.get("topic", ""),
            search=data.get("q", "").strip(),
        )
