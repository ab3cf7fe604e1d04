"""Hand-labelled evaluation sets (``classify/evalsets/<name>/*.jsonl``), loaded one split at a time.

These sets are written by other hands than the training generators and are
never trained on (see ``classify/evalsets/README.md``). ``load_items`` only
parses the lines of the split asked for, so working on ``dev`` never reads a
``test`` item. Each item becomes what the pipeline would see: an envelope
with the e-mail, form or call-note text as its body, or, for a letter, an
envelope without body and a capture holding the letter as one scanned page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from intake.errors import IntakeError
from intake.models import Capture, DocumentCapture, Envelope, PageCapture

SETS_DIR = Path(__file__).parent / "evalsets"
SPLITS = ("dev", "test")
RECEIVED = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class EvalSetError(IntakeError):
    """An evaluation set that does not exist or cannot be read."""


@dataclass(frozen=True)
class LabelledItem:
    """One hand-labelled item: what arrived and its gold labels."""

    id: str
    split: str
    channel: str
    style: str
    subject: str
    body: str
    topic: str
    complexity: str
    urgency: str

    @property
    def text(self) -> str:
        """Subject and body as the classifier reads them."""
        return f"{self.subject}\n{self.body}".strip()


def set_names() -> list[str]:
    """The evaluation sets kept in the repo."""
    return sorted(p.name for p in SETS_DIR.iterdir() if p.is_dir() and any(p.glob("*.jsonl")))


def load_items(name: str, split: str, root: Path = SETS_DIR) -> list[LabelledItem]:
    """The items of one split of set ``name``, in file order."""
    if split not in SPLITS:
        raise EvalSetError("unknown split", split=split, known=SPLITS)
    files = sorted((root / name).glob("*.jsonl"))
    if not files:
        raise EvalSetError("no such evaluation set", name=name, known=set_names())
    return [item for path in files for item in _read(path, split)]


def _read(path: Path, split: str) -> list[LabelledItem]:
    """The items of ``split`` in one file (other splits' lines are skipped unread)."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if f'"split": "{split}"' not in line:
            continue
        try:
            items.append(_item(json.loads(line)))
        except (ValueError, KeyError) as exc:
            raise EvalSetError("bad evaluation item", file=path.name, line=number, error=str(exc)) from exc
    return items


def _item(row: dict) -> LabelledItem:
    return LabelledItem(row["id"], row["split"], row["channel"], row.get("style", ""), row.get("subject", ""),
                        row["text"], row["topic"], row["complexity"], row["urgency"])


def arrival(item: LabelledItem, index: int = 0) -> tuple[Envelope, Capture]:
    """The envelope and capture the pipeline would classify for ``item``."""
    envelope_id = f"env-eval-{item.id or index}"
    if item.channel != "letter":
        envelope = Envelope(id=envelope_id, channel=item.channel, source="eval", source_id=item.id,
                            received_at=RECEIVED, subject=item.subject, body=item.body)
        return envelope, Capture(envelope_id=envelope_id)
    envelope = Envelope(id=envelope_id, channel="letter", source="eval", source_id=item.id, received_at=RECEIVED,
                        subject=item.subject)
    page = PageCapture(number=1, text=item.body, method="ocr", confidence=90.0)
    scan = DocumentCapture(name=f"{item.id}.pdf", sha256="0" * 64, mime="application/pdf", pages=(page,))
    return envelope, Capture(envelope_id=envelope_id, documents=(scan,), language="fr")
