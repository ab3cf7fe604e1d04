"""Telephony call-log exports (CSV or JSON lines): one phone draft per call.

Columns: call_id, start, duration_s, caller, member_number, agent,
reason_code, notes. The agent's notes are the item's text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime, timezone

from capture.extractors.text import decode
from connectors.base import Draft
from intake.errors import PermanentError
from intake.models import Party

REQUIRED = ("call_id", "start", "notes")


def draft_from_call(call: dict[str, str], source: str) -> Draft:
    """A phone draft from one call record."""
    missing = [k for k in REQUIRED if not str(call.get(k) or "").strip()]
    if missing:
        raise PermanentError("call record lacks required columns", missing=",".join(missing))
    notes = str(call["notes"]).strip()
    member = str(call.get("member_number") or "").strip()
    body = f"{notes}\n\nN° adhérent : {member}" if member and member not in notes else notes
    meta = {k: str(v) for k, v in call.items() if k not in {"notes"} and v not in (None, "")}
    return Draft(
        channel="phone", source=source, source_id=f"call:{call['call_id']}", received_at=_time(str(call["start"])),
        sender=Party(phone=str(call.get("caller") or "") or None), subject=f"Appel {call.get('reason_code') or ''}".strip(),
        body=body, meta=meta,
    )


def drafts_from_csv(data: bytes, source: str) -> Iterator[Draft]:
    """One draft per row of a CSV export."""
    reader = csv.DictReader(io.StringIO(decode(data)))
    for row in reader:
        yield draft_from_call({k.strip(): (v or "").strip() for k, v in row.items() if k}, source)


def drafts_from_jsonl(data: bytes, source: str) -> Iterator[Draft]:
    """One draft per line of a JSON-lines export."""
    for number, line in enumerate(decode(data).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield draft_from_call(json.loads(line), source)
        except json.JSONDecodeError as exc:
            raise PermanentError("bad JSON line in call log", line=number, error=str(exc)) from exc


def _time(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise PermanentError("call start time is not ISO 8601", value=value) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
