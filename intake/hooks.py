"""Hooks: cross-cutting work around each message (logging, metrics...).

Every method does nothing by default (dramatiq middleware style); the worker
calls them at fixed points of a message's life. A hook that raises is logged
and ignored: observability must never fail an item.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("intake.hooks")


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
        """Call ``moment`` on every hook."""
        for hook in self.hooks:
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
