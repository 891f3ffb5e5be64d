"""The filters of every public list of events, defined once: the events list (its form), the
Atom feed, the embeddable list, the public calendar feed and the JSON API (events/api/queries.py)
read the same names with the same meaning, and links built from a page carry them all
(`page_filters`).

A value that names nothing is refused with a sentence saying which, never ignored: ignoring it
would give every event instead of the topic asked for, and an allied site, a feed reader or a
calendar would never show why. The list page shows the sentence at its field, the feeds and the
embed answer 400 with it, the API a 400 in JSON.
"""

from django import forms
from django.core.exceptions import BadRequest
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from events.countries import country_choices, country_name, is_country
from events.enums import EventKind, Modality
from events.models import Topic
from events.selectors.events import EventFilters
from members.enums import Language
from members.models import AllianceGroup
from members.validators import search_words

# The query string's names, in the order links write them.
FILTER_NAMES = ("q", "kind", "language", "modality", "country", "topic", "group")
SEARCH_MAX_LENGTH = 100
SLUG_MAX_LENGTH = 60
MAX_ID_DIGITS = 18  # a longer number is no row's id (and would overflow the column)
ANY = [("", _("Any"))]


def _any_country() -> list[tuple[str, str]]:
    return [*ANY, *country_choices()]


def _any_topic() -> list[tuple[str, str]]:
    return [*ANY, *((topic.slug, topic.name) for topic in Topic.objects.all())]


def _any_group() -> list[tuple[str, str]]:
    return [*ANY, *((group.slug, group.name) for group in AllianceGroup.objects.all())]


def page_filters(query: QueryDict) -> dict[str, str]:
    """The filters an address holds, as given and in a fixed order: what a link or snippet built
    from a page carries to another list, which checks them itself. No query here: the page may
    be drawn from a cache."""
    return {name: query[name] for name in FILTER_NAMES if query.get(name, "").strip()}


def _unknown(message) -> dict:
    return {"invalid_choice": message}


class EventFilterForm(forms.Form):
    """The filters from a query string. Topic and group are offered as lists and read by slug
    (a group by its number too, as the API always took it); the lists are callables, read only
    when the form is drawn, not on each of the list's (mostly cached) requests."""

    q = forms.CharField(label=_("Search titles"), max_length=SEARCH_MAX_LENGTH, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[*ANY, *EventKind.choices],
        required=False,
        error_messages=_unknown(_("There is no kind of event called “%(value)s”.")),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[*ANY, *Language.choices],
        required=False,
        error_messages=_unknown(_("Unknown language: use ar, fa or en.")),
    )
    modality = forms.ChoiceField(
        label=_("Format"),
        # Each takes hybrid events too (events_matching).
        choices=[*ANY, (Modality.IN_PERSON, _("In person")), (Modality.ONLINE, _("Online"))],
        required=False,
        error_messages=_unknown(_("Unknown format: use online or in_person.")),
    )
    country = forms.CharField(
        label=_("Country"), required=False, widget=forms.Select(choices=_any_country)
    )
    topic = forms.CharField(
        label=_("Topic"),
        max_length=SLUG_MAX_LENGTH,
        required=False,
        widget=forms.Select(choices=_any_topic),
    )
    group = forms.CharField(
        label=pgettext_lazy("alliance", "Group"),
        max_length=SLUG_MAX_LENGTH,
        required=False,
        widget=forms.Select(choices=_any_group),
    )

    def clean_q(self) -> str:
        # A zero-width space or direction mark pasted with the words would match no title.
        return search_words(self.cleaned_data["q"])

    def clean_country(self) -> str:
        code = self.cleaned_data["country"].upper()
        if code and not is_country(code):
            raise forms.ValidationError(
                _("Unknown country: use a two-letter code such as DE."), code="unknown"
            )
        return code

    def clean_topic(self) -> Topic | None:
        slug = self.cleaned_data["topic"]
        if not slug:
            return None
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            raise forms.ValidationError(
                _("There is no topic called “%(value)s”."), code="unknown", params={"value": slug}
            )
        return topic

    def clean_group(self) -> AllianceGroup | None:
        reference = self.cleaned_data["group"]
        if not reference:
            return None
        named = Q(slug=reference)
        if reference.isdecimal() and len(reference) <= MAX_ID_DIGITS:
            named |= Q(pk=int(reference))
        # A slug made of digits names its own group before the group of that number.
        found = sorted(AllianceGroup.objects.filter(named)[:2], key=lambda g: g.slug != reference)
        group = found[0] if found else None
        if group is None:
            raise forms.ValidationError(
                _("There is no group called “%(value)s”."),
                code="unknown",
                params={"value": reference},
            )
        return group

    def filters(self) -> EventFilters:
        """The filters chosen; call after `is_valid()` has said yes."""
        data = self.cleaned_data
        topic, group = data["topic"], data["group"]
        return EventFilters(
            kind=data["kind"],
            language=data["language"],
            modality=data["modality"],
            country=data["country"],
            topic=topic.slug if topic else "",
            group=group.slug if group else "",
            search=data["q"],
        )

    def chosen_query(self) -> dict[str, str]:
        """The chosen filters as an address's query holds them, in FILTER_NAMES' order: a group
        by its slug, whichever way it was named, so that both name one feed."""
        filters = self.filters()
        chosen = {
            "q": filters.search,
            "kind": filters.kind,
            "language": filters.language,
            "modality": filters.modality,
            "country": filters.country,
            "topic": filters.topic,
            "group": filters.group,
        }
        return {name: value for name, value in chosen.items() if value}

    def chosen_names(self) -> list[str]:
        """What the filters choose, in the active language: the searched words, a kind, a
        language, a format, a country, a topic, a group."""
        data = self.cleaned_data
        names = [gettext("titles with “%(words)s”") % {"words": data["q"]}] if data["q"] else []
        for name in ("kind", "language", "modality"):
            if data[name]:
                names.append(dict(self.fields[name].choices)[data[name]])
        if data["country"]:
            names.append(country_name(data["country"]))
        names += [found for found in (data["topic"], data["group"]) if found is not None]
        return [str(name) for name in names]

    def errors_said(self) -> list[str]:
        return [str(error) for errors in self.errors.values() for error in errors]


class FiltersRefused(BadRequest):
    """A feed's filters name something unknown; the view answers with the form's sentences."""

    def __init__(self, form: EventFilterForm):
        super().__init__(" ".join(form.errors_said()))
        self.form = form
