"""Django's Redis cache, carrying on while Redis cannot be reached."""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import AuthenticationError, AuthorizationError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# redis-py counts these as connection errors too; they are a setting to fix, not an outage.
MISCONFIGURED = (AuthenticationError, AuthorizationError)
WARNING_INTERVAL_SECONDS = 60


class TolerantRedisCache(RedisCache):
    """Django's RedisCache that reads an unreachable Redis as an empty cache.

    Everything the site keeps in the cache can be rebuilt or forgotten: rendered calendar
    entries, feed versions, rate-limit counters (ours and allauth's). So while Redis is down
    (stopped, restarting, timing out), reads return their default, writes are dropped (`add`
    says it added), and `incr` raises ValueError as for a missing key; pages, sign-in and
    answers keep working, and rate limits let requests through. A warning is logged at most
    once a minute per process. Other Redis errors (a wrong password, a refused command) still
    raise. django-redis calls this IGNORE_EXCEPTIONS; these few lines spare a dependency.
    """

    _warned_at = float("-inf")

    def _unreachable(self, error: Exception) -> None:
        if isinstance(error, MISCONFIGURED):
            raise error
        now = time.monotonic()
        if now - self._warned_at >= WARNING_INTERVAL_SECONDS:
            self._warned_at = now
            logger.warning("Redis cache unreachable, carrying on without it: %s", error)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            # As if added: a lock taken with add() lets its caller through. allauth's rate
            # limits take one; with False every sign-in would wait for it and be turned away.
            return True

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).") from error

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return list(data)  # the keys that were not set

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except UNREACHABLE as error:
            self._unreachable(error)

    def clear(self):
        try:
            return super().clear()
        except UNREACHABLE as error:
            self._unreachable(error)
            return False
