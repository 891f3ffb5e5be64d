"""Cursor pagination: stable pages while events are added, and no page count to compute."""

from base64 import b64encode
from datetime import datetime
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination

from members.digits import local_digits
from members.links import absolute_url

MAX_PAGE_SIZE = 100
# Longer than any cursor the API gives (an offset, a direction and an RFC 3339 time).
MAX_CURSOR_LENGTH = 200
BAD_CURSOR = _("This cursor is not valid: follow the next and previous links as they are given.")
BAD_PAGE_SIZE = _("The page size must be a whole number from 1 to %(max)s.")


def encoded_cursor(cursor: Cursor) -> str:
    """The cursor as DRF's encode_cursor writes it into a link (without the link)."""
    tokens = {}
    if cursor.offset != 0:
        tokens["o"] = str(cursor.offset)
    if cursor.reverse:
        tokens["r"] = "1"
    if cursor.position is not None:
        tokens["p"] = cursor.position
    return b64encode(urlencode(tokens).encode("ascii")).decode("ascii")


class StartsAtCursorPagination(CursorPagination):
    """Soonest first, then by id so that events starting together keep one order. Its links
    are built on the site's own address (members/links.py), never on a request's Host."""

    ordering = ("starts_at", "id")
    # What `page_size` counts, for the schema's description.
    items = "events"
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        page = super().paginate_queryset(queryset, request, view)
        self.base_url = absolute_url(request.get_full_path())
        return page

    def get_page_size(self, request):
        asked = request.query_params.get(self.page_size_query_param)
        if asked is None:
            return self.page_size
        try:
            size = int(asked)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            # Its only digits are the limits: all in the reader's digits.
            message = local_digits(BAD_PAGE_SIZE % {"max": self.max_page_size})
            raise ValidationError({self.page_size_query_param: [message]})
        return size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.cursor_query_param:
                parameter["description"] = (
                    "From the next or previous link of a page, as given; any other value is "
                    "a 400. Empty or absent: the first page."
                )
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"{self.items.capitalize()} per page: from 1 to {MAX_PAGE_SIZE}, "
                    f"{self.page_size} when not given."
                )
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
        return parameters

    def decode_cursor(self, request):
        """The cursor given, or None for the first page; a 400 for any value that is not one
        this API wrote. DRF's decoding forgives much (base64 skips what is not base64, an
        unknown key is dropped): `%00` or a long run of letters would read as the first page.
        So the cursor must be exactly what encoding its reading gives back."""
        given = request.query_params.get(self.cursor_query_param)
        if given is None:
            return None
        try:
            if len(given) > MAX_CURSOR_LENGTH:
                raise ValueError(given)
            cursor = super().decode_cursor(request)
            if encoded_cursor(cursor) != given:
                raise ValueError(given)
            # The position goes into the query as a time: one that is not would be a 500.
            if cursor.position is not None:
                datetime.fromisoformat(cursor.position)
        except (NotFound, ValueError, TypeError) as bad:
            raise ValidationError({self.cursor_query_param: [BAD_CURSOR]}) from bad
        return cursor
