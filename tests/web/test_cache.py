"""The request-path cache: fresh values reused, stale ones reloaded, misses loaded once."""

from __future__ import annotations

import threading
import time

import pytest

from tocsin.web.cache import MISSING, TtlCache


def test_a_fresh_value_is_reused_and_a_stale_one_reloaded() -> None:
    cache: TtlCache[int] = TtlCache(ttl=0.05)
    calls: list[int] = []

    def load() -> int:
        calls.append(1)
        return len(calls)

    assert cache.peek("k") is MISSING
    assert cache.get("k", load) == 1
    assert cache.get("k", load) == 1 and cache.peek("k") == 1
    time.sleep(0.06)
    assert cache.peek("k") is MISSING
    assert cache.get("k", load) == 2


def test_clear_forgets_everything() -> None:
    cache: TtlCache[str] = TtlCache(ttl=60)
    cache.get("a", lambda: "x")
    cache.clear()
    assert cache.peek("a") is MISSING


def test_the_size_bound_holds() -> None:
    cache: TtlCache[int] = TtlCache(ttl=60, size=3)
    for i in range(10):
        cache.get(i, lambda i=i: i)  # type: ignore[misc]
    assert sum(cache.peek(i) is not MISSING for i in range(10)) <= 3


def test_concurrent_misses_for_one_key_load_once_and_other_keys_do_not_wait() -> None:
    cache: TtlCache[str] = TtlCache(ttl=60)
    release = threading.Event()
    loads: list[str] = []

    def slow() -> str:
        loads.append("slow")
        release.wait(5)
        return "slow"

    threads = [threading.Thread(target=cache.get, args=("a", slow)) for _ in range(5)]
    for t in threads:
        t.start()
    time.sleep(0.05)
    # Another key loads while "a" is still loading.
    assert cache.get("b", lambda: "fast") == "fast"
    release.set()
    for t in threads:
        t.join(5)
    assert loads == ["slow"]
    assert cache.peek("a") == "slow"


def test_a_failed_load_caches_nothing_and_the_next_call_retries() -> None:
    cache: TtlCache[int] = TtlCache(ttl=60)

    def boom() -> int:
        raise RuntimeError("database down")

    with pytest.raises(RuntimeError):
        cache.get("k", boom)
    assert cache.peek("k") is MISSING
    assert cache.get("k", lambda: 7) == 7
