"""A small time-to-live cache for the request hot path.

Two lookups happen on every request and change rarely: who a session cookie or token belongs to,
and which forecast run is current. Caching them for a few seconds takes the database off the hot
path; the price is that, across processes, a revoked session or a new forecast can take up to
`ttl` seconds to be noticed (within one process, writes clear the cache at once).

Under load an entry is refreshed ahead of its expiry, in a worker thread, while requests go on
being served the (still fresh) value: were it left to expire, every request arriving during the
reload would wait for it, and with 50 clients those waits, every few seconds, were the slowest
twentieth of all requests (docs/decisions/006-request-path-caches.md). A value is never served
after its `ttl`.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")
log = logging.getLogger("tocsin.web")
MISSING = object()  # what `peek` returns when nothing fresh is cached


class TtlCache(Generic[T]):
    """`refresh_after`: the share of `ttl` after which a read asks for a refresh ahead of time."""

    def __init__(self, ttl: float, size: int = 4096, refresh_after: float = 0.6) -> None:
        self.ttl = ttl
        self.size = size
        self.refresh_after = refresh_after
        self._items: dict[Hashable, tuple[float, T]] = {}
        self._lock = threading.Lock()
        self._loading: dict[Hashable, threading.Lock] = {}  # one per key being loaded
        self._refreshing: set[Hashable] = set()
        # Bumped by `clear`: a load that began before a clear must not store what it read.
        self._generation = 0

    def peek(self, key: Hashable) -> T | object:
        """The fresh cached value, or `MISSING`; never loads (safe on the event loop)."""
        with self._lock:
            hit = self._items.get(key)
        return hit[1] if hit is not None and hit[0] > time.monotonic() else MISSING

    def get(self, key: Hashable, load: Callable[[], T]) -> T:
        """The cached value, or `load()`'s; concurrent misses load once, not once each.

        Without the single flight, fifty requests arriving as an entry expires would all run
        the same queries at once, and every one of them would wait for all the others.
        """
        hit = self.peek(key)
        if hit is not MISSING:
            return hit  # type: ignore[return-value]
        with self._lock:
            loading = self._loading.setdefault(key, threading.Lock())
        with loading:
            hit = self.peek(key)
            if hit is not MISSING:
                return hit  # type: ignore[return-value]
            try:
                generation = self._generation
                value = load()
                self._store(key, value, generation)
            finally:
                with self._lock:
                    self._loading.pop(key, None)
            return value

    def peek_and_claim_refresh(self, key: Hashable) -> tuple[T | object, bool]:
        """The fresh value (or `MISSING`), and whether this caller should refresh it now: it is
        past `refresh_after` of its life and nobody else is refreshing it."""
        now = time.monotonic()
        with self._lock:
            hit = self._items.get(key)
            if hit is None or hit[0] <= now:
                return MISSING, False
            due = hit[0] - now < self.ttl * (1.0 - self.refresh_after)
            if due and key not in self._refreshing:
                self._refreshing.add(key)
                return hit[1], True
            return hit[1], False

    def refresh(self, key: Hashable, load: Callable[[], T]) -> None:
        """Load `key` again and store it (after `peek_and_claim_refresh` said so). A failure
        keeps the current value until it expires; the next read past its refresh point retries."""
        try:
            generation = self._generation
            self._store(key, load(), generation)
        finally:
            with self._lock:
                self._refreshing.discard(key)

    def _store(self, key: Hashable, value: T, generation: int) -> None:
        with self._lock:
            if generation != self._generation:
                return  # cleared while loading: what was read may be what the write changed
            if len(self._items) >= self.size:
                self._items.clear()  # crude, but bounded; refills within one TTL
            self._items[key] = (time.monotonic() + self.ttl, value)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._generation += 1


def cached(cache: TtlCache[T], key: Hashable, load: Callable[[], T]) -> T | object:
    """On the event loop: the fresh value, starting a refresh in a worker thread when one is
    due, or `MISSING` (the caller then loads off the loop)."""
    value, due = cache.peek_and_claim_refresh(key)
    if due:
        refresh = asyncio.get_running_loop().run_in_executor(None, cache.refresh, key, load)
        refresh.add_done_callback(_report_failure)
    return value


def _report_failure(refresh: asyncio.Future[None]) -> None:
    """A failed refresh (the database away) is logged by kind only: the key may be a credential."""
    if not refresh.cancelled() and refresh.exception() is not None:
        log.warning("cache refresh failed: %s", type(refresh.exception()).__name__)
