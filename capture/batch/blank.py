"""Blank pages: the share of the page inked, once scanner noise and borders are left out.

A duplex scan of one-sided letters gives a back side for every sheet: paper
grain, dust specks, a dark strip where the scanner saw past the sheet's
edge, and sometimes the front's text showing through, faintly. None of it is
ink in the sense that matters here. The page is looked at around 100 dpi
(grain averages away), ink is what is much darker than the paper
(``capture.ocr.deskew.ink_threshold``: Otsu's threshold, capped well under the
paper's grey, so show-through stays paper), a band of ``border_mm`` along
each edge is ignored, and a blot of ink smaller than ``MIN_BLOT_MM2`` (a dust
speck; a typed full stop is about 0.1 mm², but a letter is bigger) is
dropped (scipy's connected components). What is left, over the page's area,
is its coverage. A page at or under ``blank_coverage`` is blank; the
threshold sits between the dustiest generated duplex back and the emptiest
page of content (a page with only a signature, a stamp, or the signer's
name), both measured and printed by ``bench/batches.py``.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

MIN_BLOT_MM2 = 0.5  # a dust speck up to 0.8 mm across goes; a handwritten or typed letter stays
_EIGHT_WAYS = np.ones((3, 3), dtype=bool)


def clean_ink(ink: np.ndarray, border: int, dpi: float) -> np.ndarray:
    """The ink mask without the page's border band and without blots smaller than a dust speck."""
    kept = np.zeros_like(ink)
    if border * 2 >= min(ink.shape):
        return kept
    inner = (slice(border, -border or None),) * 2
    kept[inner] = ink[inner]
    labels, count = ndimage.label(kept, structure=_EIGHT_WAYS)
    if count == 0:
        return kept
    blots = labels[kept]  # only the inked pixels: a page is mostly paper
    big = np.bincount(blots, minlength=count + 1) >= MIN_BLOT_MM2 * (dpi / 25.4) ** 2
    kept[kept] = big[blots]
    return kept


def coverage(ink: np.ndarray) -> float:
    """Share of the pixels that are ink."""
    return float(np.count_nonzero(ink)) / ink.size if ink.size else 0.0
