"""The public read endpoints. Each answers in the asked language (events/api/language.py)
with what the pages show a signed-out visitor (events/selectors/public_api.py)."""

from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView, ListAPIView, RetrieveAPIView
from rest_framework.metadata import SimpleMetadata
from rest_framework.response import Response

from events.api.language import ALL_LANGUAGES, CONTENT_LANGUAGES, content_language
from events.api.queries import EventListQuery, LanguageQuery
from events.api.serializers import (
    ERROR_SCHEMA,
    EventSerializer,
    ProgrammeSerializer,
    TopicSerializer,
)
from events.models import Event
from events.selectors import public_api

NO_SUCH_EVENT = _("No public event has this number.")

ACCEPT_LANGUAGE = OpenApiParameter(
    "Accept-Language",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Used when lang is not given.",
)
_ERROR = OpenApiResponse(ERROR_SCHEMA, description="What was wrong, in the asked language.")
ERRORS = {400: _ERROR, 429: _ERROR}


class PlainMetadata(SimpleMetadata):
    """OPTIONS: what an endpoint reads and writes (JSON), not DRF's description of its forms,
    which builds `serializer_class` (the answers choose theirs per method: a 500)."""

    def determine_actions(self, request, view):
        return {}


class PublicApiView(GenericAPIView):
    """Read-only; the texts in the asked language, errors too (in the reader's, with `all`).

    ApiLanguageMiddleware (events/api/middleware.py) has activated `?lang=` before DRF's own
    checks run, so that their refusals are in it too."""

    metadata_class = PlainMetadata

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.language = content_language(request)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "language": getattr(self, "language", "")}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        if getattr(self, "language", "") == ALL_LANGUAGES:
            response.headers["Content-Language"] = ", ".join(CONTENT_LANGUAGES)
        else:
            response.headers["Content-Language"] = translation.get_language()
        return response

    def public_event(self) -> Event:
        try:
            return public_api.public_event(event_id=self.kwargs["event_id"])
        except Event.DoesNotExist as missing:
            raise NotFound(NO_SUCH_EVENT) from missing


@extend_schema(
    summary="Public events",
    description="Published public events, soonest first: by default those not yet ended. "
    "Members-only and invite-only events are never listed; an address held back and every "
    "meeting link are never shown.",
    parameters=[EventListQuery, ACCEPT_LANGUAGE],
    responses={200: EventSerializer(many=True), **ERRORS},
)
class EventList(PublicApiView, ListAPIView):
    serializer_class = EventSerializer

    def get_queryset(self):
        # An empty value is no filter, as the pages' "Any".
        given = {name: value for name, value in self.request.query_params.items() if value}
        query = EventListQuery(data=given)
        query.is_valid(raise_exception=True)
        return public_api.public_events_matching(filters=query.filters(), window=query.window())


@extend_schema(
    summary="One public event",
    description="A public event as its page shows it to a visitor who is not signed in.",
    parameters=[LanguageQuery, ACCEPT_LANGUAGE],
    responses={200: EventSerializer, 404: _ERROR, **ERRORS},
)
class EventDetail(PublicApiView, RetrieveAPIView):
    serializer_class = EventSerializer

    def get_object(self):
        return self.public_event()


@extend_schema(
    summary="A public event's programme",
    description="The sessions of a public event, in order, with the event's time zone.",
    parameters=[LanguageQuery, ACCEPT_LANGUAGE],
    responses={200: ProgrammeSerializer, 404: _ERROR, **ERRORS},
)
class EventProgramme(PublicApiView):
    serializer_class = ProgrammeSerializer

    def get(self, request, *args, **kwargs):
        event = self.public_event()
        programme = {
            "event": event.pk,
            "time_zone": event.time_zone,
            "sessions": public_api.public_programme(event=event),
        }
        return Response(self.get_serializer(programme).data)


@extend_schema(
    summary="Topics",
    description="Every topic, for the topic filter of the event list.",
    parameters=[LanguageQuery, ACCEPT_LANGUAGE],
    responses={200: TopicSerializer(many=True), **ERRORS},
)
class TopicList(PublicApiView, ListAPIView):
    serializer_class = TopicSerializer
    pagination_class = None

    def get_queryset(self):
        return public_api.all_topics()


class NoSuchAddress(PublicApiView):
    """Any other address under /api/: a JSON 404, not the site's HTML page, whatever the
    method (OPTIONS too), and without DRF's Allow header: nothing is allowed where nothing is."""

    schema = None

    def get(self, request, *args, **kwargs):
        raise NotFound()

    post = put = patch = delete = options = http_method_not_allowed = get

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        del response.headers["Allow"]
        return response
