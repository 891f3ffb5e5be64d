"""The cache carries on while Redis cannot be reached (config/cache.py)."""

import shutil
import subprocess

import pytest
from redis.exceptions import AuthenticationError

from config.cache import TolerantRedisCache
from scripts.with_services import answers
from tests.processes import free_port, wait_until


@pytest.fixture
def unreachable_cache():
    # A port just released: nothing listens there, so each call meets a refused connection.
    return TolerantRedisCache(f"redis://127.0.0.1:{free_port()}/0", {})


def test_unreachable_redis_reads_as_an_empty_cache(unreachable_cache):
    cache = unreachable_cache
    cache.set("key", "value")
    assert cache.get("key", "default") == "default"
    assert cache.get_many(["key"]) == {}
    assert cache.has_key("key") is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.get_or_set("key", "computed") == "computed"
    assert cache.delete("key") is False


def test_unreachable_redis_lets_locks_and_counters_through(unreachable_cache):
    # allauth's rate limits lock with add(); ours count with add() and incr().
    assert unreachable_cache.add("lock", True) is True
    with pytest.raises(ValueError, match="not found"):
        unreachable_cache.incr("count")


@pytest.mark.integration
def test_a_wrong_password_is_not_taken_for_an_outage():
    port = free_port()
    redis = subprocess.Popen(  # noqa: S603 — Debian's redis-server, as scripts/with_services.py
        [shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
         "--save", "", "--requirepass", "the-right-one"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        cache = TolerantRedisCache(f"redis://:the-wrong-one@127.0.0.1:{port}/0", {})
        assert wait_until(lambda: answers(f"redis://127.0.0.1:{port}", port), 5)
        with pytest.raises(AuthenticationError):
            cache.get("key")
    finally:
        redis.terminate()
        redis.wait(10)
