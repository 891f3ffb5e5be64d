"""The project's own error views (handler500 in config/urls.py)."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults

# What the 503 page asks clients and proxies to wait before trying again (RFC 9110, 10.2.3).
RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """A database that cannot be reached (stopped, restarting, failing over) is a 503, "back
    in a moment", in the reader's language; any other error is Django's 500 page.

    Django calls this while it handles the exception (django.core.handlers.exception), so
    sys.exc_info() names it. The page is rendered without the request's context: nothing on it
    may ask the database. Each connection is checked before reuse (CONN_HEALTH_CHECKS), so the
    site answers again by itself once the database is back.
    """
    error = sys.exc_info()[1]
    if not isinstance(error, OperationalError | InterfaceError):
        return defaults.server_error(request)
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
