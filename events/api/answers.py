"""A member's own answers through the API, with their personal token (issue 15).

The same service as the event page's form (events.services.rsvps.rsvp_set): the event's row
lock, capacity and waitlist, deadlines, members-only and invite-only, cancelled and past events,
the confirmation mail and the notices. Only the events the member may see as a member can be
answered or read (events/selectors/own_answers.py); any other is a 404, as on the pages.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.response import Response

from events.api.fields import TextLanguageField, TranslatedField, UtcDateTimeField
from events.api.pagination import StartsAtCursorPagination
from events.api.serializers import ERROR_SCHEMA
from events.api.throttling import TooManyCalls
from events.api.views import PublicApiView
from events.enums import EventStatus, RsvpAnswer, RsvpStatus
from events.errors import RsvpRefused
from events.models import Event, Rsvp
from events.models.rsvp import MAX_ACCESSIBILITY_LENGTH
from events.selectors.own_answers import answerable_event, own_answer, own_answers
from events.services.rsvps import rsvp_set
from members.authentication import ApiTokenAuthentication, IsApprovedMember
from members.digits import activate_digit_style, local_digits
from members.enums import Language
from members.ratelimit import rate_limit, wait_message

NOT_FOUND = gettext_lazy("No such event, or not one you can answer.")
NO_ANSWER = gettext_lazy("You have not answered this event.")
NO_INTERPRETATION = gettext_lazy("This event offers no interpretation into that language.")

# The service's refusals, by code, as HTTP statuses: who may answer (403), the event's state
# (409); any other, such as a bad value, is the request's fault (400).
REFUSAL_STATUS = {
    "not_member": status.HTTP_403_FORBIDDEN,
    "not_invited": status.HTTP_403_FORBIDDEN,
    "cancelled": status.HTTP_409_CONFLICT,
    "past": status.HTTP_409_CONFLICT,
    "deadline": status.HTTP_409_CONFLICT,
}
# The answer sent is the one already given: not a refusal but a retry, answered 200 with the
# answer as it stands and `changed: false` (nothing written, nothing sent).
UNCHANGED = "unchanged"


class AnswerRefused(APIException):
    def __init__(self, refusal: DjangoValidationError):
        self.status_code = REFUSAL_STATUS.get(refusal.code, status.HTTP_400_BAD_REQUEST)
        super().__init__(detail=" ".join(refusal.messages), code=refusal.code or "refused")


class AnsweredEventSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    title_language = TextLanguageField("title")
    starts_at = UtcDateTimeField()
    ends_at = UtcDateTimeField()
    time_zone = serializers.CharField(read_only=True, help_text="The event's IANA time zone.")
    status = serializers.ChoiceField(choices=EventStatus.choices, read_only=True)

    class Meta:
        model = Event
        fields = ["id", "title", "title_language", "starts_at", "ends_at", "time_zone", "status"]


class AnswerSerializer(serializers.ModelSerializer):
    event = AnsweredEventSerializer(read_only=True)
    status = serializers.ChoiceField(
        choices=RsvpStatus.choices,
        read_only=True,
        help_text="What the answer became: “going” beyond capacity is “waitlisted”.",
    )
    waitlist_position = serializers.SerializerMethodField(
        help_text="1 for the first in line; null when not on the waitlist."
    )
    shared_with_groups = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    answered_at = UtcDateTimeField(source="created_at")
    updated_at = UtcDateTimeField()

    class Meta:
        model = Rsvp
        fields = [
            "event",
            "status",
            "waitlist_position",
            "interpretation",
            "accessibility_needs",
            "listed_consent",
            "shared_with_groups",
            "answered_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_waitlist_position(self, rsvp: Rsvp) -> int | None:
        if rsvp.status != RsvpStatus.WAITLISTED:
            return None
        return rsvp.waitlist_ahead + 1


class AnswerResultSerializer(AnswerSerializer):
    changed = serializers.SerializerMethodField(
        help_text="false when the answer sent was already the one given: a retry changes "
        "nothing and sends no mail."
    )
    message = serializers.SerializerMethodField(help_text="What the event page would say.")

    class Meta(AnswerSerializer.Meta):
        fields = [*AnswerSerializer.Meta.fields, "changed", "message"]
        read_only_fields = fields

    def get_changed(self, rsvp: Rsvp) -> bool:
        return self.context.get("changed", True)

    def get_message(self, rsvp: Rsvp) -> str:
        if not self.get_changed(rsvp):
            return _("You have already answered this way; nothing was changed.")
        if rsvp.status == RsvpStatus.WAITLISTED:
            return local_digits(
                _("The event is full. You are number %(position)d on the waitlist.")
                % {"position": self.get_waitlist_position(rsvp)}
            )
        return _("Your answer has been saved.")


# The schema shows its docstring to the API's readers: no names from the code in it.
class AnswerChangeSerializer(serializers.Serializer):
    """What the event page's form asks. Left out of a change, a field keeps its value; left
    out of a new answer, it is empty (no interpretation, no needs, not listed, no group)."""

    answer = serializers.ChoiceField(choices=RsvpAnswer.choices)
    interpretation = serializers.ChoiceField(
        choices=Language.choices,
        required=False,
        allow_blank=True,
        help_text="One of the event's interpretation languages, or empty.",
    )
    accessibility_needs = serializers.CharField(
        max_length=MAX_ACCESSIBILITY_LENGTH,
        required=False,
        allow_blank=True,
        help_text="Only the organizers see this.",
    )
    listed_consent = serializers.BooleanField(
        required=False, help_text="Other attendees may see your display name."
    )
    shared_with_groups = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=50,
        help_text="Co-hosting groups whose coordinators may see your name; others are ignored.",
    )


class AnswerCreateSerializer(AnswerChangeSerializer):
    event = serializers.IntegerField(min_value=1, help_text="The event's id.")


def refuse_unoffered_interpretation(event: Event, data: dict) -> None:
    """The page's form offers only the event's interpretation languages: so does the API."""
    if data.get("interpretation") and data["interpretation"] not in event.interpretation_languages:
        raise serializers.ValidationError({"interpretation": [NO_INTERPRETATION]})


def service_arguments(data: dict, current: Rsvp | None) -> dict:
    """rsvp_set's arguments: what was sent, else the current answer's (a new one's defaults)."""
    if current is None:
        kept = {"interpretation": "", "accessibility_needs": "", "listed_consent": False}
    else:
        kept = {
            # Waiting is how "going" turned out: answering "going" again keeps the place in line.
            "answer": RsvpAnswer.GOING
            if current.status == RsvpStatus.WAITLISTED
            else current.status,
            "interpretation": current.interpretation,
            "accessibility_needs": current.accessibility_needs,
            "listed_consent": current.listed_consent,
        }
    arguments = {name: data.get(name, value) for name, value in kept.items()}
    arguments["answer"] = data.get("answer", kept.get("answer"))
    # None keeps the groups chosen before, as the page's form does for an event without co-hosts.
    arguments["shared_with_group_ids"] = data.get("shared_with_groups")
    return arguments


class OwnAnswerPagination(StartsAtCursorPagination):
    """The events answered, soonest first, by `event_starts_at` (events/selectors/own_answers.py);
    pages stay stable while answers change. A bad cursor or page size is a 400, as for events."""

    ordering = ("event_starts_at", "pk")
    items = "answers"


_ERROR = OpenApiResponse(ERROR_SCHEMA, description="What was wrong, in the asked language.")
TOKEN_ERRORS = {
    401: OpenApiResponse(ERROR_SCHEMA, description="No token, or one that does not work."),
    403: OpenApiResponse(ERROR_SCHEMA, description="Not an approved member, or not allowed."),
    429: _ERROR,
}
WRITE_ERRORS = {
    **TOKEN_ERRORS,
    400: _ERROR,
    404: OpenApiResponse(ERROR_SCHEMA, description="No such event that you may see."),
    409: OpenApiResponse(
        ERROR_SCHEMA,
        description="The event is cancelled or over, or answers have closed.",
    ),
}
AUTH_NOTE = (
    "With your personal API token (Authorization: Bearer), never a session cookie. Answers "
    "are never stored by a cache."
)
RETRIES = (
    " Sending the answer already given again (a retry) changes nothing and sends no mail: "
    "200 with the answer as it stands and `changed: false`."
)


class OwnAnswerView(PublicApiView):
    """With a personal token only (no session, so no CSRF); never stored by a cache.
    Each operation gives the schema its own description."""

    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [IsApprovedMember]
    pagination_class = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)
        response.headers["Cache-Control"] += ", private"
        return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # The token's member, not a session, says whose digits (MemberDigitsMiddleware resets).
        activate_digit_style(request.user.digit_style)

    def context(self) -> dict:
        return self.get_serializer_context()

    def answered_event(self, event_id: int) -> Event:
        event = answerable_event(member=self.request.user, event_id=event_id)
        if event is None:
            raise NotFound(NOT_FOUND)
        return event

    def answer(self, *, event: Event, data: dict, current: Rsvp | None) -> tuple[Rsvp, bool]:
        """Answer through the page's service, counted against the page's rate limit. Returns
        the answer and whether it changed: the service refuses an answer already given, which
        the API takes as a retry, answered with the answer as it stands."""
        refuse_unoffered_interpretation(event, data)
        if wait := rate_limit(self.request, "rsvp"):
            raise TooManyCalls(wait, detail=wait_message(wait))
        member = self.request.user
        try:
            rsvp_set(event=event, member=member, **service_arguments(data, current))
        except RsvpRefused as refusal:
            if refusal.code == UNCHANGED and current is not None:
                return current, False
            raise AnswerRefused(refusal) from refusal
        except DjangoValidationError as error:  # a value the model refuses
            raise serializers.ValidationError({"detail": error.messages}) from error
        return own_answer(member=member, event_id=event.pk), True

    def respond(
        self, answered: tuple[Rsvp, bool], status_code: int = status.HTTP_200_OK
    ) -> Response:
        rsvp, changed = answered
        context = {**self.context(), "changed": changed}
        return Response(AnswerResultSerializer(rsvp, context=context).data, status_code)


