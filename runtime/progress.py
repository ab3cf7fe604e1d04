"""What a long-running command prints while it works: counts per stage, now and then.

A :class:`ProgressHook` counts the messages each stage handled, retried and
quarantined; :func:`report_every` prints a line with the counts every few
seconds when they changed (ids and counts only, never personal data), so an
operator sees that ``intake worker`` is alive and moving.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from runtime.hooks import Hook


class ProgressHook(Hook):
    """Counts outcomes per stage (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.counts: Counter[tuple[str, str]] = Counter()
        self._reported: dict[tuple[str, str], int] = {}

    def after_process(self, stage: str, body: dict[str, Any], seconds: float) -> None:
        self._add(stage, "done")

    def on_retry(self, stage: str, body: dict[str, Any], error: BaseException, attempt: int) -> None:
        self._add(stage, "retried")

    def on_quarantine(self, stage: str, body: dict[str, Any], reason: str) -> None:
        self._add(stage, "quarantined")

    def _add(self, stage: str, outcome: str) -> None:
        with self._lock:
            self.counts[(stage, outcome)] += 1

    def line(self, always: bool = False) -> str | None:
        """``capture 12, classify 12 (1 retried), record 11`` when something changed since the last line
        (or ``always``: the totals, "nothing" when no message came)."""
        with self._lock:
            counts = dict(self.counts)
        if not always and counts == self._reported:
            return None
        if not counts:
            return "nothing"
        self._reported = counts
        stages = dict.fromkeys(stage for stage, _ in counts)
        return ", ".join(_stage_text(stage, counts) for stage in stages)


def _stage_text(stage: str, counts: dict[tuple[str, str], int]) -> str:
    extra = [f"{counts[(stage, o)]} {o}" for o in ("retried", "quarantined") if counts.get((stage, o))]
    return f"{stage} {counts.get((stage, 'done'), 0)}" + (f" ({', '.join(extra)})" if extra else "")


def report_every(hook: ProgressHook, seconds: float, say: Callable[[str], None]) -> threading.Event:
    """Print ``hook``'s line every ``seconds`` when it changed, from a daemon thread; set the event to stop."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(seconds):
            if (text := hook.line()) is not None:
                say(text)

    threading.Thread(target=loop, name="progress", daemon=True).start()
    return stop
