"""Handwritten or unreadable pages: Tesseract's word confidences and the share of French words.

Typed letters read at a mean word confidence of 0.9 and more, nearly every
word a French word; Tesseract reads handwriting as confident-looking
nonsense at 0.3-0.5, most "words" in no dictionary. The French words are
pyspellchecker's French word list (about 140,000 forms from subtitles, the
list is maintained with the package), loaded once per process. A page with
little ink (a signature, a stamp) is near-empty, not unreadable.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from capture.batch.models import PageReading

WORD = re.compile(r"[^\W\d_]{3,}")
MIN_WORDS = 5  # fewer words off a page full of ink: nothing was read


class Readability(NamedTuple):
    """Whether a page could not be read, and the measures behind it."""

    unreadable: bool
    confidence: float  # Tesseract's mean word confidence, 0 when no word was read
    known_share: float  # share of the page's words that are French words
    reason: str | None = None  # French, for the reviewer


@functools.lru_cache(maxsize=1)
def french_words() -> frozenset[str]:
    """pyspellchecker's French word list, lower case."""
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(language="fr", distance=1).word_frequency.dictionary)


def known_share(text: str) -> float:
    """Share of the words of ``text`` (letters only, three or more) found in the French word list."""
    words = [w.lower() for w in WORD.findall(text)]
    if not words:
        return 0.0
    known = french_words()
    return sum(1 for w in words if w in known) / len(words)


def readability(reading: PageReading, coverage: float, text_coverage: float, min_confidence: float,
                min_known_share: float) -> Readability:
    """Whether a page with ``coverage`` ink was read too poorly to be used (handwriting, a bad scan)."""
    confidence, share = reading.confidence or 0.0, known_share(reading.text)
    if coverage < text_coverage:
        return Readability(False, confidence, share)
    if reading.words < MIN_WORDS:
        return Readability(True, confidence, share, "page pleine d'encre mais presque aucun mot lu")
    if confidence < min_confidence or share < min_known_share:
        return Readability(True, confidence, share, f"page manuscrite ou illisible (confiance OCR {confidence:.2f}, "
                                                    f"{share:.0%} de mots français)")
    return Readability(False, confidence, share)
