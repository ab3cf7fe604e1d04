"""Exponential back-off, one formula for the whole project (tenacity's).

The worker re-queues a failed message after ``delay(attempt)``; the webhook
sender retries in process with the same strategy, and the connectors'
reconnect loops run through :func:`keep_running`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from threading import Event
from types import SimpleNamespace

from tenacity import wait_exponential

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backoff:
    """Waits of ``base``, ``2 × base``, ``4 × base``... capped at ``cap`` seconds."""

    base: float = 0.5
    cap: float = 30.0

    def wait(self) -> wait_exponential:
        """The tenacity wait strategy."""
        return wait_exponential(multiplier=self.base, max=self.cap)

    def delay(self, attempt: int) -> float:
        """The wait after the given failed attempt (1-based)."""
        return self.wait()(SimpleNamespace(attempt_number=attempt))  # type: ignore[arg-type]


RECONNECT = Backoff(base=1.0, cap=300.0)


def keep_running(name: str, stop: Event, session: Callable[[Callable[[], None]], None],
                 transient: tuple[type[BaseException], ...], backoff: Backoff = RECONNECT) -> None:
    """Run ``session`` until ``stop``; after a transient failure wait, longer each time, and run it again.

    ``session`` gets a callable to call once connected: the waits start again from ``backoff.base``."""
    failures = [0]

    def connected() -> None:
        failures[0] = 0

    while not stop.is_set():
        try:
            session(connected)
        except transient as exc:
            failures[0] += 1
            wait = backoff.delay(failures[0])
            log.warning("%s: %s; reconnecting in %.0fs", name, exc, wait)
            stop.wait(wait)
