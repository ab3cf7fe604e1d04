"""Hooks: cross-cutting work around each message (logging, metrics...).

Every method does nothing by default (dramatiq middleware style); the worker
calls them at fixed points of a message's life. ``before_process`` goes to the
hooks in their order and the closing moments in reverse order (like nested
``with`` blocks), so the first hook opens first and closes last: the
correlation hook, first in the list, tags every line the others log. A hook
that raises is logged and ignored: observability must never fail an item.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from intake.logs import reset_correlation_id, set_correlation_id

log = logging.getLogger("runtime.hooks")


class Hook:
    """Base hook: override the moments you care about."""

    def before_process(self, stage: str, body: dict[str, Any]) -> None:
        """A message is about to be handled."""

    def after_process(self, stage: str, body: dict[str, Any], seconds: float) -> None:
        """A message was handled and acked."""

    def on_retry(self, stage: str, body: dict[str, Any], error: BaseException, attempt: int) -> None:
        """A message failed and was scheduled again."""

    def on_quarantine(self, stage: str, body: dict[str, Any], reason: str) -> None:
        """A message was given up on and quarantined."""


class Hooks:
    """Calls every registered hook, shielding the worker from their errors."""

    def __init__(self, hooks: list[Hook] | None = None) -> None:
        self.hooks = list(hooks or [])

    def emit(self, moment: str, *args: Any) -> None:
        """Call ``moment`` on every hook (closing moments in reverse order)."""
        ordered = self.hooks if moment == "before_process" else reversed(self.hooks)
        for hook in ordered:
            try:
                getattr(hook, moment)(*args)
            except Exception:  # a broken hook must not lose an item
                log.exception("hook %s.%s failed", type(hook).__name__, moment)


class LoggingHook(Hook):
    """One log line per outcome, with ids only (never personal data)."""

    def after_process(self, stage: str, body: dict[str, Any], seconds: float) -> None:
        log.info("%s done for %s in %.2fs", stage, body.get("envelope_id"), seconds)

    def on_retry(self, stage: str, body: dict[str, Any], error: BaseException, attempt: int) -> None:
        log.warning("%s failed for %s (attempt %d): %s", stage, body.get("envelope_id"), attempt, error)

    def on_quarantine(self, stage: str, body: dict[str, Any], reason: str) -> None:
        log.error("%s quarantined %s: %s", stage, body.get("envelope_id"), reason)


class CorrelationHook(Hook):
    """Tags every log line about an item with its envelope id, across stages.

    Put it first in the list: it opens before the other hooks and closes after them."""

    def __init__(self) -> None:
        self._open = threading.local()  # one item at a time per thread; connectors share hooks across threads

    def before_process(self, stage: str, body: dict[str, Any]) -> None:
        self._close()  # an item whose failure could not even be recorded never closed: drop its id
        self._open.token = set_correlation_id(body.get("envelope_id"))

    def after_process(self, stage: str, body: dict[str, Any], seconds: float) -> None:
        self._close()

    def on_retry(self, stage: str, body: dict[str, Any], error: BaseException, attempt: int) -> None:
        self._close()

    def on_quarantine(self, stage: str, body: dict[str, Any], reason: str) -> None:
        self._close()

    def _close(self) -> None:
        token = getattr(self._open, "token", None)
        if token is not None:
            self._open.token = None
            reset_correlation_id(token)
