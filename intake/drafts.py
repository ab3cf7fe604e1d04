"""An item as a channel read it, before its bytes are stored: what a connector hands to intake."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from intake.models import Channel, Party, sha256_hex

MAX_FILENAME = 120
BATCH = "batch"  # meta key of an item that is a mailroom batch (a stack of letters in one scan): "1"


def batch_meta(batches: bool) -> dict[str, str]:
    """The ``meta`` a source puts on its files when its setting says they are batches."""
    return {BATCH: "1"} if batches else {}


@dataclass
class FileDraft:
    """An attached or scanned file, before it is stored."""

    filename: str
    data: bytes
    declared_type: str = "application/octet-stream"


@dataclass
class Draft:
    """An item as a connector read it, before its bytes are stored."""

    channel: Channel
    source: str
    source_id: str
    received_at: datetime
    sender: Party = field(default_factory=Party)
    subject: str = ""
    body: str = ""
    raw: bytes | None = None
    files: list[FileDraft] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)

    def content_hash(self) -> str:
        """A hash of everything the item carries, for its deterministic id."""
        if self.raw is not None:
            return sha256_hex(self.raw)
        parts = [self.subject, self.body, *(sha256_hex(f.data) for f in self.files)]
        return sha256_hex("\0".join(parts).encode())


@dataclass(frozen=True)
class Refused:
    """One item of a source that cannot be taken: why (a French sentence), its bytes, and a
    file name that tells a retry how to read them again (a call-log row: ``calls-ligne-3.csv``)."""

    reason: str
    raw: bytes
    name: str


def safe_filename(name: str) -> str:
    """A file name with no directories, control characters or odd Unicode tricks."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = name.strip().lstrip(".") or "unnamed"
    return name[:MAX_FILENAME]
