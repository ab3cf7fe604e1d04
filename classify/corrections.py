"""People's corrections as training examples (the JSON lines of ``intake corrections export``).

A checked decision is a real request labelled by the person who handles
such requests: it counts ``weight`` times in training (repeated), above one
generated example. ``intake train --corrections FILE`` adds them through
``classify.train.train(extra=...)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from classify.corpus import Sample
from classify.model import HEADS

WEIGHT = 5  # one person's label counts as five generated examples


def from_examples(rows: Iterable[dict], weight: int = WEIGHT) -> list[Sample]:
    """Training samples from exported rows with a full label set, each repeated ``weight`` times."""
    samples = [_sample(row) for row in rows if all(row.get(head) in HEADS[head] for head in HEADS)]
    return [s for s in samples for _ in range(max(1, weight))]


def read_corrections(path: Path, weight: int = WEIGHT) -> list[Sample]:
    """The samples of a JSON lines file written by ``intake corrections export``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return from_examples((json.loads(line) for line in lines if line.strip()), weight)


def _sample(row: dict) -> Sample:
    return Sample(subject=row.get("subject", ""), body=row.get("text", ""), channel=row.get("channel", "email"),
                  topic=row["topic"], complexity=row["complexity"], urgency=row["urgency"], intent="correction")
