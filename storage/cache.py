"""A bounded in-process cache of objects that never change once written.

Envelopes, captures, decisions and case events are written under keys derived
from their identity and are never modified afterwards (a redelivery rewrites
an equivalent value), so a process may keep what it wrote or read instead of
asking the store again. Listings are never cached: another process may add a
case event at any time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

V = TypeVar("V")


class LRUCache(Generic[V]):
    """Least-recently-used mapping with at most ``size`` entries (thread-safe)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, V] = OrderedDict()
        self._lock = threading.Lock()  # connector threads share one Records
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> V | None:
        """The cached value, or None."""
        with self._lock:
            value = self._items.get(key)
            if value is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: str, value: V) -> None:
        """Remember ``value``, dropping the least recently used entry if full."""
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
