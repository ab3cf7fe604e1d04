"""E-mail addresses on a page read again alone, in English, where the page's French may bend them.

Read with ``fra+eng``, Tesseract tries the French model first, and its
language model pulls an address's letters towards French spellings: the
development set's letterheads gave ``@exambple.fr`` for ``@example.fr`` at a
word confidence of 89, above many correctly read addresses (45-92), so no
confidence threshold can pick the misreads out. An address is not French, so
each word holding an ``@`` is cut out of the page and read again alone with
the English model in this process (``capture/tessapi.py``, a few ms a word);
the reading with the higher confidence is kept, and only a reading that is
still one word with an ``@`` may replace the page's.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import NamedTuple

from PIL import Image, ImageOps

from capture.tessapi import read_line

ADDRESS_LANGUAGE = "eng"


class Word(NamedTuple):
    """A word of a Tesseract TSV: its text, confidence in [0, 1] and box on the page."""

    text: str
    confidence: float
    box: tuple[int, int, int, int]  # left, top, right, bottom


def address_words(tsv: str) -> Iterator[Word]:
    """The words of a Tesseract TSV that hold an ``@``."""
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if "@" in text and row.get("conf") not in (None, "", "-1"):
            left, top = int(row["left"]), int(row["top"])
            box = (left, top, left + int(row["width"]), top + int(row["height"]))
            yield Word(text, float(row["conf"]) / 100, box)


def crop(page: Image.Image, box: tuple[int, int, int, int]) -> Image.Image:
    """The word alone on a white margin of half its height; a margin cut from the page brings in neighbours."""
    margin = max(4, (box[3] - box[1]) // 2)
    return ImageOps.expand(page.crop(box), border=margin, fill=255)


def better_reading(page: Image.Image, word: Word, dpi: int) -> str | None:
    """The English reading of the word when it is one address and more confident, else None."""
    reading = read_line(crop(page, word.box), ADDRESS_LANGUAGE, dpi)
    if reading.text == word.text or reading.confidence <= word.confidence:
        return None
    return reading.text if re.fullmatch(r"\S+@\S+", reading.text) else None


def reread_addresses(page: Image.Image, tsv: str, text: str, dpi: int = 300) -> str:
    """The page's text with each address replaced by its better English reading, if any."""
    for word in address_words(tsv):
        better = better_reading(page, word, dpi)
        if better is not None:
            text = re.sub(rf"(?<!\S){re.escape(word.text)}(?!\S)", lambda _: better, text)
    return text
