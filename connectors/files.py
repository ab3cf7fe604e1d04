"""Files (``intake ingest PATH...``, or the bytes of a quarantined item) turned into drafts.

The kind of file is found from its bytes (PDF, images, e-mail), and for text
formats that bytes cannot tell apart (CSV vs. plain text, a form vs. a one-line
call log) from its name's suffix first (``.call.json``: one call of the live
feed, as its connector quarantines it).
A file yields its items one by one: a draft, or a :class:`Refused` item (a bad
row of a call log) that is quarantined alone while its neighbours go on. A
file that cannot be read at all raises PermanentError with a French sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from connectors.calllog import call_draft, drafts_from_csv, drafts_from_jsonl
from connectors.email import parse_email
from connectors.webform import draft_from_json_bytes
from intake.clock import received_time
from intake.drafts import Draft, FileDraft, Refused
from intake.errors import PermanentError
from intake.models import sha256_hex
from intake.sniff import EMPTY, sniff

Item = Draft | Refused
Reader = Callable[[str, bytes, datetime | None], Iterator[Item]]


def _email(name: str, data: bytes, stamp: datetime | None) -> Iterator[Item]:
    yield parse_email(data, source=f"file:{name}", stamp=stamp)


def _letter(name: str, data: bytes, stamp: datetime | None) -> Iterator[Item]:
    yield Draft(channel="letter", source=f"file:{name}", source_id=f"sha256:{sha256_hex(data)}",
                received_at=received_time(stamp), files=[FileDraft(name, data)])


def _webform(name: str, data: bytes, stamp: datetime | None) -> Iterator[Item]:
    yield draft_from_json_bytes(data, source=f"file:{name}")


def _calls_csv(name: str, data: bytes, stamp: datetime | None) -> Iterator[Item]:
    return drafts_from_csv(data, source=f"calllog:{name}", name=name)


def _calls_jsonl(name: str, data: bytes, stamp: datetime | None) -> Iterator[Item]:
    return drafts_from_jsonl(data, source=f"calllog:{name}", name=name)


BY_MIME: dict[str, Reader] = {
    "message/rfc822": _email, "application/pdf": _letter, "image/png": _letter, "image/jpeg": _letter,
    "image/tiff": _letter, "application/json": _webform, "text/csv": _calls_csv,
}
def _call(name: str, data: bytes, stamp: datetime | None) -> Iterator[Item]:
    yield call_draft(data, source=f"calllog:{name}")


BY_SUFFIX: dict[str, Reader] = {
    ".call.json": _call, ".eml": _email, ".json": _webform, ".csv": _calls_csv, ".jsonl": _calls_jsonl,
}
TEXTUAL = {"application/json", "application/x-ndjson", "text/plain", "text/csv"}  # the name tells these apart


def reader_for(name: str, data: bytes) -> Reader:
    """How to read one file: by its bytes, then by its name's suffix for text formats."""
    kind = sniff(data)
    if kind == EMPTY:
        raise PermanentError("le fichier est vide")
    by_name = next((r for suffix, r in BY_SUFFIX.items() if name.lower().endswith(suffix)), None)
    reader = (by_name if kind in TEXTUAL else None) or BY_MIME.get(kind) or by_name
    if reader is None:
        raise PermanentError(f"type de fichier non reconnu pour l'import ({kind})", type=kind)
    return reader


def items_from_bytes(name: str, data: bytes, stamp: datetime | None = None) -> Iterator[Item]:
    """The items a file of this name and content holds; ``stamp``: when our server got it."""
    return reader_for(name, data)(name, data, stamp)


def items_from_path(path: Path, data: bytes) -> Iterator[Item]:
    """The items of a file read from disk (its bytes given: the caller bounded the read)."""
    return items_from_bytes(path.name, data, _mtime(path))


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
