"""A note on a case: what a person did or learned, in the case's history."""

from __future__ import annotations

from intake.errors import PermanentError
from intake.models import Case
from storage.actions import person_event, write_once
from storage.records import Records

MAX_NOTE = 4000


class EmptyNote(PermanentError):
    """A note with no text."""


def add_note(records: Records, case_id: str, text: str, actor: str, op: str | None = None) -> Case:
    """Add a note to the case (once per ``op``) and return the case."""
    text = text.strip()
    if not text:
        raise EmptyNote("a note needs some text", case_id=case_id)
    records.case(case_id)  # NotFound for an unknown case
    write_once(records, person_event(case_id, actor, "note", text[:MAX_NOTE], {}, op))
    return records.write_snapshot(case_id)