class OwnAnswers(OwnAnswerView):
    # Only GET lists; the schema pages GET's answer by this class, as the answer is paged.
    pagination_class = OwnAnswerPagination

    @extend_schema(
        operation_id="own_answers_list",
        summary="Your answers",
        description="Your answers to the events you may still see, soonest event first, in "
        "pages. " + AUTH_NOTE,
        responses={200: AnswerSerializer(many=True), 400: _ERROR, **TOKEN_ERRORS},
    )
    def get(self, request):
        answers = own_answers(request.user).annotate(event_starts_at=F("event__starts_at"))
        page = self.paginate_queryset(answers)
        data = AnswerSerializer(page, many=True, context=self.context()).data
        return self.get_paginated_response(data)

    @extend_schema(
        operation_id="own_answers_create",
        summary="Answer an event, or change your answer",
        description="As the event page's form: the same rules, limits and confirmation mail. "
        + AUTH_NOTE
        + RETRIES,
        request=AnswerCreateSerializer,
        responses={
            201: AnswerResultSerializer,
            200: OpenApiResponse(
                AnswerResultSerializer,
                description="An earlier answer changed, or was already this one.",
            ),
            **WRITE_ERRORS,
        },
    )
    def post(self, request):
        incoming = AnswerCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        event = self.answered_event(incoming.validated_data["event"])
        current = own_answer(member=request.user, event_id=event.pk)
        rsvp = self.answer(event=event, data=incoming.validated_data, current=current)
        return self.respond(rsvp, status.HTTP_200_OK if current else status.HTTP_201_CREATED)


