"""The stage handlers that join the stages: capture, classify+route, record.

Each reads its input from the store by reference, writes its output to the
store, then returns the next stage's message; the worker passes it on (or
runs that stage at once) and acks only after that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from capture.batch.settings import BatchSettings
from capture.context import CaptureContext
from capture.pipeline import run_capture
from classify import classify
from classify.model import TextModel
from intake import ids, telemetry
from intake.errors import NotFound, PermanentError
from intake.models import CaseEvent, Envelope, Route, utcnow
from intake.pipeline import Next, forward
from intake.ports import Publisher
from routing import load_rules, route
from routing.case_events import decide_case_events
from routing.rules import RuleSet
from runtime.batches import capture_batch, is_batch
from storage.case_update import follow_up
from storage.cases import record_item
from storage.link_checks import LinkPolicy
from storage.records import Records


def _envelope(records: Records, body: dict[str, Any]) -> Envelope:
    envelope_id = body.get("envelope_id")
    if not isinstance(envelope_id, str):
        raise PermanentError("message without an envelope id", body=str(body)[:200])
    try:
        return records.envelope(envelope_id)
    except NotFound as exc:
        raise PermanentError("envelope not in the store", envelope_id=envelope_id) from exc


@dataclass
class CaptureHandler:
    """Reads text and fields from an envelope's documents; a scanned batch is cut into letters
    (runtime/batches.py), each sent on to classification with ``send``, and leads nowhere itself."""

    records: Records
    context: CaptureContext
    stage: str = "capture"
    send: Callable[[str, dict[str, Any]], None] | None = None  # the bus's send_to_stage (batches only)
    batch: BatchSettings = BatchSettings()

    def __call__(self, body: dict[str, Any]) -> Next | None:
        envelope = _envelope(self.records, body)
        if is_batch(envelope) and self.send is not None:
            capture_batch(self.records, envelope, self.context, self.batch, self.send)
            return None
        capture = run_capture(envelope, lambda ref: self.records.store.get(ref.key), self.context)
        self.records.put_capture(capture)
        telemetry.captured(capture)
        return forward(self.stage, {"envelope_id": envelope.id})


@dataclass
class ClassifyHandler:
    """Screens, classifies and routes a captured envelope."""

    records: Records
    rules: RuleSet
    model: TextModel | None = None  # the trained text classifier; None = rules alone
    stage: str = "classify"

    def __call__(self, body: dict[str, Any]) -> Next | None:
        envelope = _envelope(self.records, body)
        capture = self.records.capture(envelope.id)
        classification = classify(envelope, capture, model=self.model)
        decision = route(self.rules, envelope, capture, classification)
        self.records.put_decision(envelope.id, classification, decision)
        telemetry.classified(classification, decision)
        return forward(self.stage, {"envelope_id": envelope.id})


@dataclass
class RecordHandler:
    """Links the item to its case, writes the case events, tells the team.

    On a redelivery (the item was recorded before) the case is projected again from
    the store: the events the first delivery wrote may not have reached the index,
    and the dispatch and follow-up steps skip events that exist."""

    records: Records
    publisher: Publisher
    window_days: int = 30
    stage: str = "record"
    rules: RuleSet = field(default_factory=load_rules)
    reprojects = True  # the worker may leave out the index journal (runtime/worker.py)

    def __call__(self, body: dict[str, Any]) -> Next | None:
        envelope = _envelope(self.records, body)
        capture = self.records.capture(envelope.id)
        classification, decision = self.records.decision(envelope.id)
        policy = LinkPolicy(**self.rules.case_rules.on_disagreement.model_dump())
        case, link = record_item(self.records, envelope, capture, classification, decision, self.window_days, policy)
        if link.new:
            self._dispatch(case.id, envelope.id, decision, link.again)
        else:  # the case moves with its newest item (routing/case_rules.py)
            follow_up(self.records, case.id, envelope.id, partial(decide_case_events, self.rules),
                      self.publisher.notify)
        if link.again:
            self.records.reproject(case.id)
        return forward(self.stage, {"case_id": case.id, "envelope_id": envelope.id})

    def _dispatch(self, case_id: str, envelope_id: str, decision: Route, again: bool) -> None:
        """Tell the team once: the dispatch event marks that the notice was published."""
        event_id = ids.item_event_id(envelope_id, "dispatched")
        if again and self.records.event(case_id, event_id):  # only an item recorded before can have one
            return
        notice = {"case_id": case_id, "envelope_id": envelope_id, "team": decision.team,
                  "deadline": decision.deadline.isoformat() if decision.deadline else None}
        self.publisher.notify(decision.queue, notice, priority=decision.priority)
        self.records.append_event(CaseEvent(
            id=event_id, case_id=case_id, at=utcnow(), actor="worker:record", kind="dispatched",
            summary=f"queued for team {decision.team} (priority {decision.priority})", envelope_id=envelope_id,
            data={"queue": decision.queue}))
