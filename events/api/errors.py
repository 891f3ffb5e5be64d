"""How the API words what went wrong: in the asked language (events/api/middleware.py), with the
project's own translations of DRF's messages (events/api/drf_strings.py) and the reader's
digits, as the pages' form errors (templates/bootstrap5, `in_reader_digits`)."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ErrorDetail, ParseError, Throttled
from rest_framework.parsers import JSONParser
from rest_framework.views import exception_handler

from events.api.throttling import TooManyCalls
from members.digits import local_digits

NOT_JSON = _("The request body is not valid JSON.")

# DRF's messages whose only digits are a limit of ours ("no more than 50 characters"); others,
# such as '"x" is not a valid choice.', may repeat what the client sent, which stays as sent.
LIMIT_CODES = frozenset({"max_length", "min_length", "max_value", "min_value"})


def api_exception_handler(exc, context):
    """settings.REST_FRAMEWORK["EXCEPTION_HANDLER"]: DRF's, with the changes above."""
    if isinstance(exc, Throttled) and not isinstance(exc, TooManyCalls):
        exc = TooManyCalls(exc.wait)
    response = exception_handler(exc, context)
    if response is not None:
        response.data = _limits_in_reader_digits(response.data)
    return response


def _limits_in_reader_digits(detail):
    if isinstance(detail, dict):
        return {key: _limits_in_reader_digits(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_limits_in_reader_digits(value) for value in detail]
    if isinstance(detail, ErrorDetail) and detail.code in LIMIT_CODES:
        return ErrorDetail(local_digits(detail), code=detail.code)
    return detail


class JsonParser(JSONParser):
    """DRF's, but a body that is not JSON is told in the reader's language: DRF's message is
    English only, with Python's own words after it."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except ParseError as error:
            raise ParseError(NOT_JSON) from error
