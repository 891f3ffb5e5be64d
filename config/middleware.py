"""Response headers Django has no setting for, and the onion service's requests."""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponseBase, HttpResponseNotAllowed
from django.middleware.security import SecurityMiddleware as DjangoSecurityMiddleware

from config.views import method_not_allowed
from members.links import is_onion_request, links_override


def cross_origin_resource_policy(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """`Cross-Origin-Resource-Policy: same-origin` on every response, static files included:
    no other site's page may load ours as an image, script or frame source (Fetch standard,
    "Cross-Origin-Resource-Policy header"). Calendar apps and mail clients fetch feeds and
    links as top-level requests or from their servers, which the header does not restrict."""

    def middleware(request: HttpRequest) -> HttpResponseBase:
        response = get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    return middleware


def onion_service(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """The site's two addresses (members/links.py). Through the onion host, every absolute link
    the response holds is on the onion address; through the public one, on SITE_URL, and an
    HTML page tells Tor Browser where the same page is on the onion service (`Onion-Location`,
    https://community.torproject.org/onion-services/advanced/onion-location/).

    Cookies set through the onion host lose their `Secure` flag. Tor Browser (like Firefox)
    treats http://*.onion as a secure context and keeps Secure cookies there
    (https://bugzilla.mozilla.org/show_bug.cgi?id=1633015), but another browser sent through
    Tor (Orbot, a proxy) refuses them, and then no sign-in or form works
    (https://github.com/mastodon/mastodon/pull/17992). The flag adds nothing there: such a
    cookie belongs to the .onion host alone, which is reached only through Tor's encrypted
    circuit."""

    # The onion host is served over plain http by the onion service: Tor encrypts and
    # authenticates the connection end to end, and no certificate names a .onion address. So
    # Django's SecurityMiddleware, next in MIDDLEWARE, must not redirect its requests to https:
    # they skip its request half and get its response half (nosniff, Referrer-Policy,
    # Cross-Origin-Opener-Policy; HSTS it sends only on https). It stays in MIDDLEWARE under its
    # own name, so that `check --deploy` still checks its settings.
    security = getattr(get_response, "__wrapped__", get_response)  # Django's exception wrapper
    if not isinstance(security, DjangoSecurityMiddleware):
        raise ImproperlyConfigured(
            "config.middleware.onion_service must come just before Django's SecurityMiddleware."
        )

    def middleware(request: HttpRequest) -> HttpResponseBase:
        onion = is_onion_request(request)
        with links_override(onion=onion):
            if onion:
                response = security.process_response(request, security.get_response(request))
            else:
                response = get_response(request)
        if onion:
            for cookie in response.cookies.values():
                cookie["secure"] = ""
        elif settings.ONION_URL and response.get("Content-Type", "").startswith("text/html"):
            response["Onion-Location"] = settings.ONION_URL + request.get_full_path()
        return response

    return middleware


def method_not_allowed_page(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """A 405 as a page in the reader's language, like the 400, 403 and 404 pages. Django's
    `require_POST` and its kin answer with an empty body, which the browser replaces by its own
    error in English: it happens whenever an address that only receives a form is opened from
    the address bar, the history or a bookmark. The page links back to the page the form is on
    (config/views.py). The JSON API under /api/ keeps its own JSON answer; the `Allow` header
    is kept."""

    def middleware(request: HttpRequest) -> HttpResponseBase:
        response = get_response(request)
        if not isinstance(response, HttpResponseNotAllowed) or request.path.startswith("/api/"):
            return response
        page = method_not_allowed(request)
        page["Allow"] = response["Allow"]
        return page

    return middleware
