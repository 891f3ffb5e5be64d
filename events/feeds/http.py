"""Serving a feed: conditional GET, HEAD, and the headers calendar clients look at."""

import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date

from members.enums import Language

CONTENT_TYPE = "text/calendar; charset=utf-8"
# Clients may keep a copy this long; a change still shows at their next refresh after it.
MAX_AGE_SECONDS = 5 * 60
VERSION_MEMORY_SECONDS = 30 * 24 * 60 * 60


def requested_language(request: HttpRequest) -> str | None:
    """`?lang=ar|fa|en`; anything else counts as not asked."""
    language = request.GET.get("lang", "")
    return language if language in Language.values else None


def version_since(identity: str, etag: str) -> int:
    """When this feed first looked as it does now (for Last-Modified and If-Modified-Since, and
    the Atom feed's <updated>), in whole seconds; `etag` names its current version. It never
    goes back while the memory lasts (VERSION_MEMORY_SECONDS).

    The newest `updated_at` would not do: an event leaving a feed changes no row that stays.
    """
    key = "feeds:since:" + hashlib.sha256(identity.encode()).hexdigest()[:32]
    known = cache.get(key)
    if known is not None and known[0] == etag:
        return known[1]
    since = int(time.time())
    if known is not None:  # HTTP dates count whole seconds: two versions never share one
        since = max(since, known[1] + 1)
    cache.set(key, (etag, since), VERSION_MEMORY_SECONDS)
    return since


def calendar_response(
    request: HttpRequest,
    *,
    identity: str,
    etag: str,
    body: Callable[[], bytes],
    filename: str,
    private: bool,
) -> HttpResponse:
    """200 with the calendar, or 304 when the client's copy is current; `body` runs only for
    a 200. HEAD answers the same headers as GET, without the body."""
    since = version_since(identity, etag)
    response = get_conditional_response(request, etag=etag, last_modified=since)
    if response is None:
        content = body()
        response = HttpResponse(content, content_type=CONTENT_TYPE)
        if request.method == "HEAD":
            response.content = b""
            response["Content-Length"] = str(len(content))
        response["Content-Disposition"] = content_disposition_header(True, filename)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(since)
    if private:
        patch_cache_control(response, private=True, max_age=MAX_AGE_SECONDS)
    else:
        patch_cache_control(response, public=True, max_age=MAX_AGE_SECONDS)
    return response
