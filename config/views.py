"""The project's own error views (handler404 and handler500 in config/urls.py)."""

import sys
from urllib.parse import urlencode

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults

# What the 503 page asks clients and proxies to wait before trying again (RFC 9110, 10.2.3).
RETRY_AFTER_SECONDS = 30


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 page, in the reader's language, for every address that is not there or not
    visible to the reader (a members-only event answers exactly like a missing one).

    A signed-out reader is told the page may need signing in and is given a sign-in link that
    returns to the requested path (`?next=`, only a local path: url_has_allowed_host_and_scheme).
    Django shows its technical 404 page instead while DEBUG is on.
    """
    sign_in_url = None
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    if not signed_in and url_has_allowed_host_and_scheme(request.path, allowed_hosts=None):
        sign_in_url = f"{reverse('account_login')}?{urlencode({'next': request.path})}"
    return render(request, "404.html", {"sign_in_url": sign_in_url}, status=404)


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
