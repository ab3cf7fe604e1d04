"""Where each word of an OCR'd page is, on the page as it was scanned.

Tesseract reads the page levelled (a vertical shear) and trimmed to its ink;
its word boxes are moved back onto the scanned page and kept as fractions of
the page's width and height, with the word's place in the page text
(``start``, ``end``), so the dashboard can draw a field's box on the page
image at any size. A page read turned (on its side, upside down) keeps no
boxes.
"""

from __future__ import annotations

from collections.abc import Iterable

from capture.ocr.deskew import unshear_row
from capture.ocr.words import Word

Box = tuple[int, int, float, float, float, float]  # start, end, left, top, right, bottom (fractions of the page)
SEARCH_AHEAD = 200  # characters: a word Tesseract reported but the text lost (a re-read address) is skipped


def page_boxes(words: Iterable[Word], text: str, crop: tuple[int, int, int, int], size: tuple[int, int],
               skew: float) -> tuple[Box, ...]:
    """The boxes of ``words`` found in order in ``text``, on the page of ``size`` before levelling and trimming."""
    boxes, cursor = [], 0
    for word in words:
        start = text.find(word.text, cursor, cursor + SEARCH_AHEAD + len(word.text))
        if start < 0:
            continue
        cursor = start + len(word.text)
        boxes.append((start, cursor, *_on_page(word.box, crop, size, skew)))
    return tuple(boxes)


def _on_page(box: tuple[int, int, int, int], crop: tuple[int, int, int, int], size: tuple[int, int],
             skew: float) -> tuple[float, float, float, float]:
    width, height = size
    left, right = box[0] + crop[0], box[2] + crop[0]
    middle = (left + right) / 2
    top = unshear_row(middle, box[1] + crop[1], width, skew)
    bottom = unshear_row(middle, box[3] + crop[1], width, skew)
    return (round(left / width, 4), round(max(0.0, top) / height, 4), round(right / width, 4),
            round(min(float(height), bottom) / height, 4))


def shifted(boxes: Iterable[Box], by: int) -> tuple[Box, ...]:
    """The boxes with their text offsets moved back by ``by`` characters (text stripped at its start)."""
    return tuple((s - by, e - by, *rest) for s, e, *rest in boxes if s >= by)
