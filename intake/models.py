"""Domain models exchanged between stages and written to the store.

Every model is a frozen pydantic model: stages pass them by value through the
bus (as JSON) and never mutate what another stage produced.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydField

Channel = Literal["email", "letter", "webform", "phone"]
Complexity = Literal["simple", "complex"]
Urgency = Literal["low", "normal", "high", "critical"]
PageMethod = Literal["pdf-text", "ocr", "text"]


def utcnow() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return datetime.now(timezone.utc)


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ObjectRef(Model):
    """A content-addressed object in the store."""

    key: str
    sha256: str
    size: int


class Attachment(Model):
    """A document that came with an item (file, scan, e-mail attachment)."""

    filename: str
    declared_type: str = "application/octet-stream"
    ref: ObjectRef


class Party(Model):
    """Who sent an item, as far as the channel tells."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None


class Envelope(Model):
    """One item received on one channel, bytes stored, ready for capture."""

    id: str
    channel: Channel
    source: str
    source_id: str
    received_at: datetime
    sender: Party = Party()
    subject: str = ""
    body: str = ""
    raw: ObjectRef | None = None
    attachments: tuple[Attachment, ...] = ()
    headers: dict[str, str] = PydField(default_factory=dict)
    meta: dict[str, str] = PydField(default_factory=dict)

    @property
    def thread_ids(self) -> list[str]:
        """Message-IDs this item replies to (In-Reply-To, References)."""
        refs = f"{self.headers.get('in-reply-to', '')} {self.headers.get('references', '')}"
        return list(dict.fromkeys(t for t in refs.split() if t.startswith("<")))


class PageCapture(Model):
    """Text of one page, and how it was obtained."""

    number: int
    text: str
    method: PageMethod
    confidence: float | None = None
    rotation: int = 0  # degrees turned clockwise before OCR
    skew: float = 0.0  # degrees levelled before OCR
    # OCR'd upright pages: each word's (start, end) in ``text`` and its box (left, top, right, bottom) as fractions
    # of the scanned page's width and height, so a field's box can be drawn on the page image at any size
    boxes: tuple[tuple[int, int, float, float, float, float], ...] = ()


class DocumentCapture(Model):
    """What capture read from one document (body, attachment, scan)."""

    name: str
    sha256: str
    mime: str
    pages: tuple[PageCapture, ...] = ()
    language: str | None = None
    error: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)


class ExtractedField(Model):
    """A value found in the text, where it was found, and how sure we are."""

    kind: str
    value: str
    normalized: str
    source: str
    start: int
    end: int
    confidence: float
    valid: bool = True
    note: str | None = None


class Capture(Model):
    """Everything read from one envelope."""

    envelope_id: str
    documents: tuple[DocumentCapture, ...] = ()
    language: str | None = None
    fields: tuple[ExtractedField, ...] = ()
    at: datetime = PydField(default_factory=utcnow)

    @property
    def text(self) -> str:
        return "\n\n".join(d.text for d in self.documents if d.pages)

    def values(self, kind: str, valid_only: bool = True) -> list[str]:
        """Normalized values of one field kind, in order, without repeats."""
        found = (f.normalized for f in self.fields if f.kind == kind and (f.valid or not valid_only))
        return list(dict.fromkeys(found))


class Classification(Model):
    """What the item is about, how hard and how urgent, and why."""

    screened: str | None = None
    topic: str = "other"
    topic_confidence: float = 0.0
    complexity: Complexity = "simple"
    complexity_confidence: float = 0.0
    urgency: Urgency = "normal"
    # The classifier always sets it; a classification made by hand that says nothing of urgency is not unsure of it.
    urgency_confidence: float = 1.0
    reasons: tuple[str, ...] = ()
    scores: dict[str, float] = PydField(default_factory=dict)
    model: str = ""  # version of the classifier model that decided ("rules-only" without one; "" before versions)
    decided_by: dict[str, str] = PydField(default_factory=dict)  # head -> cue, cue+model, model, model+rules, rules
    at: datetime = PydField(default_factory=utcnow)

    @property
    def confidence(self) -> float:
        """The least sure head's calibrated confidence: routing sends items below a threshold to review."""
        return min(self.topic_confidence, self.complexity_confidence, self.urgency_confidence)


class Route(Model):
    """Which team gets the case, with what priority and deadline, by which rule."""

    team: str
    queue: str
    priority: int = 5
    deadline: date | None = None
    deadline_days: int | None = None
    deadline_kind: Literal["working", "calendar"] | None = None
    rule: str
    reason: str


class CaseEvent(Model):
    """One step in a case's history: who did what, when, and why."""

    id: str
    case_id: str
    at: datetime
    actor: str
    kind: str
    summary: str
    envelope_id: str | None = None
    data: dict[str, Any] = PydField(default_factory=dict)


class Case(Model):
    """The current state of a case, folded from its events."""

    id: str
    opened_at: datetime
    status: str = "open"
    channel: Channel | None = None
    member: str | None = None
    subject: str = ""
    topic: str | None = None
    complexity: Complexity | None = None
    urgency: Urgency | None = None
    team: str | None = None
    priority: int | None = None
    deadline: date | None = None
    assignee: str | None = None
    outcome: str | None = None
    closed_at: datetime | None = None
    items: tuple[str, ...] = ()
    events: tuple[CaseEvent, ...] = ()

    @classmethod
    def from_events(cls, case_id: str, events: list[CaseEvent]) -> "Case":
        """Fold an event history (any order) into the case's current state."""
        ordered = sorted(events, key=lambda e: (e.at, e.id))
        # items are processed out of order: an earlier letter may link to a case a later mail opened
        opened = next((e.at for e in ordered if e.kind == "opened"), ordered[0].at)
        state: dict[str, Any] = {"id": case_id, "opened_at": opened, "items": []}
        for event in ordered:
            _apply(state, event)
        state["items"] = tuple(dict.fromkeys(state["items"]))
        return cls(**state, events=tuple(ordered))


def _apply(state: dict[str, Any], event: CaseEvent) -> None:
    """Apply one event's ``data['set']`` to the folded state, and the items it brings in or takes out."""
    if event.envelope_id:
        state["items"].append(event.envelope_id)
    state["items"].extend(event.data.get("items_in", ()))
    gone = set(event.data.get("items_out", ()))  # moved to another case: still in this history, no longer an item
    state["items"][:] = [i for i in state["items"] if i not in gone]
    changes = event.data.get("set", {})
    for key, value in changes.items():
        if key in Case.model_fields and key not in {"id", "items", "events"}:
            if value is not None or key not in state or event.data.get("clear"):
                state[key] = value
