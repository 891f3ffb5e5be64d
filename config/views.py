"""The project's own error views (handler400, handler404 and handler500 in config/urls.py,
CSRF_FAILURE_VIEW, the 405 page of config.middleware.method_not_allowed_page) and the answer to
browsers' /favicon.ico."""

import sys
from urllib.parse import urlencode, urlsplit

from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, QueryDict
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

# What the 503 page asks clients and proxies to wait before trying again (RFC 9110, 10.2.3).
RETRY_AFTER_SECONDS = 30
# How long a browser may keep /favicon.ico's redirect: the icon's own address changes with its
# content (the hashed static name), so a day is safe.
FAVICON_REDIRECT_MAX_AGE = 24 * 60 * 60

# Why Django refused a request before any view saw it (django.core.handlers.exception): the
# page says what the reader can do about it. Anything else (BadRequest, a malformed upload, a
# request for another host name) is the general 400 page.
TOO_LARGE = {
    "title": _("Too much to send"),
    "heading": _("What you sent is too large"),
    "explanation": _(
        "The form held more than the site accepts at once. Shorten the text, for example by "
        "linking to a long document instead of pasting it, and send it again. Nothing was saved."
    ),
}
TOO_MANY_FIELDS = {
    "title": _("Bad request"),
    "heading": _("This form has too many fields"),
    "explanation": _(
        "The request held more fields or files than the site accepts at once. Go back, reload "
        "the page and send the form again. Nothing was changed."
    ),
}


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


def method_not_allowed(request: HttpRequest) -> HttpResponse:
    """The 405 page: an address that only receives a form opened as a page (it links to the
    page the form is on, `_form_page_path`), or one that only gives a page sent a form."""
    opened = request.method in ("GET", "HEAD")
    context = {"opened": opened, "form_page_url": _form_page_path(request.path) if opened else None}
    return render(request, "405.html", context, status=405)


def _form_page_path(path: str) -> str | None:
    """The nearest address above `path` that is a page of the site, where the form posting to
    it is found: /fa/events/1/answer/ → /fa/events/1/. None when only the start page is."""
    parts = path.rstrip("/").split("/")
    # Addresses under a language prefix resolve only in that language (i18n_patterns).
    language = translation.get_language_from_path(path) or translation.get_language()
    with translation.override(language):
        while len(parts) > 2:
            parts.pop()
            candidate = "/".join(parts) + "/"
            try:
                match = resolve(candidate)
            except Resolver404:
                continue
            return None if match.url_name == "home" else candidate
    return None


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


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 page in the reader's language; a body over DATA_UPLOAD_MAX_MEMORY_SIZE (a long
    paste) is a 413, Content Too Large (RFC 9110, 15.5.14), saying to shorten it.

    Django calls this only with DEBUG off; with DEBUG on it shows its technical page instead.
    The page is rendered with the request's context like any other, except for a request for
    another host name, whose host cannot be read again: that one gets the page without it.
    """
    if isinstance(exception, DisallowedHost):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        context = {**TOO_LARGE, "back_url": _same_site_referer_path(request)}
        return render(request, "400.html", context, status=413)
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        # The query string may be the one with too many fields: nothing may read it again.
        request.GET = QueryDict()
        return render(request, "400.html", TOO_MANY_FIELDS, status=400)
    return render(request, "400.html", status=400)


def _same_site_referer_path(request: HttpRequest) -> str | None:
    """The path of the page the reader came from, when that page is on this site; None for
    another site, a malformed or missing Referer. Only the path is kept: never a host."""
    referer = request.headers.get("Referer", "")
    if not referer or not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    path = urlsplit(referer).path
    return path if path.startswith("/") and not path.startswith("//") else None


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form whose one-time token is missing or out of date: the page says to reload it, in
    the reader's language, with the menu as on any page (Django's own view renders it without
    the request)."""
    return render(request, "403_csrf.html", status=403)


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico by themselves on any address (a calendar feed, a file);
    pages link the icon under static/ (templates/base.html)."""
    response = HttpResponsePermanentRedirect(static("img/favicon.ico"))
    patch_cache_control(response, public=True, max_age=FAVICON_REDIRECT_MAX_AGE)
    return response
