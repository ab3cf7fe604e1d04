"""E-mail addresses on a page read again alone, in English, where the page's French may bend them.

Read with ``fra+eng``, Tesseract tries the French model first, and its
language model pulls an address's letters towards French spellings: the
development set's letterheads gave ``@exambple.fr`` for ``@example.fr`` (5 of
170 addresses on 240 generated pages) at word confidences of 48 to 89, among
correctly read addresses at 45 to 92, so no confidence threshold picks the
misreads out, and the English re-read's own confidence (86-90 on those five)
does not rank the two readings either. An address is not French, so each
word holding an ``@`` is cut out of the page and read again alone with the
English model, in the page's OCR engine (``capture/ocr/engine.py``, ~13 ms a
word). The English reading replaces the page's when, once punctuation caught
at the crop's edges is dropped, it is still one address close to the page's
(a small correction, not another text). Either reading may put a space after
an address's inner dot (``claire. vincent@…``): where the page read one word,
the English reading's space is dropped; where the page split the address
(``nicolas. faure@…``, the first part ending in a dot, a hyphen or an
underscore, right beside the second), both parts are read again together and
taken only if the English model reads them as one word.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from PIL import Image

from capture.ocr.engine import read_line
from capture.ocr.words import Word

ADDRESS_LANGUAGE = "eng"
EDGE = "-–—_|:;/\\'‘’\"“”`.,()[]<>«»"  # punctuation a crop catches at an address's ends
CLOSE = 0.8  # similarity of the two readings: a correction of a few characters in a 20-character address
INNER = "._-"  # an address's inner punctuation, after which OCR may see a space
_INNER_SPACE = re.compile(rf"(?<=[{re.escape(INNER)}])\s+(?=\w)")


def crop(page: Image.Image, box: tuple[int, int, int, int]) -> Image.Image:
    """The word's box and a quarter of its height around it: a tighter cut clips glyphs (a J's hook)."""
    left, top, right, bottom = box
    margin = max(4, (bottom - top) // 4)
    return page.crop((max(0, left - margin), max(0, top - margin),
                      min(page.width, right + margin), min(page.height, bottom + margin)))


def better_reading(page: Image.Image, word: Word, dpi: int, joined: bool = False) -> str | None:
    """The English reading of the word's address when it is one address close to the page's, else None.

    ``joined``: the word is two page words put together; the English reading must be one word as read,
    and one that is the two words without the space between them confirms that they are one address.
    """
    read = read_line(crop(page, word.box), ADDRESS_LANGUAGE, dpi).text
    words = [w.strip(EDGE) for w in (read if joined else _INNER_SPACE.sub("", read)).split()]
    words = [w for w in words if w]
    address = word.text.strip(EDGE)
    if len(words) != 1 or "@" not in words[0] or (words[0] == address and not joined):
        return None
    return words[0] if SequenceMatcher(None, address, words[0]).ratio() >= CLOSE else None


def split_address(before: Word, word: Word) -> Word | None:
    """The two page words as one, when the first looks like the start of the second's address beside it."""
    (left, top, right, bottom), (left2, top2, right2, bottom2) = before.box, word.box
    height = max(bottom, bottom2) - min(top, top2)
    beside = 0 <= left2 - right <= height // 2 and min(bottom, bottom2) > max(top, top2)  # same line
    if not (beside and before.text[-1:] in INNER and "@" not in before.text and before.text[:1].isalnum()):
        return None
    box = (left, min(top, top2), right2, max(bottom, bottom2))
    return Word(before.text + word.text, min(before.confidence, word.confidence), box)


def reread_addresses(page: Image.Image, words: list[Word], text: str, dpi: int = 300) -> str:
    """The page's text with each address replaced by its English reading where that is better."""
    for index, word in enumerate(words):
        if "@" not in word.text:
            continue
        pair = split_address(words[index - 1], word) if index else None
        better = better_reading(page, pair, dpi, joined=True) if pair else None
        if better is not None:
            text = _replace(text, rf"{re.escape(words[index - 1].text)}\s+{re.escape(word.text)}", pair.text, better)
        elif (better := better_reading(page, word, dpi)) is not None:
            text = _replace(text, re.escape(word.text), word.text, better)
    return text


def _replace(text: str, pattern: str, read: str, better: str) -> str:
    """``pattern`` where it stands as whole words, replaced by ``better`` in the page's punctuation."""
    token = read.replace(read.strip(EDGE), better)
    return re.sub(rf"(?<!\S){pattern}(?!\S)", lambda _: token, text)
