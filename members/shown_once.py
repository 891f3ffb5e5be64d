"""A secret made by a POST and shown once, on the page the POST redirects to (POST/redirect/GET).

A page that answered the POST itself would be re-sent by a reload or by Back and Forward: the
browser would post again, make another secret and silently stop the one just shown (a private
calendar address, an API token, a vouching link). Instead the view keeps the new secret in the
session, redirects, and the GET page takes it out again as it shows it: a reload of that page
finds nothing, makes nothing, and says where to make a new one.

The secret stays in the server-side session (django.contrib.sessions' database backend) only
between the POST and the next GET; one left there by a reader who never followed the redirect is
not shown after `MAX_AGE_SECONDS`, and goes with the session. Pages showing one are `never_cache`.
"""

import time
from typing import Any

from django.http import HttpRequest

SESSION_KEY_PREFIX = "shown_once:"
# Long enough for a slow Tor circuit to follow the redirect; short enough that a secret
# forgotten in the session is not shown on a later visit.
MAX_AGE_SECONDS = 10 * 60


def keep_for_one_display(request: HttpRequest, *, name: str, value: Any) -> None:
    """Keep `value` (JSON-serialisable) for the next `take_for_display(name=...)`."""
    request.session[SESSION_KEY_PREFIX + name] = {"value": value, "at": time.time()}


def take_for_display(request: HttpRequest, *, name: str) -> Any:
    """The value kept under `name`, removed from the session; None when there is none (a
    reload, a bookmark, another tab) or it was kept too long ago."""
    kept = request.session.pop(SESSION_KEY_PREFIX + name, None)
    if not isinstance(kept, dict) or time.time() - kept.get("at", 0) > MAX_AGE_SECONDS:
        return None
    return kept.get("value")
