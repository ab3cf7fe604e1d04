"""Scanned letters dropped in a directory (scanner output): each file becomes
a ``letter`` envelope, then is moved to ``archive/YYYY-MM-DD/``.

A file is taken only once complete: either written as ``name.part`` and
renamed (``*.part`` and dotfiles are never read), or left with the same size
and mtime across two polls at least ``settle_seconds`` apart. A PDF without
its ``%%EOF``, a JPEG without its end marker or a PNG without ``IEND`` is
still being written: it waits (and is rejected as truncated if it never
ends). A symbolic link is never followed (it could point anywhere on the
machine): it is moved to ``rejected/`` as it is. A file is opened without
following links and its size checked before a byte is read, so one over the
limit is refused without being read. Refused files go to ``rejected/`` next
to a ``.reason.txt``; each file
is remembered by its SHA-256, so a file dropped twice is ingested once.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from pydantic import Field

from connectors.base import Connector, ConnectorContext
from connectors.checkpoints import Checkpoints, submit_once
from intake import ids
from intake.clock import received_time
from intake.drafts import Draft, FileDraft, batch_meta
from intake.errors import RetryableError
from intake.labels import mime
from intake.models import sha256_hex
from intake.ports import Gateway
from intake.settings import Section
from intake.sniff import sniff

log = logging.getLogger(__name__)

LETTER_TYPES = {"application/pdf", "image/tiff", "image/jpeg", "image/png"}
PARTIAL_SUFFIXES = (".part", ".tmp", ".crdownload")
TRUNCATED_AFTER = 10  # settle periods a file may look unfinished before it is rejected
TAIL = 2048


class HotFolderSettings(Section):
    """The hot folder's settings (``INTAKE_HOTFOLDER_*``)."""

    hotfolder_dir: Path | None = None
    hotfolder_poll_seconds: float = Field(2.0, gt=0)
    hotfolder_settle_seconds: float = Field(5.0, gt=0)
    hotfolder_batches: bool = False  # each file is a mailroom batch: a stack of letters cut apart at capture


