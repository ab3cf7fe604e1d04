"""People's checks of the classifier's decisions, as labelled data.

Each ``confirmed`` or ``corrected`` decision of a case is one example: the
text of the item the case was decided from (subject and what capture read,
as the classifier reads it), the labels after the check, the labels read,
who checked and when. ``intake corrections export`` writes them as JSON
lines; ``intake train --corrections FILE`` learns from them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from intake.errors import NotFound
from intake.models import Case, CaseEvent
from storage.corrections import DECISIONS, LABELS
from storage.records import Records


def labelled_examples(records: Records, cases: Iterable[Case] | None = None) -> Iterator[dict[str, Any]]:
    """One example per checked decision, the last check of an item winning (cases: all by default)."""
    for case in cases if cases is not None else (records.case(c) for c in records.case_ids()):
        latest: dict[str, CaseEvent] = {}
        for event in case.events:
            if event.kind in DECISIONS and event.data.get("item"):
                latest[event.data["item"]] = event
        for event in latest.values():
            if (example := _example(records, case, event)) is not None:
                yield example


def _example(records: Records, case: Case, event: CaseEvent) -> dict[str, Any] | None:
    envelope_id = event.data["item"]
    try:
        envelope = records.envelope(envelope_id)
        capture = records.capture(envelope_id)
    except NotFound:
        return None
    labels = event.data.get("labels", {})
    return {"id": event.id, "case_id": case.id, "envelope_id": envelope_id, "channel": envelope.channel,
            "subject": envelope.subject, "text": capture.text.strip() or envelope.body.strip(),
            **{k: labels.get(k) for k in LABELS}, "read": event.data.get("read", {}), "kind": event.kind,
            "corrected": sorted(event.data.get("set", {})), "actor": event.actor, "at": event.at.isoformat(),
            "reason": event.data.get("reason", "")}


def write_jsonl(examples: Iterable[dict[str, Any]], out) -> int:
    """Write the examples as JSON lines to a text stream; how many."""
    count = 0
    for example in examples:
        out.write(json.dumps(example, ensure_ascii=False) + "\n")
        count += 1
    return count
