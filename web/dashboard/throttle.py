"""Failed dashboard sign-ins, throttled per user name and per client address.

Each name and each address may fail a few times freely (``free``); after that, every
failure closes the door for a wait that doubles each time (``intake.backoff.Backoff``:
``base``, ``2 × base``... up to ``cap``), during which a sign-in is refused without its
password even being checked, the right one included. A success forgets the name's
failures (not the address's: an attacker's own account must not reset the count of the
address it sprays from). Failures are forgotten ``forget`` seconds after the last one.

The state is in this process's memory, in tables of bounded size (``size`` entries each,
the least recently used dropped first), keyed by a digest of the name (never the name:
people type their password in the wrong field). Several web processes each keep their
own count, so N replicas allow N times the free failures.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cachetools import TTLCache

from intake.backoff import Backoff

CAP_SECONDS = 900.0  # the longest wait: 15 minutes


@dataclass
class Strikes:
    """The failures of one name or address, and until when it must wait (monotonic seconds)."""

    failures: int = 0
    until: float = 0.0


class FailureThrottle:
    """Failures per key, and the back-off they earn past the free ones."""

    def __init__(self, free: int, backoff: Backoff, size: int = 10_000, forget: float = 3600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.free, self.backoff, self.clock = free, backoff, clock
        self.table: TTLCache[str, Strikes] = TTLCache(maxsize=size, ttl=forget, timer=clock)
        self.lock = threading.Lock()

    def wait(self, key: str) -> float:
        """Seconds ``key`` must still wait before it may try again (0: it may)."""
        with self.lock:
            strikes = self.table.get(key)
        return max(0.0, strikes.until - self.clock()) if strikes else 0.0

    def failed(self, key: str) -> float:
        """Count one failure of ``key``; return the wait it now has to sit out."""
        with self.lock:
            strikes = self.table.pop(key, None) or Strikes()
            strikes.failures += 1
            over = strikes.failures - self.free
            wait = self.backoff.delay(over) if over > 0 else 0.0
            strikes.until = self.clock() + wait
            self.table[key] = strikes  # set again: the table forgets ``forget`` seconds after the last failure
        return wait

    def succeeded(self, key: str) -> None:
        """Forget the failures of ``key``."""
        with self.lock:
            self.table.pop(key, None)


class LoginThrottle:
    """Failed sign-ins per user name and per client address."""

    def __init__(self, per_name: FailureThrottle, per_address: FailureThrottle) -> None:
        self.per_name, self.per_address = per_name, per_address

    @classmethod
    def from_settings(cls, settings: Any, clock: Callable[[], float] = time.monotonic) -> LoginThrottle:
        """The throttle the web settings describe (``INTAKE_DASHBOARD_LOGIN_*``), defaults without them."""
        backoff = Backoff(base=getattr(settings, "dashboard_login_backoff_seconds", 1.0), cap=CAP_SECONDS)
        free = getattr(settings, "dashboard_login_free_failures", 3)
        per_address = getattr(settings, "dashboard_login_free_failures_per_address", 20)
        return cls(FailureThrottle(free, backoff, clock=clock), FailureThrottle(per_address, backoff, clock=clock))

    def wait(self, name: str | None, address: str) -> float:
        """Seconds before this name (None: a sign-in by API key) may try again from this address."""
        by_name = self.per_name.wait(_digest(name)) if name else 0.0
        return max(by_name, self.per_address.wait(address))

    def failed(self, name: str | None, address: str) -> float:
        """Count one failed sign-in; return the wait it earns."""
        by_name = self.per_name.failed(_digest(name)) if name else 0.0
        return max(by_name, self.per_address.failed(address))

    def succeeded(self, name: str | None) -> None:
        """A sign-in went through: forget the name's failures."""
        if name:
            self.per_name.succeeded(_digest(name))


def _digest(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8", "replace")).hexdigest()[:32]
