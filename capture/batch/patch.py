"""Kodak patch codes: separator sheets a scanner's feeder and intake both recognise.

A patch is four parallel bars, parallel to the sheet's leading (top) edge,
read from the top: two wide bars (0.20 in) and two narrow ones (0.08 in),
separated by three narrow spaces (0.08 in), 0.80 in in all; the bars are at
least 2 in long (2.5 in recommended). The order of wide (W) and narrow (N)
bars names the patch (Kodak A-61599 zone tables): patch 2 (also "II") is
W N N W and patch T (transfer) N W N W. A mailroom puts patch T or patch II
sheets between documents.

Every column of the page's ink mask is cut into vertical runs; four runs of
bar widths with narrow gaps between them, in the same column, spell a
patch. A patch is kept when the same code is read in columns that add up to
``min_length_in`` inches: a text line never holds bars that tall and that
evenly spaced over that length, and a slightly skewed sheet still reads,
column by column.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict

from capture.batch.models import Mark

WIDE_IN, NARROW_IN = 0.20, 0.08
COLUMN_STEP = 2  # every other column is enough to see bars two inches long, at half the cost
TOLERANCE_IN = 0.035  # Kodak allows 0.01 in; a scan's blur and threshold move each edge a little more
QUIET_IN = 0.10  # paper above the first bar and below the last
PATTERNS = {"1": "WWNN", "2": "WNNW", "3": "WNWN", "4": "NWWN", "6": "NNWW", "T": "NWNW"}
_BY_BITS = {sum(1 << (3 - i) for i, c in enumerate(code) if c == "W"): name for name, code in PATTERNS.items()}


class PatchSettings(BaseModel):
    """Which patches separate letters, and how long their bars must be."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    separators: frozenset[str] = frozenset({"T", "2"})
    min_length_in: float = 1.5


def patch_bars(name: str, dpi: float) -> list[tuple[float, float]]:
    """Top and bottom offsets (pixels from the patch's leading edge) of the four bars of a patch."""
    bars, top = [], 0.0
    for kind in PATTERNS[name]:
        height = (WIDE_IN if kind == "W" else NARROW_IN) * dpi
        bars.append((top, top + height))
        top += height + NARROW_IN * dpi
    return bars


def read_patches(ink: np.ndarray, dpi: float, settings: PatchSettings) -> tuple[Mark, ...]:
    """The patch codes on a page's ink mask (True is ink) at ``dpi``, each once."""
    columns, codes = _codes_by_column(np.ascontiguousarray(ink[:, ::COLUMN_STEP]), dpi)
    marks = []
    for bits in np.unique(codes):
        if len(np.unique(columns[codes == bits])) * COLUMN_STEP >= settings.min_length_in * dpi:
            name = _BY_BITS[int(bits)]
            marks.append(Mark(symbology="patch", value=name,
                              role="separator" if name in settings.separators else "other"))
    return tuple(marks)


def _codes_by_column(ink: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """For every four-bar pattern found in a column: the column and the pattern's bits (1 = wide)."""
    starts, ends, columns = _vertical_runs(ink)
    if len(starts) < 4:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    kinds = _bar_kind(ends - starts, dpi)  # 0 narrow, 1 wide, -1 neither
    gaps = np.append(starts[1:] - ends[:-1], 0)
    narrow_gap = (np.abs(gaps - NARROW_IN * dpi) <= TOLERANCE_IN * dpi) & (columns == np.append(columns[1:], -1))
    quiet_before = np.insert((gaps[:-1] >= QUIET_IN * dpi) | (columns[1:] != columns[:-1]), 0, True)
    n = len(starts) - 3
    ok = quiet_before[:n] & _quiet_after(starts, ends, columns, ink.shape[0], dpi)[3:]
    for k in range(4):
        ok &= kinds[k : k + n] >= 0
    for k in range(3):
        ok &= narrow_gap[k : k + n]
    bits = sum(kinds[k : k + n].clip(0) << (3 - k) for k in range(4))
    valid = ok & np.isin(bits, list(_BY_BITS))
    return columns[:n][valid], bits[valid]


def _quiet_after(starts: np.ndarray, ends: np.ndarray, columns: np.ndarray, height: int, dpi: float) -> np.ndarray:
    """Whether paper follows each run for at least the quiet zone (or the column ends)."""
    next_start = np.append(starts[1:], height)
    same = columns == np.append(columns[1:], -1)
    return ~same | (next_start - ends >= QUIET_IN * dpi)


def _bar_kind(heights: np.ndarray, dpi: float) -> np.ndarray:
    narrow = np.abs(heights - NARROW_IN * dpi) <= TOLERANCE_IN * dpi
    wide = np.abs(heights - WIDE_IN * dpi) <= TOLERANCE_IN * dpi
    return np.where(narrow, 0, np.where(wide, 1, -1)).astype(np.int64)


def _vertical_runs(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every vertical run of ink: its first row, the row after it, and its column, ordered by column then row."""
    steps = np.diff(ink.astype(np.int8), axis=0, prepend=0, append=0).T  # one row per column
    columns, rows = np.nonzero(steps)
    rising = steps[columns, rows] == 1
    return rows[rising], rows[~rising], columns[rising]
