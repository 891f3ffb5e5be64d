"""Whole pages kept for visitors who are not signed in: the event lists, the month, an event's
page and programme, the public feed.

Such a visitor's page depends only on the address (web or onion host too), the language,
digits and zone, the minute, and the events (whose changes start a new generation,
events/listing.py). A copy is filed under the first six and holds the generation it was made
in, so that one cache round trip fetches both and a copy from an older generation is never
served. A page is kept only when it carries nothing of the visitor's own: no sign-in, no message
waiting, no form with a CSRF token (such a page sets a cookie), no cookie set. What changes
without a new generation (how many are going) may show up to `seconds` late: the `seconds` each
view is decorated with.

Serving a copy costs no query and no template; the middleware still runs, so security headers,
language redirects and the access log stay as they are.
"""

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language

from events.listing import GENERATION_KEY
from members.digits import active_digit_style
from members.links import links_through_onion


def _may_share(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def _page_key(request: HttpRequest) -> str:
    parts = [
        request.get_full_path(),
        # Its absolute links are on the address the page is served through (members/links.py).
        links_through_onion(),
        get_language(),
        active_digit_style(),
        timezone.get_current_timezone_name(),
        int(time.time() // 60),
    ]
    return "events:page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _shareable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.session.modified
    )


def cache_for_visitors(*, seconds: int) -> Callable:
    """Decorate a GET view so that visitors who are not signed in share one copy of each page
    for at most `seconds` (and never across a change of the events). A cache that is away
    only makes every request render the page."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not _may_share(request):
                return view(request, *args, **kwargs)
            key = _page_key(request)
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY)
            kept = found.get(key)
            if generation is not None and kept is not None and kept[0] == generation:
                response = kept[1]
                conditional = get_conditional_response(
                    request,
                    etag=response.get("ETag"),
                    last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                    response=response,  # a 304 keeps its ETag, Last-Modified, Cache-Control
                )
                return conditional or response
            if generation is None:  # nothing has changed since the cache started: begin counting
                cache.add(GENERATION_KEY, time.time_ns(), None)
                generation = cache.get(GENERATION_KEY)
            response = view(request, *args, **kwargs)
            if generation is not None and _shareable(request, response):
                cache.set(key, (generation, response), seconds)
            return response

        return wrapper

    return decorator
