"""What the API says of an event, a session, a topic and a group: only what the pages show a
signed-out visitor. Never a meeting link, an address held back, who answered, or anything of
an event that is not public (events/selectors/public_api.py chooses the events)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.api.fields import (
    PerLanguageField,
    TextLanguageField,
    TranslatedField,
    UtcDateTimeField,
)
from events.countries import country_name
from events.enums import EventKind, EventStatus, Modality
from events.models import Event, Session, Topic
from events.selectors.venue import venue_visible_to
from members.enums import Language
from members.links import absolute_url
from members.models import AllianceGroup


def _page_url(event: Event) -> str:
    return absolute_url(reverse("events:detail", args=[event.pk]))


class TopicSerializer(serializers.ModelSerializer):
    name = TranslatedField("name")
    name_language = TextLanguageField("name")

    class Meta:
        model = Topic
        fields = ["slug", "name", "name_language"]


class GroupSerializer(serializers.ModelSerializer):
    name = TranslatedField("name")
    name_language = TextLanguageField("name")

    class Meta:
        model = AllianceGroup
        fields = ["id", "slug", "name", "name_language"]


class EventSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    title_language = TextLanguageField("title")
    description = TranslatedField("description", help_text="Markdown, as organizers wrote it.")
    description_language = TextLanguageField("description")
    kind = serializers.ChoiceField(choices=EventKind.choices, read_only=True)
    status = serializers.ChoiceField(choices=EventStatus.choices, read_only=True)
    modality = serializers.ChoiceField(choices=Modality.choices, read_only=True)
    starts_at = UtcDateTimeField()
    ends_at = UtcDateTimeField()
    time_zone = serializers.CharField(read_only=True, help_text="The event's IANA time zone.")
    online = serializers.BooleanField(source="is_online", read_only=True)
    in_person = serializers.BooleanField(source="is_in_person", read_only=True)
    venue = serializers.SerializerMethodField(
        help_text="The exact address; null while the organizers hold it back."
    )
    venue_held_back = serializers.BooleanField(source="holds_venue_back", read_only=True)
    country_name = PerLanguageField(lambda event: country_name(event.country))
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=Language.choices), read_only=True
    )
    interpretation = serializers.ListField(
        source="interpretation_languages",
        child=serializers.ChoiceField(choices=Language.choices),
        read_only=True,
    )
    answers_close_at = UtcDateTimeField(source="rsvp_deadline", allow_null=True)
    topics = TopicSerializer(many=True, read_only=True)
    groups = GroupSerializer(source="cohost_groups", many=True, read_only=True)
    url = PerLanguageField(_page_url)

    class Meta:
        model = Event
        fields = [
            "id",
            "url",
            "kind",
            "status",
            "title",
            "title_language",
            "description",
            "description_language",
            "starts_at",
            "ends_at",
            "time_zone",
            "modality",
            "online",
            "in_person",
            "venue",
            "venue_held_back",
            "city",
            "country",
            "country_name",
            "languages",
            "interpretation",
            "answers_close_at",
            "topics",
            "groups",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "nullable": True})
    def get_venue(self, event: Event) -> str | None:
        # Anyone at all (None): what a shared page or a public feed shows.
        if not event.is_in_person or not venue_visible_to(event, None):
            return None
        return event.venue or None


class SessionSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    title_language = TextLanguageField("title")
    starts_at = UtcDateTimeField()
    ends_at = UtcDateTimeField()
    language = serializers.ChoiceField(choices=Language.choices, read_only=True)
    speakers = serializers.SerializerMethodField(
        help_text="Speakers' names as the programme page shows them."
    )

    class Meta:
        model = Session
        fields = [
            "id",
            "title",
            "title_language",
            "starts_at",
            "ends_at",
            "room",
            "language",
            "speakers",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_speakers(self, session: Session) -> list[str]:
        # As the page: a member's name as str() gives it, never an email address.
        return [str(speaker) for speaker in session.speakers.all()] + session.speaker_name_list


class ProgrammeSerializer(serializers.Serializer):
    """An event's programme: its zone, so that times can be shown as the page shows them."""

    event = serializers.IntegerField(read_only=True)
    time_zone = serializers.CharField(read_only=True)
    sessions = SessionSerializer(many=True, read_only=True)


ERROR_SCHEMA = {
    "type": "object",
    "description": "What was wrong, in the asked language: `detail`, or a list per parameter.",
    "additionalProperties": {
        "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
    },
}