class OwnAnswerDetail(OwnAnswerView):
    def current(self, event_id: int) -> tuple[Event, Rsvp]:
        event = self.answered_event(event_id)
        rsvp = own_answer(member=self.request.user, event_id=event.pk)
        if rsvp is None:
            raise NotFound(NO_ANSWER)
        return event, rsvp

    @extend_schema(
        operation_id="own_answers_retrieve",
        summary="Your answer to one event",
        description=AUTH_NOTE,
        responses={200: AnswerSerializer, 404: WRITE_ERRORS[404], **TOKEN_ERRORS},
    )
    def get(self, request, event_id: int):
        _event, rsvp = self.current(event_id)
        return Response(AnswerSerializer(rsvp, context=self.context()).data)

    @extend_schema(
        operation_id="own_answers_change",
        summary="Change your answer; fields left out keep their values",
        description=AUTH_NOTE + RETRIES,
        request=AnswerChangeSerializer(partial=True),
        responses={200: AnswerResultSerializer, **WRITE_ERRORS},
    )
    def patch(self, request, event_id: int):
        event, rsvp = self.current(event_id)
        incoming = AnswerChangeSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        return self.respond(self.answer(event=event, data=incoming.validated_data, current=rsvp))

    @extend_schema(
        operation_id="own_answers_cancel",
        summary="Cancel: answer “not going”; the first on the waitlist takes the place",
        description=AUTH_NOTE + RETRIES,
        request=None,
        responses={200: AnswerResultSerializer, **WRITE_ERRORS},
    )
    def delete(self, request, event_id: int):
        event, rsvp = self.current(event_id)
        data = {"answer": RsvpAnswer.NOT_GOING}
        return self.respond(self.answer(event=event, data=data, current=rsvp))
