"""The request-path cache: fresh values reused, stale ones reloaded, misses loaded once."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from tocsin.web.cache import MISSING, TtlCache, cached


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


def test_a_value_past_its_refresh_point_is_refreshed_by_one_caller_only() -> None:
    cache: TtlCache[int] = TtlCache(ttl=0.2, refresh_after=0.5)
    cache.get("k", lambda: 1)
    assert cache.peek_and_claim_refresh("k") == (1, False)  # young: no refresh yet
    time.sleep(0.12)
    assert cache.peek_and_claim_refresh("k") == (1, True)  # this caller refreshes
    assert cache.peek_and_claim_refresh("k") == (1, False)  # others go on reading
    cache.refresh("k", lambda: 2)
    assert cache.peek_and_claim_refresh("k") == (2, False)  # a new life
    time.sleep(0.21)
    assert cache.peek_and_claim_refresh("k") == (MISSING, False)  # never served past its ttl


def test_a_failed_refresh_keeps_the_value_and_lets_the_next_reader_retry() -> None:
    cache: TtlCache[int] = TtlCache(ttl=0.2, refresh_after=0.0)
    cache.get("k", lambda: 1)
    value, due = cache.peek_and_claim_refresh("k")
    assert (value, due) == (1, True)

    def boom() -> int:
        raise RuntimeError("database down")

    with pytest.raises(RuntimeError):
        cache.refresh("k", boom)
    assert cache.peek_and_claim_refresh("k") == (1, True)


def test_a_load_that_began_before_a_clear_stores_nothing() -> None:
    """A refresh reading an identity just before a revocation commits must not bring it back."""
    cache: TtlCache[str] = TtlCache(ttl=60)

    def read_then_revoked() -> str:
        cache.clear()  # the write lands while the old value is being read
        return "revoked user"

    assert cache.get("token", read_then_revoked) == "revoked user"  # answers this caller only
    assert cache.peek("token") is MISSING
    cache.refresh("token", read_then_revoked)
    assert cache.peek("token") is MISSING


def test_on_the_event_loop_a_due_refresh_runs_in_a_worker_thread() -> None:
    cache: TtlCache[int] = TtlCache(ttl=5, refresh_after=0.0)
    cache.get("k", lambda: 1)
    loaded_in: list[str] = []

    def load() -> int:
        loaded_in.append(threading.current_thread().name)
        return 2

    async def read() -> object:
        value = cached(cache, "k", load)
        await asyncio.sleep(0.1)
        return value

    assert asyncio.run(read()) == 1  # served at once, refreshed behind
    assert cache.peek("k") == 2
    assert loaded_in and loaded_in[0] != threading.main_thread().name
    assert cached(TtlCache(ttl=5), "absent", load) is MISSING


def test_a_failed_background_refresh_is_logged_by_kind_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    cache: TtlCache[int] = TtlCache(ttl=5, refresh_after=0.0)
    cache.get(("token", "secret-credential"), lambda: 1)

    def boom() -> int:
        raise RuntimeError("connection to secret-host refused")

    async def read() -> object:
        value = cached(cache, ("token", "secret-credential"), boom)
        await asyncio.sleep(0.1)
        return value

    assert asyncio.run(read()) == 1
    assert "cache refresh failed: RuntimeError" in caplog.text
    assert "secret" not in caplog.text
