"""The worker runtime: deliver messages to stage handlers, ack only after the
handler's output is durably written, retry with backoff, then dead-letter and
quarantine. This is the one place where unexpected errors are caught.

A handler returns the message for the next stage. When this worker handles
that stage too (and chaining is on), it runs it at once in the same process,
with the objects the previous stage just wrote still in memory, instead of
a broker round trip and fresh reads from the store; the first message is
acked only after the chain is done or its rest durably queued, so a crash
anywhere replays the chain from its start (every stage is idempotent). A
stage that fails in the chain goes to its queue, to be retried from there.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any, Protocol

from kombu.message import Message

from intake import ids
from intake.backoff import Backoff
from intake.errors import PermanentError, SkipItem
from intake.pipeline import Next
from runtime.bus import Bus, dead_queue, stage_queue
from runtime.hooks import Hooks
from storage.records import Records

log = logging.getLogger(__name__)


class StageHandler(Protocol):
    """Does one stage's work for one message; must be idempotent."""

    stage: str

    def __call__(self, body: dict[str, Any]) -> Next | None:
        """Handle ``body`` and return the next stage's message; raise an IntakeError subclass on failure."""


@dataclass
class RetryPolicy:
    """How many attempts, and how long to wait between them."""

    max_attempts: int = 5
    base_seconds: float = 0.5
    max_seconds: float = 30.0

    def delay(self, attempt: int) -> float:
        """Exponential backoff for the given attempt number (1-based)."""
        return Backoff(self.base_seconds, self.max_seconds).delay(attempt)


class Worker:
    """Runs stage handlers against the bus."""

    def __init__(self, bus: Bus, records: Records, handlers: list[StageHandler],
                 retry: RetryPolicy | None = None, hooks: Hooks | None = None,
                 sleep: Callable[[float], None] = time.sleep, chain: bool = True) -> None:
        self.bus = bus
        self.records = records
        self.handlers = {h.stage: h for h in handlers}
        self.retry = retry or RetryPolicy()
        self.hooks = hooks or Hooks()
        self.sleep = sleep
        self.chain = chain

    def run(self, idle_timeout: float | None = None, should_stop: Callable[[], bool] = lambda: False) -> None:
        """Consume every handled stage's queue until stopped or idle."""
        callbacks = {stage_queue(s): self._callback(h) for s, h in self.handlers.items()}
        self.bus.consume(callbacks, idle_timeout=idle_timeout, should_stop=should_stop)

    def _callback(self, handler: StageHandler) -> Callable[[dict[str, Any], Message], None]:
        def on_message(body: dict[str, Any], message: Message) -> None:
            self.handle(handler, body, message)
        return on_message

    def handle(self, handler: StageHandler, body: dict[str, Any], message: Message) -> None:
        """Process one message and what it leads to; every outcome ends in exactly one ack or requeue."""
        attempt = int((message.headers or {}).get("x-intake-attempt", 0)) + 1
        try:
            follow = self._process(handler, body)
        except PermanentError as exc:
            failure = exc
            return self._settle(message, lambda: self._give_up(handler.stage, body, failure.message, failure.data))
        except Exception as exc:  # the one deliberate catch-all: anything else is retried
            error = exc
            return self._settle(message, lambda: self._again(handler.stage, body, error, attempt))
        self._settle(message, lambda: self._forward(follow))

    def _process(self, handler: StageHandler, body: dict[str, Any]) -> Next | None:
        """Run a handler between the hooks; a skipped item leads nowhere."""
        started = time.monotonic()
        self.hooks.emit("before_process", handler.stage, body)
        try:
            with self._delivery(handler):
                follow = handler(body)
        except SkipItem:
            follow = None
        self.hooks.emit("after_process", handler.stage, body, time.monotonic() - started)
        return follow

    def _delivery(self, handler: StageHandler) -> AbstractContextManager:
        """``records.delivered()`` where a crash is healed by the broker's redelivery and the handler
        projects the case again on a redelivery (``reprojects``); the index journal is then left out."""
        healed = getattr(handler, "reprojects", False) and getattr(self.bus, "redelivers", False)
        return self.records.delivered() if healed else nullcontext()

    def _forward(self, follow: Next | None) -> None:
        """Run the next stages here while this worker handles them; queue the rest."""
        while follow is not None:
            handler = self.handlers.get(follow.stage) if self.chain else None
            if handler is None:
                return self.bus.send_to_stage(follow.stage, follow.body)
            follow = self._chained(handler, follow.body)

    def _chained(self, handler: StageHandler, body: dict[str, Any]) -> Next | None:
        """A stage run in the chain; its failure counts as a first attempt and goes to its queue."""
        try:
            return self._process(handler, body)
        except PermanentError as exc:
            self._give_up(handler.stage, body, exc.message, exc.data)
        except Exception as exc:  # retried through the stage's queue, like any failure
            self._again(handler.stage, body, exc, 1)
        return None

    def _settle(self, message: Message, action: Callable[[], None]) -> None:
        """Ack after ``action`` passed the message on or wrote its outcome; requeue if that failed."""
        try:
            action()
        except Exception:
            log.exception("could not pass the message on or record its failure; requeueing it")
            self.sleep(self.retry.max_seconds / 10)
            message.requeue()
            return
        message.ack()

    def _again(self, stage: str, body: dict[str, Any], exc: BaseException, attempt: int) -> None:
        if attempt >= self.retry.max_attempts:
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()[:2000]
            reason = f"abandonné après {attempt} tentatives ; dernière erreur : {type(exc).__name__}"
            return self._give_up(stage, body, reason, {"error": detail})
        self.hooks.emit("on_retry", stage, body, exc, attempt)
        self.sleep(self.retry.delay(attempt))
        self.bus.send_to_stage(stage, body, attempt=attempt)

    def _give_up(self, stage: str, body: dict[str, Any], reason: str, details: dict | None = None) -> None:
        """Quarantine with the reason an operator reads (a French sentence) and the technical details apart."""
        item_id = ids.quarantine_item(stage, str(body.get("envelope_id", "unknown")))
        self.records.quarantine(item_id, stage, reason, body, details)
        self.bus.publish(dead_queue(stage), {**body, "reason": reason})
        self.hooks.emit("on_quarantine", stage, body, reason)
