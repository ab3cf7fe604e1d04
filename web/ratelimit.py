"""Token buckets, one per client: ``per_minute`` requests a minute on average and up
to ``burst`` at once. Pure bookkeeping on an injected clock (no sleeping, no HTTP).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class TokenBucket:
    """Holds up to ``burst`` tokens, refilled at ``per_second``; a request takes one."""

    def __init__(self, burst: int, per_second: float, now: float) -> None:
        self.burst, self.per_second = burst, per_second
        self.tokens, self.updated = float(burst), now

    def take(self, now: float) -> float:
        """Take a token: 0 if there was one, else the seconds until there will be (nothing taken)."""
        elapsed = max(0.0, now - self.updated)  # a clock that steps back must not drain the bucket
        self.tokens = min(self.burst, self.tokens + elapsed * self.per_second)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.per_second


class RateLimiter:
    """A bucket per client identity; ``per_minute`` 0 means no limit.

    Identities are what the caller authenticated (an API key's hash, never the key), so
    the buckets are as many as the configured keys and unknown callers cost nothing."""

    def __init__(self, per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute < 0 or burst < 1:
            raise ValueError("per_minute must be 0 (off) or more, and burst 1 or more")
        self.per_minute, self.burst, self.clock = per_minute, burst, clock
        self.buckets: dict[str, TokenBucket] = {}
        self.lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        """Whether requests are limited at all."""
        return self.per_minute > 0

    def wait(self, identity: str) -> float:
        """Seconds ``identity`` must wait; 0 means the request may go on (and spent a token)."""
        if not self.enabled:
            return 0.0
        with self.lock:
            now = self.clock()
            bucket = self.buckets.get(identity)
            if bucket is None:
                bucket = self.buckets[identity] = TokenBucket(self.burst, self.per_minute / 60, now)
            return bucket.take(now)
