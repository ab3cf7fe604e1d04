"""Files on disk (``intake ingest PATH...``) turned into drafts.

The kind of file is found from its bytes first, then from its suffix for the
text formats that bytes cannot tell apart (CSV vs. plain text, JSON lines).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from connectors.calllog import drafts_from_csv, drafts_from_jsonl
from connectors.email import parse_email
from connectors.webform import draft_from_json_bytes
from intake.drafts import Draft, FileDraft
from intake.errors import PermanentError
from intake.models import sha256_hex
from intake.sniff import sniff

Reader = Callable[[Path, bytes], Iterator[Draft]]


def _email(path: Path, data: bytes) -> Iterator[Draft]:
    yield parse_email(data, source=f"file:{path.name}", fallback_time=_mtime(path))


def _letter(path: Path, data: bytes) -> Iterator[Draft]:
    yield Draft(
        channel="letter", source=f"file:{path.name}", source_id=f"sha256:{sha256_hex(data)}",
        received_at=_mtime(path), files=[FileDraft(path.name, data)],
    )


def _webform(path: Path, data: bytes) -> Iterator[Draft]:
    yield draft_from_json_bytes(data, source=f"file:{path.name}")


def _calls_csv(path: Path, data: bytes) -> Iterator[Draft]:
    return drafts_from_csv(data, source=f"calllog:{path.name}")


def _calls_jsonl(path: Path, data: bytes) -> Iterator[Draft]:
    return drafts_from_jsonl(data, source=f"calllog:{path.name}")


BY_MIME: dict[str, Reader] = {
    "message/rfc822": _email, "application/pdf": _letter, "image/png": _letter, "image/jpeg": _letter,
    "image/tiff": _letter, "application/json": _webform, "text/csv": _calls_csv,
}
BY_SUFFIX: dict[str, Reader] = {
    ".eml": _email, ".json": _webform, ".csv": _calls_csv, ".jsonl": _calls_jsonl,
}


def reader_for(path: Path, data: bytes) -> Reader:
    """How to read one file: by its bytes, then by its suffix for text formats."""
    reader = BY_MIME.get(sniff(data)) or BY_SUFFIX.get(path.suffix.lower())
    if reader is None:
        raise PermanentError("unrecognised file for ingestion", file=path.name, type=sniff(data))
    return reader


def drafts_from_path(path: Path) -> Iterator[Draft]:
    """The drafts one file holds (a call log holds many)."""
    data = path.read_bytes()
    return reader_for(path, data)(path, data)


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
