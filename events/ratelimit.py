"""A fixed-window counter in the shared cache (Redis in production), for forms that send mail."""

import hashlib

from django.core.cache import cache


def allow(action: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """True while `key` has done `action` fewer than `limit` times in the current window."""
    digest = hashlib.sha256(key.lower().encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{action}:{digest}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
