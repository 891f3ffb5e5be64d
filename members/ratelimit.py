"""Abuse limits: how often one person may answer, propose, comment or register as a guest.

Sign-up, sign-in and password reset are counted by allauth (ACCOUNT_RATE_LIMITS, on by
default); the project's own forms are counted here, under `settings.RATE_LIMITS`. Both count in
the shared cache (Redis) and know a signed-out person only by a keyed hash of their address
(`client_digest`, which allauth reads through `MemberAccountAdapter.get_client_ip`): no address
is ever part of a cache key, and every key expires when its window ends (docs/PRIVACY.md).
"""

import ipaddress
import logging
import math
import time

from allauth import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import salted_hmac
from django.utils.translation import ngettext

from members.digits import local_digits

logger = logging.getLogger(__name__)

# allauth's limits that answer with a page instead of a form error (sign-up, sign-in, password
# reset) count per minute by default; its page is ours (config/urls.py, handler429).
ALLAUTH_WINDOW_SECONDS = 60


def keyed_digest(value: str) -> str:
    """HMAC-SHA256 of `value` under a key derived from SECRET_KEY, as 32 hex digits: the same
    in every process, and not to be reversed by trying values without the secret."""
    return salted_hmac("tadamun.ratelimit", value, algorithm="sha256").hexdigest()[:32]


def client_digest(address: str) -> str:
    """The keyed digest of a client's IP address. An IPv6 address counts by its network
    (ALLAUTH_RATE_LIMIT_IPV6_PREFIX, /64 by default, as allauth does): one host may hold a
    whole /64 (RFC 7421)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return keyed_digest(address)
    if ip.version == 6:
        prefix = allauth_settings.RATE_LIMIT_IPV6_PREFIX
        ip = ip.ipv4_mapped or ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address
    return keyed_digest(str(ip))


def rate_limit(request: HttpRequest, action: str, *, key: str = "") -> int:
    """Count one `action` (a name in settings.RATE_LIMITS: (times, window in seconds)) and
    return 0 while within its limit, else the seconds until the window ends.

    Counted per `key` when given (an email address; case does not matter), else per member when
    signed in, else per client address (its digest). Windows are fixed: they start at whole
    multiples of their length. When the cache fails the action is allowed and a line is
    logged: the limits hold off abuse, and must not take the site down with Redis.
    """
    times, window = settings.RATE_LIMITS[action]
    number, elapsed = divmod(int(time.time()), window)
    remaining = window - elapsed
    if key:
        who = "key:" + keyed_digest(key.lower())
    elif request.user.is_authenticated:
        who = f"member:{request.user.pk}"
    else:
        who = "client:" + get_adapter(request).get_client_ip(request)
    cache_key = f"ratelimit:{action}:{who}:{number}"
    try:
        cache.add(cache_key, 0, timeout=remaining)
        count = cache.incr(cache_key)
    except ValueError:  # the key expired between add and incr: its window has ended
        return 0
    except Exception as error:  # whatever the cache fails with: allow, and say so
        logger.warning("Rate limit %s not counted: %s from the cache", action, type(error).__name__)
        return 0
    return remaining if count > times else 0


def wait_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many attempts in a short time. Please try again in %(minutes)s minute.",
        "Too many attempts in a short time. Please try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": local_digits(minutes)}


def too_many_requests(
    request: HttpRequest,
    wait: int = ALLAUTH_WINDOW_SECONDS,
    *,
    template: str = "429.html",
    context: dict | None = None,
    form=None,
) -> HttpResponse:
    """HTTP 429 with Retry-After `wait` seconds: the form page `template` again, `form` bound
    and given the message as its error, or else the plain page saying how long to wait."""
    message = wait_message(wait)
    if form is not None:
        form.add_error(None, message)
    response = render(request, template, {"message": message, **(context or {})}, status=429)
    response["Retry-After"] = str(wait)
    add_never_cache_headers(response)
    return response
