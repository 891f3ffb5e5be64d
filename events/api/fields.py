"""Fields of the API's answers and questions: texts in one or all languages, times in UTC."""

from datetime import UTC, date, datetime, time

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.api.language import ALL_LANGUAGES, CONTENT_LANGUAGES

_NULLABLE_TEXT = {"type": "string", "nullable": True}
TRANSLATED_SCHEMA = {
    "oneOf": [
        {"type": "string"},
        {
            "type": "object",
            "description": "With lang=all: the text in each language, null where not written.",
            "properties": dict.fromkeys(CONTENT_LANGUAGES, _NULLABLE_TEXT),
            "required": list(CONTENT_LANGUAGES),
        },
    ]
}


def in_all_languages(context) -> bool:
    return context.get("language") == ALL_LANGUAGES


@extend_schema_field(TRANSLATED_SCHEMA)
class TranslatedField(serializers.Field):
    """A translated model field (django-modeltranslation): in the asked language with the
    pages' fallbacks, or with `lang=all` the three texts as written, without fallback."""

    def __init__(self, name: str, **kwargs):
        self.model_field = name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        if in_all_languages(self.context):
            return {
                code: getattr(instance, f"{self.model_field}_{code}") or None
                for code in CONTENT_LANGUAGES
            }
        return getattr(instance, self.model_field)


@extend_schema_field(
    {
        "type": "string",
        "enum": list(CONTENT_LANGUAGES),
        "nullable": True,
        "description": "The language the text beside it is written in: the asked one, or the "
        "one it fell back to when not written in it (as the pages do). Null with lang=all, "
        "where each text is under its language, and when no text is written at all.",
    }
)
class TextLanguageField(serializers.Field):
    """The language a TranslatedField's text is actually in, as the Atom feed's xml:lang."""

    def __init__(self, name: str, **kwargs):
        self.model_field = name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        if in_all_languages(self.context):
            return None
        # The active language is the one TranslatedField's text was looked up in.
        language = translation.get_language() or ""
        for code in (language, *CONTENT_LANGUAGES):  # modeltranslation's fallback order
            if getattr(instance, f"{self.model_field}_{code}", None):
                return code
        return None


@extend_schema_field(TRANSLATED_SCHEMA)
class PerLanguageField(serializers.Field):
    """A value computed in the reader's language (a country's name, a page's address): the
    asked language's, or with `lang=all` each language's."""

    def __init__(self, compute, **kwargs):
        self.compute = compute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        if in_all_languages(self.context):
            values = {}
            for code in CONTENT_LANGUAGES:
                with translation.override(code):
                    values[code] = self.compute(instance) or None
            return values
        return self.compute(instance)


class UtcDateTimeField(serializers.DateTimeField):
    """RFC 3339 in UTC ("2026-05-01T16:00:00Z"), whatever zone a member's session chose."""

    def __init__(self, **kwargs):
        super().__init__(default_timezone=UTC, read_only=True, **kwargs)


BAD_MOMENT = _("Not a date: give a date or a time, such as 2026-05-01 or 2026-05-01T18:00:00Z.")


# Empty is no filter, as everywhere in the query string.
@extend_schema_field({"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2}([T ].+)?)?$"})
class MomentField(serializers.Field):
    """A date or a date and time (RFC 3339; without an offset, UTC). A date alone is its first
    moment in UTC, or with `end_of_day` its last: "to 1 December" holds all of that day, as a
    calendar's reader means it."""

    default_error_messages = {"invalid": BAD_MOMENT}

    def __init__(self, *, end_of_day: bool = False, **kwargs):
        self.end_of_day = end_of_day
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or len(data) > 40:
            self.fail("invalid")
        text = data.strip()
        try:
            day = date.fromisoformat(text)
        except ValueError:
            day = None
        if day is not None:
            return datetime.combine(day, time.max if self.end_of_day else time.min, tzinfo=UTC)
        try:
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            return moment.astimezone(UTC)
        except (ValueError, OverflowError):
            self.fail("invalid")

    def to_representation(self, value):
        return value.isoformat()
