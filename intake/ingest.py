"""Ingesting files from disk: each becomes one or more envelopes, or a
quarantine entry with the reason; nothing is dropped silently.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from connectors.files import drafts_from_path
from intake.app import App
from intake.errors import PermanentError
from intake.models import Envelope

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


def ingest_paths(app: App, paths: Iterable[Path]) -> IngestReport:
    """Submit every file under ``paths``."""
    report = IngestReport()
    for path in expand(paths):
        try:
            report.envelopes.extend(app.submit(draft) for draft in drafts_from_path(path))
        except PermanentError as exc:
            _quarantine_file(app, path, str(exc))
            report.quarantined.append((path.name, str(exc)))
    return report


def _quarantine_file(app: App, path: Path, reason: str) -> None:
    ref = app.store.put_blob(path.read_bytes())
    app.records.quarantine(f"ingest-{ref.sha256[:24]}", "ingest", reason, {"file": path.name, "raw": ref.key})
    log.warning("quarantined %s at ingest: %s", ref.sha256[:12], reason)
