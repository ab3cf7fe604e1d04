"""Where the ink lies on a page: text lines, short lines at the top, ink in the stamp corner.

A letter's first page opens with blocks of short lines (the sender's
address, the recipient's, the date on the right); a page that continues a
letter is full-width paragraphs from the top. An envelope is wider than
tall and has its stamp in the top-right corner. All of it comes from the
cleaned ink mask the blank check makes anyway, around 100 dpi.
"""

from __future__ import annotations

import numpy as np

from capture.batch.models import Layout

TOP_SHARE = 0.4  # the part of the page where a letter's address blocks and date are
SHORT_LINE = 0.45  # a line narrower than this share of the page is short
STAMP_CORNER = (0.35, 0.25)  # height and width shares of the top-right corner


def layout_of(ink: np.ndarray) -> Layout:
    """Lines, short lines at the top and ink in the stamp corner of a cleaned ink mask."""
    height, width = ink.shape
    lines = _lines(ink)
    top = [(row, extent) for row, extent in lines if row < TOP_SHARE * height]
    short = sum(1 for _, extent in top if extent < SHORT_LINE * width)
    corner = ink[: int(STAMP_CORNER[0] * height), width - int(STAMP_CORNER[1] * width) :]
    return Layout(lines=len(lines), short_top_share=round(short / len(top), 4) if top else 0.0,
                  stamp_ink=round(float(corner.mean()) if corner.size else 0.0, 5),
                  aspect=round(width / height, 3) if height else 0.0)


def _lines(ink: np.ndarray) -> list[tuple[int, int]]:
    """Each text line's first row and width (first to last inked column)."""
    rows = np.flatnonzero(ink.any(axis=1))
    if len(rows) == 0:
        return []
    breaks = np.flatnonzero(np.diff(rows) > 1)
    firsts, lasts = np.insert(rows[breaks + 1], 0, rows[0]), np.append(rows[breaks], rows[-1])
    lines = []
    for first, last in zip(firsts, lasts):
        columns = np.flatnonzero(ink[first : last + 1].any(axis=0))
        lines.append((int(first), int(columns[-1] - columns[0] + 1)))
    return lines
