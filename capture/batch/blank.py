"""Blank pages: the share of the page inked, once scanner noise and borders are left out.

A duplex scan of one-sided letters gives a back side for every sheet: paper
grain, dust specks, a dark strip where the scanner saw past the sheet's
edge, and sometimes the front's text showing through, faintly. None of it is
ink in the sense that matters here. The page is looked at around 100 dpi
(a speck a few pixels wide averages away), ink is what is much darker than
the paper (``capture.deskew.ink_threshold``: Otsu's threshold, capped well
under the paper's grey, so show-through stays paper), a band of ``border_mm``
along each edge is ignored, and an ink pixel with fewer than
``MIN_NEIGHBOURS`` inked neighbours is a speck. What is left, over the page's
area, is its coverage. A page at or under ``blank_coverage`` is blank; the
threshold sits between the noisiest generated duplex back and the emptiest
page that holds only a signature or a stamp (``bench/batches.py`` measures
both on its seeds and prints them).
"""

from __future__ import annotations

import numpy as np

MIN_NEIGHBOURS = 3  # inked pixels among the 8 around an ink pixel below which it is a speck


def clean_ink(ink: np.ndarray, border: int) -> np.ndarray:
    """The ink mask without the page's border band and without lone specks."""
    kept = np.zeros_like(ink)
    if border * 2 >= min(ink.shape):
        return kept
    inner = ink[border:-border or None, border:-border or None]
    kept[border:-border or None, border:-border or None] = inner & (_neighbours(inner) >= MIN_NEIGHBOURS)
    return kept


def coverage(ink: np.ndarray) -> float:
    """Share of the pixels that are ink."""
    return float(np.count_nonzero(ink)) / ink.size if ink.size else 0.0


def _neighbours(ink: np.ndarray) -> np.ndarray:
    """For each pixel, how many of its eight neighbours are ink."""
    padded = np.pad(ink, 1).astype(np.uint8)
    height, width = ink.shape
    total = np.zeros((height, width), np.uint8)
    for dy in range(3):
        for dx in range(3):
            if dy != 1 or dx != 1:
                total += padded[dy : dy + height, dx : dx + width]
    return total
