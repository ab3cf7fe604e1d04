"""A bounded in-process cache of objects that never change once written.

Envelopes, captures, decisions and case events are written under keys derived
from their identity and are never modified afterwards (a redelivery rewrites
an equivalent value), so a process may keep what it wrote or read instead of
asking the store again. Listings are never cached: another process may add a
case event at any time. The eviction is cachetools' LRU; the lock and the
hit counters are ours (connector threads share one Records).
"""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

import cachetools

V = TypeVar("V")


class LRUCache(Generic[V]):
    """Least-recently-used mapping with at most ``size`` entries (thread-safe)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: cachetools.LRUCache[str, V] = cachetools.LRUCache(maxsize=max(size, 1))
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> V | None:
        """The cached value, or None."""
        with self._lock:
            value = self._items.get(key)
            self.hits += value is not None
            self.misses += value is None
            return value

    def put(self, key: str, value: V) -> None:
        """Remember ``value``, dropping the least recently used entry if full."""
        if self.size > 0:
            with self._lock:
                self._items[key] = value
