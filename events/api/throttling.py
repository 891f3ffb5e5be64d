"""Request rates for the API (settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]): per client
without a token ("anon"), per token with one ("user"). Over its rate, a caller gets 429 with
Retry-After.

A client counts by the keyed digest of its address, as the project's other limits do
(members/ratelimit.py): no address is ever part of a cache key (docs/PRIVACY.md).
"""

import math

from allauth.account.adapter import get_adapter
from django.utils.translation import gettext, ngettext
from rest_framework.exceptions import Throttled
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from members.digits import local_digits


class TooManyCalls(Throttled):
    """429 with Retry-After, in the reader's language and digits, with the project's words in
    every language (English too). DRF's own Throttled cannot be translated: it writes the
    number into its text before looking the text up, so that no catalogue holds it
    (events/api/errors.py puts this one in its place wherever DRF raises its own)."""

    def __init__(self, wait: float | None, detail: str | None = None):
        wait = None if wait is None else math.ceil(wait)
        super().__init__(detail=detail or self.message(wait))
        self.wait = wait

    @staticmethod
    def message(wait: int | None) -> str:
        if wait is None:
            return gettext("Too many requests in a short time. Please try again later.")
        return ngettext(
            "Too many requests in a short time. Please try again in %(wait)s second.",
            "Too many requests in a short time. Please try again in %(wait)s seconds.",
            wait,
        ) % {"wait": local_digits(wait)}


class _SettingsRate(SimpleRateThrottle):
    def get_rate(self):
        # Read on each request, not once at import as DRF's own classes do.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class ClientRateThrottle(_SettingsRate):
    """Calls without a token, counted per client address (its keyed digest)."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        ident = get_adapter(request).get_client_ip(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class TokenRateThrottle(_SettingsRate):
    """Calls with a personal API token, counted per token (else per member)."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        ident = getattr(request.auth, "pk", None) or f"member-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
