"""The worker runtime: deliver messages to stage handlers, ack only after the
handler's output is durably written, retry with backoff, then dead-letter and
quarantine. This is the one place where unexpected errors are caught.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from kombu.message import Message

from intake.bus import Bus, dead_queue, stage_queue
from intake.errors import PermanentError, SkipItem
from intake.hooks import Hooks
from storage.records import Records

log = logging.getLogger(__name__)


class StageHandler(Protocol):
    """Does one stage's work for one message; must be idempotent."""

    stage: str

    def __call__(self, body: dict[str, Any]) -> None:
        """Handle ``body``; raise an IntakeError subclass on failure."""


@dataclass
class RetryPolicy:
    """How many attempts, and how long to wait between them."""

    max_attempts: int = 5
    base_seconds: float = 0.5
    max_seconds: float = 30.0

    def delay(self, attempt: int) -> float:
        """Exponential backoff for the given attempt number (1-based)."""
        return min(self.base_seconds * 2 ** (attempt - 1), self.max_seconds)


class Worker:
    """Runs stage handlers against the bus."""

    def __init__(self, bus: Bus, records: Records, handlers: list[StageHandler],
                 retry: RetryPolicy | None = None, hooks: Hooks | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.bus = bus
        self.records = records
        self.handlers = {h.stage: h for h in handlers}
        self.retry = retry or RetryPolicy()
        self.hooks = hooks or Hooks()
        self.sleep = sleep

    def run(self, idle_timeout: float | None = None, should_stop: Callable[[], bool] = lambda: False) -> None:
        """Consume every handled stage's queue until stopped or idle."""
        callbacks = {stage_queue(s): self._callback(h) for s, h in self.handlers.items()}
        self.bus.consume(callbacks, idle_timeout=idle_timeout, should_stop=should_stop)

    def _callback(self, handler: StageHandler) -> Callable[[dict[str, Any], Message], None]:
        def on_message(body: dict[str, Any], message: Message) -> None:
            self.handle(handler, body, message)
        return on_message

    def handle(self, handler: StageHandler, body: dict[str, Any], message: Message) -> None:
        """Process one message; every outcome ends in exactly one ack or requeue."""
        attempt = int((message.headers or {}).get("x-intake-attempt", 0)) + 1
        started = time.monotonic()
        self.hooks.emit("before_process", handler.stage, body)
        try:
            handler(body)
        except SkipItem:
            pass
        except PermanentError as exc:
            return self._settle(message, lambda: self._give_up(handler.stage, body, str(exc)))
        except Exception as exc:  # the one deliberate catch-all: anything else is retried
            return self._settle(message, lambda: self._again(handler.stage, body, exc, attempt))
        message.ack()
        self.hooks.emit("after_process", handler.stage, body, time.monotonic() - started)

    def _settle(self, message: Message, action: Callable[[], None]) -> None:
        """Ack after ``action`` wrote its outcome; requeue if even that failed."""
        try:
            action()
        except Exception:
            log.exception("could not record a failure; requeueing the message")
            self.sleep(self.retry.max_seconds / 10)
            message.requeue()
            return
        message.ack()

    def _again(self, stage: str, body: dict[str, Any], exc: BaseException, attempt: int) -> None:
        if attempt >= self.retry.max_attempts:
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            return self._give_up(stage, body, f"failed {attempt} times; last error: {detail}")
        self.hooks.emit("on_retry", stage, body, exc, attempt)
        self.sleep(self.retry.delay(attempt))
        self.bus.send_to_stage(stage, body, attempt=attempt)

    def _give_up(self, stage: str, body: dict[str, Any], reason: str) -> None:
        item_id = f"{stage}-{body.get('envelope_id', 'unknown')}"
        self.records.quarantine(item_id, stage, reason, body)
        self.bus.publish(dead_queue(stage), {**body, "reason": reason})
        self.hooks.emit("on_quarantine", stage, body, reason)
