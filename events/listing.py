"""Which cached copy of an event list (events/partials/event_list.html) a request may be given.

A copy is filed under a generation that starts afresh whenever an event, its topics or its
organizers, a topic, or who belongs to a group changes (events/receivers.py), and under
everything else the markup depends on: the reader's language, digits and zone, who they are
(each signed-in reader sees events of their own), the address and its query, and the minute
(events leave the coming list when they end). So a repeat visit costs two cache reads and no
database query; a change shows on the next request.
"""

import hashlib
import logging
import time

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import get_language

from members.digits import active_digit_style

GENERATION_KEY = "events:listing-generation"
logger = logging.getLogger(__name__)


def _next_generation() -> None:
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # never counted, or the cache lost it: start above any earlier one
            cache.set(GENERATION_KEY, time.time_ns(), None)
    except Exception:  # the cache is away: the change must still save; copies age out in minutes
        logger.warning("Could not start a new generation of the event lists", exc_info=True)


def listing_changed() -> None:
    """Start a new generation now, for this transaction's own later reads, and again once it
    commits, so that a page read meanwhile (still the old data) is not the one kept."""
    _next_generation()
    transaction.on_commit(_next_generation)


def listing_version(request: HttpRequest) -> str:
    """The name of the copy of the list this request may be given (a hex digest)."""
    user = request.user
    # Each signed-in reader has copies of their own: the events they organize, and those of
    # the groups they belong to that are for invited groups only, are theirs (issue 13).
    audience = f"member:{user.pk}" if user.is_authenticated else "public"
    parts = [
        cache.get(GENERATION_KEY),
        int(time.time() // 60),
        get_language(),
        active_digit_style(),
        user.time_zone if user.is_authenticated else "",
        audience,
        request.path,
        request.GET.urlencode(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()
