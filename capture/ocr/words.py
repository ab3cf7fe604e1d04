"""The words of a Tesseract TSV report, with their confidence and box."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import NamedTuple


class Word(NamedTuple):
    """A word Tesseract read: its text, confidence in [0, 1] and box on the page."""

    text: str
    confidence: float
    box: tuple[int, int, int, int]  # left, top, right, bottom


def tsv_words(tsv: str) -> Iterator[Word]:
    """The words of a TSV report (``tesseract … tsv``), skipping layout rows and empty words."""
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if text and row.get("conf") not in (None, "", "-1"):
            left, top = int(row["left"]), int(row["top"])
            yield Word(text, float(row["conf"]) / 100, (left, top, left + int(row["width"]), top + int(row["height"])))


def mean_confidence(words: list[Word]) -> float | None:
    """Mean word confidence in [0, 1], or None when no word was read."""
    return round(sum(w.confidence for w in words) / len(words), 4) if words else None
