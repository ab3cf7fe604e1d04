"""Ingesting files from disk: each item becomes an envelope or a quarantine entry
with a French reason, one by one; nothing is dropped silently, and one bad file
(or call-log row) never stops or loses the ones after it.

A bad file is quarantined once: its entry is named by its content hash, so
ingesting the same bad file again adds no second entry (the report says it is
already there). A file over the size limit is refused from its size alone,
before it is read, and its entry tells where it lies. A broker or store that
fails stops the run (RetryableError): the files not yet queued are still on
disk, and the report says how far it got.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import track

from connectors.files import Item, items_from_path
from intake import ids
from intake.drafts import Draft
from intake.errors import PermanentError, RetryableError
from intake.models import Envelope, sha256_hex
from runtime.app import App

log = logging.getLogger(__name__)
STAGE = "ingest"
MIB = 1024 * 1024


@dataclass
class IngestReport:
    """What an ingest run did: items queued, items quarantined now, items already in quarantine."""

    envelopes: list[Envelope] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (file or row name, reason)
    already: list[tuple[str, str]] = field(default_factory=list)  # refused before: no second entry
    stopped: str | None = None  # why the run stopped early (a service down), None when it went through

    @property
    def refused(self) -> bool:
        """Whether anything of the run is in quarantine (new or not)."""
        return bool(self.quarantined or self.already)


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and the files inside named directories."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    return files


def ingest_paths(app: App, paths: Iterable[Path], progress: bool = False) -> IngestReport:
    """Submit every file under ``paths`` (with a progress bar if asked), item by item."""
    report = IngestReport()
    for path in track(expand(paths), description="ingest", disable=not progress, transient=True):
        try:
            _ingest_file(app, path, report)
        except RetryableError as exc:
            report.stopped = f"{path.name} : {exc.message}"
            break
    return report


def _ingest_file(app: App, path: Path, report: IngestReport) -> None:
    """One file's items queued or quarantined; an unexpected failure quarantines the file, never the run."""
    data = _read_within_limit(app, path, report)
    if data is None:
        return
    try:
        for item in items_from_path(path, data):
            _take(app, item, report)
    except PermanentError as exc:
        _refuse(app, report, path.name, exc.message, data)
    except RetryableError:
        raise
    except Exception as exc:  # a parser bug must not lose the files after this one
        log.exception("unexpected error while reading a file for ingestion")
        _refuse(app, report, path.name, f"erreur inattendue en lisant ce fichier ({type(exc).__name__})", data)


def _take(app: App, item: Item, report: IngestReport) -> None:
    if isinstance(item, Draft):
        report.envelopes.append(app.submit(item))
    else:
        _refuse(app, report, item.name, item.reason, item.raw)


def _read_within_limit(app: App, path: Path, report: IngestReport) -> bytes | None:
    """The file's bytes, or None when it was refused from its size (or could not be read)."""
    try:
        size, limit = path.stat().st_size, app.settings.max_item_bytes
        if size <= limit:
            return path.read_bytes()
    except OSError as exc:
        _refuse_unread(app, report, path, f"fichier illisible ({exc.strerror or type(exc).__name__})")
        return None
    _refuse_unread(app, report, path, f"fichier de {size / MIB:.1f} Mio, au-delà de la limite de "
                                      f"{limit / MIB:.1f} Mio")
    return None


def _refuse(app: App, report: IngestReport, name: str, reason: str, raw: bytes) -> None:
    """Quarantine one item's bytes, once per distinct content."""
    digest = sha256_hex(raw)
    _quarantine_once(app, report, ids.content_item(digest), name, reason, raw=raw, file=name, sha256=digest)


def _refuse_unread(app: App, report: IngestReport, path: Path, reason: str) -> None:
    """Quarantine a file that was not read (too big, unreadable): where it lies, once per path and version."""
    where = str(path.resolve())
    try:
        version = f"{path.stat().st_size}:{path.stat().st_mtime_ns}"
    except OSError:
        version = ""
    subject = ids.content_item(sha256_hex(f"{where}\0{version}".encode()))
    _quarantine_once(app, report, subject, path.name, reason, file=path.name, path=where)


def _quarantine_once(app: App, report: IngestReport, subject: str, name: str, reason: str, **details) -> None:
    existing = app.records.quarantine_entries(ids.quarantine_item(STAGE, subject))
    if existing:
        report.already.append((name, existing[-1]["reason"]))
        return
    entry = app.refuse(STAGE, subject, reason, **details)
    report.quarantined.append((name, reason))
    log.info("quarantined at ingest as %s: %s", entry, reason)
