"""Ingesting files from disk: each becomes one or more envelopes, or a
quarantine entry with the reason; nothing is dropped silently.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import track

from connectors.files import drafts_from_path
from intake import telemetry
from intake.errors import PermanentError
from intake.models import Envelope
from runtime.app import App

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What an ingest run did."""

    envelopes: list[Envelope] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and the files inside named directories."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    return files


def ingest_paths(app: App, paths: Iterable[Path], progress: bool = False) -> IngestReport:
    """Submit every file under ``paths`` (with a progress bar if asked)."""
    report = IngestReport()
    for path in track(expand(paths), description="ingest", disable=not progress, transient=True):
        try:
            _check_size(path, app.settings.max_item_bytes)
            report.envelopes.extend(app.submit(draft) for draft in drafts_from_path(path))
        except PermanentError as exc:
            _quarantine_file(app, path, str(exc))
            report.quarantined.append((path.name, str(exc)))
    return report


def _check_size(path: Path, limit: int) -> None:
    """Refuse a file over the size limit before reading it into memory."""
    size = path.stat().st_size
    if size > limit:
        raise PermanentError("file over the size limit", size=size, limit=limit)


def _quarantine_file(app: App, path: Path, reason: str) -> None:
    """Keep a refused file (or, if it is too big to copy, where it lies) with the reason."""
    payload: dict[str, str] = {"file": path.name}
    if path.stat().st_size <= app.settings.max_item_bytes:
        payload["raw"] = app.store.put_blob(path.read_bytes()).key
    else:
        payload["path"] = str(path.resolve())
    entry = app.records.quarantine(f"ingest-{path.name}", "ingest", reason, payload)
    telemetry.quarantined("ingest", reason)
    log.warning("quarantined a file at ingest (%s): %s", entry, reason)
