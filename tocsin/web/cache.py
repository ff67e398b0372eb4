"""A small time-to-live cache for the request hot path.

Two lookups happen on every request and change rarely: who a session cookie or token belongs to,
and which forecast run is current. Caching them for a few seconds takes the database off the hot
path; the price is that, across processes, a revoked session or a new forecast can take up to
`ttl` seconds to be noticed (within one process, writes clear the cache at once).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")
MISSING = object()  # what `peek` returns when nothing fresh is cached


class TtlCache(Generic[T]):
    def __init__(self, ttl: float, size: int = 4096) -> None:
        self.ttl = ttl
        self.size = size
        self._items: dict[Hashable, tuple[float, T]] = {}
        self._lock = threading.Lock()
        self._loading: dict[Hashable, threading.Lock] = {}  # one per key being loaded

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
                value = load()
                with self._lock:
                    if len(self._items) >= self.size:
                        self._items.clear()  # crude, but bounded; refills within one TTL
                    self._items[key] = (time.monotonic() + self.ttl, value)
            finally:
                with self._lock:
                    self._loading.pop(key, None)
            return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