class HotFolder(Connector):
    """One watched directory, polled (no inotify needed)."""

    kind = "hotfolder"
    Settings = HotFolderSettings

    def __init__(self, context: ConnectorContext, folder: Path, poll_seconds: float = 2.0,
                 settle_seconds: float = 5.0, clock: Callable[[], float] = time.monotonic,
                 batches: bool = False) -> None:
        self.gateway, self.folder, self.batches = context.gateway, folder, batches
        self.name = f"hotfolder:{folder}"
        self.archive, self.rejected = folder / "archive", folder / "rejected"
        self.poll_seconds, self.settle_seconds, self.clock = poll_seconds, settle_seconds, clock
        self.memory = Checkpoints(context.store, "hotfolder")
        self._watched: dict[Path, tuple[tuple[int, int], float]] = {}
        for directory in (folder, self.archive, self.rejected):
            directory.mkdir(parents=True, exist_ok=True)

    @classmethod
    def problem(cls, settings: HotFolderSettings, target: str = "") -> str | None:
        return None if settings.hotfolder_dir else "needs INTAKE_HOTFOLDER_DIR"

    @classmethod
    def configured(cls, context: ConnectorContext, settings: HotFolderSettings, target: str = "") -> list[Connector]:
        s = settings
        return [cls(context, Path(s.hotfolder_dir), s.hotfolder_poll_seconds, s.hotfolder_settle_seconds,
                    batches=s.hotfolder_batches)]

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.poll()
            except (RetryableError, OSError) as exc:  # broker, store or disk trouble: the files stay, try again
                log.warning("%s: %s", self.name, exc)
            stop.wait(self.poll_seconds)

    def poll(self) -> int:
        """Take every file that is complete now; return how many were submitted."""
        entries = list(self.folder.iterdir())
        for link in _links(entries):
            self._reject(link, None, "lien symbolique refusé : seuls les fichiers déposés dans le dossier sont pris")
        return sum(self._take(path) for path in self._settled(_candidates(entries)))

    def _settled(self, paths: Iterable[Path]) -> list[Path]:
        """Files whose size and mtime did not change for ``settle_seconds`` (seen on two polls at least)."""
        now, settled, watched = self.clock(), [], {}
        for path in paths:
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            shape = (stat.st_size, stat.st_mtime_ns)
            previous = self._watched.get(path)
            since = previous[1] if previous and previous[0] == shape else now
            watched[path] = (shape, since)
            if previous and previous[0] == shape and stat.st_size and now - since >= self.settle_seconds:
                settled.append(path)
        self._watched = watched
        return [p for p in settled if self._finished(p, now - watched[p][1])]

    def _finished(self, path: Path, quiet_for: float) -> bool:
        if _looks_complete(path):
            return True
        if quiet_for >= TRUNCATED_AFTER * self.settle_seconds:
            self._reject(path, read_within(path, self.gateway.max_item_bytes),
                         "fichier tronqué : sa marque de fin n'est jamais arrivée")
        return False

    def _take(self, path: Path) -> bool:
        """Submit one file, then archive it; return whether it was submitted now."""
        data = read_within(path, self.gateway.max_item_bytes)
        problem = refusal(data, self.gateway.max_item_bytes) if data is not None else too_big(path, self.gateway)
        if data is None or problem:
            self._reject(path, data, problem)
            return False
        envelope_id, fresh = submit_once(self.gateway, self.memory, f"sha256:{sha256_hex(data)}",
                                        letter_draft(path, data, self.batches))
        if not fresh:
            log.info("%s: %s was already taken as %s", self.name, path.name, envelope_id)
        _move(path, self.archive / date.today().isoformat(), sha256_hex(data))
        self._watched.pop(path, None)
        return fresh

    def _reject(self, path: Path, data: bytes | None, reason: str) -> None:
        """Move a refused file (never read whole when too big; a link is moved, not followed) and quarantine it."""
        digest = sha256_hex(data) if data is not None else sha256_hex(f"{path.name}\0{time.time_ns()}".encode())
        target = _move(path, self.rejected, digest)
        target.with_name(target.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")
        where = None if data is not None else str(target)
        self.gateway.refuse("hotfolder", ids.content_item(digest), reason, raw=data, file=path.name, sha256=digest,
                            path=where)
        self._watched.pop(path, None)
        log.warning("%s: rejected %s: %s", self.name, path.name, reason)


@dataclass
class BatchReport:
    """What a batch import did."""

    submitted: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


def batch_import(context: ConnectorContext, folder: Path, progress: bool = True,
                 batches: bool = False) -> BatchReport:
    """Submit every letter under ``folder`` (a backlog), with a progress bar; files are not moved.
    With ``batches``, each file is a mailroom batch (a stack of letters)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    files = sorted(_candidates(folder.rglob("*")))
    memory, report = Checkpoints(context.store, "hotfolder"), BatchReport()
    columns = (TextColumn("import"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, disable=not progress) as bar:
        for path in bar.track(files, description="import"):
            _import_one(context.gateway, memory, path, report, batches)
    return report


def _import_one(gateway: Gateway, memory: Checkpoints, path: Path, report: BatchReport, batches: bool) -> None:
    """Submit one file of a backlog, or quarantine it with the reason."""
    data = read_within(path, gateway.max_item_bytes)
    problem = refusal(data, gateway.max_item_bytes) if data is not None else too_big(path, gateway)
    if data is None or problem:
        digest = sha256_hex(data if data is not None else str(path).encode())
        gateway.refuse("import", ids.content_item(digest), problem, raw=data, file=path.name, path=str(path))
        report.refused.append((str(path), problem))
        return
    draft = letter_draft(path, data, batches)
    envelope_id, fresh = submit_once(gateway, memory, f"sha256:{sha256_hex(data)}", draft)
    (report.submitted if fresh else report.duplicates).append(envelope_id)


def letter_draft(path: Path, data: bytes, batch: bool = False) -> Draft:
    """A scanned letter, or a batch of letters (same id as ``intake ingest`` of the same bytes)."""
    received = received_time(datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc))
    return Draft(channel="letter", source=f"hotfolder:{path.name}", source_id=f"sha256:{sha256_hex(data)}",
                 received_at=received, files=[FileDraft(path.name, data, sniff(data))], meta=batch_meta(batch))


def refusal(data: bytes, max_bytes: int) -> str | None:
    """Why a file is not a letter intake takes, or None."""
    if len(data) > max_bytes:
        return f"fichier de {len(data)} octets, au-delà de la limite de {max_bytes} octets"
    if not data:
        return "fichier vide"
    kind = sniff(data)
    if kind not in LETTER_TYPES:
        return f"ce n'est pas un scan PDF, TIFF, JPEG ou PNG (type trouvé : {mime(kind)})"
    return None


def too_big(path: Path, gateway: Gateway) -> str:
    """The refusal of a file that was not read because of its size."""
    return f"fichier de {path.lstat().st_size} octets, au-delà de la limite de {gateway.max_item_bytes} octets"


def read_within(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file (a symbolic link is not followed), or None when it is over ``limit``:
    its size is checked on the open file before anything is read."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"not a regular file: {path.name}")
        if os.fstat(handle.fileno()).st_size > limit:
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def _links(paths: Iterable[Path]) -> list[Path]:
    """Symbolic links among the entries (never followed: a link may point anywhere on the machine)."""
    return [p for p in paths if p.is_symlink() and not p.name.startswith(".")]


def _candidates(paths: Iterable[Path]) -> list[Path]:
    """Regular files, not links, skipping dotfiles and files still being written under a temporary name."""
    return [p for p in paths if not p.is_symlink() and p.is_file() and not p.name.startswith(".")
            and not p.name.endswith(PARTIAL_SUFFIXES)]


def _looks_complete(path: Path) -> bool:
    """Whether the file ends like a finished PDF, JPEG or PNG (other types cannot tell)."""
    with path.open("rb") as handle:
        head = handle.read(1024)
        handle.seek(max(0, path.stat().st_size - TAIL))
        tail = handle.read().rstrip(b"\0\r\n\t ")
    if b"%PDF-" in head:
        return b"%%EOF" in tail
    if head.startswith(b"\xff\xd8\xff"):
        return tail.endswith(b"\xff\xd9")
    if head.startswith(b"\x89PNG"):
        return b"IEND" in tail[-12:]
    return True


def _move(path: Path, directory: Path, digest: str) -> Path:
    """Move ``path`` into ``directory`` without overwriting a different file of the same name."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / path.name
    if target.exists():
        target = directory / f"{path.stem}-{digest[:12]}{path.suffix}"
    shutil.move(str(path), target)
    return target
