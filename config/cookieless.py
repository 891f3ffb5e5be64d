"""Pages that read the same for everyone, whatever cookies the browser holds: the embeddable
list (events/views/embed.py), framed by allied sites whose readers may also be signed in here."""

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import cc_delim_re


def without_cookies(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """For addresses matching COOKIELESS_URLS_REGEX, the request's cookies are dropped before
    the session, the language, the CSRF check and the signed-in member are read: the page is
    the one a stranger gets (times in each event's own zone), whoever reads it, and nothing of
    a member's reaches another site's frame. No cookie can change the answer, so it does not
    vary on them (no `Vary: Cookie`, which would also keep shared caches from keeping one
    copy), and it sets none. Placed just before SessionMiddleware."""

    pattern = re.compile(settings.COOKIELESS_URLS_REGEX)

    def middleware(request: HttpRequest) -> HttpResponseBase:
        if not pattern.match(request.path_info):
            return get_response(request)
        request.META.pop("HTTP_COOKIE", None)
        request.COOKIES = {}
        response = get_response(request)
        if response.has_header("Vary"):
            kept = [
                name for name in cc_delim_re.split(response["Vary"]) if name.lower() != "cookie"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        response.cookies.clear()
        return response

    return middleware
