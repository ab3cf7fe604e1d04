"""E-mail addresses on a page read again alone, in English, where the page's French may bend them.

Read with ``fra+eng``, Tesseract tries the French model first, and its
language model pulls an address's letters towards French spellings: the
development set's letterheads gave ``@exambple.fr`` for ``@example.fr`` (5 of
170 addresses on 240 generated pages) at word confidences of 48 to 89, among
correctly read addresses at 45 to 92, so no confidence threshold picks the
misreads out, and the English re-read's own confidence (86-90 on those five)
does not rank the two readings either. An address is not French, so each
word holding an ``@`` is cut out of the page and read again alone with the
English model, in the page's OCR engine (``capture/engine.py``, ~13 ms a word). The
English reading replaces the page's when, once punctuation caught at the
crop's edges is dropped, it is still one word with an ``@`` and close to the
page's (a small correction, not another text): on those 240 pages it put
the five right and changed nothing else; a reading that splits the address
in two (``claire. vincent@…``, six times) is not taken.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from PIL import Image

from capture.engine import read_line
from capture.words import Word

ADDRESS_LANGUAGE = "eng"
EDGE = "-–—_|:;/\\'‘’\"“”`.,()[]<>«»"  # punctuation a crop catches at an address's ends
CLOSE = 0.8  # similarity of the two readings: a correction of a few characters in a 20-character address


def crop(page: Image.Image, box: tuple[int, int, int, int]) -> Image.Image:
    """The word's box and a quarter of its height around it: a tighter cut clips glyphs (a J's hook)."""
    left, top, right, bottom = box
    margin = max(4, (bottom - top) // 4)
    return page.crop((max(0, left - margin), max(0, top - margin),
                      min(page.width, right + margin), min(page.height, bottom + margin)))


def better_reading(page: Image.Image, word: Word, dpi: int) -> str | None:
    """The English reading of the word's address when it is one address close to the page's, else None."""
    words = [w.strip(EDGE) for w in read_line(crop(page, word.box), ADDRESS_LANGUAGE, dpi).text.split()]
    words = [w for w in words if w]
    address = word.text.strip(EDGE)
    if len(words) != 1 or "@" not in words[0] or words[0] == address:
        return None
    return words[0] if SequenceMatcher(None, address, words[0]).ratio() >= CLOSE else None


def reread_addresses(page: Image.Image, words: list[Word], text: str, dpi: int = 300) -> str:
    """The page's text with each address replaced by its English reading where that is better."""
    for word in (w for w in words if "@" in w.text):
        better = better_reading(page, word, dpi)
        if better is not None:
            token = word.text.replace(word.text.strip(EDGE), better)  # the page's punctuation stays
            text = re.sub(rf"(?<!\S){re.escape(word.text)}(?!\S)", lambda _: token, text)
    return text
