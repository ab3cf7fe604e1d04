"""Page geometry before OCR: skew by projection profile, levelling, quarter turns.

Skew is measured on a small binarised copy: for each candidate angle the ink
pixels are sheared onto rows, and the row histogram is most peaked when text
lines are horizontal. Shearing point coordinates (``np.bincount``) instead of
rotating the image keeps the whole search to a few milliseconds. Orientation
comes from Tesseract's OSD (run by capture.ocr.pages); this module reads its report.
"""

from __future__ import annotations

import re

import numpy as np
from PIL import Image

MAX_SKEW = 5.0  # degrees searched either side of horizontal
COARSE_STEP, FINE_STEP = 0.5, 0.05
MIN_CORRECTION = 1.0  # degrees: below this Tesseract's own line finding copes, and resampling only blurs
SAMPLE_WIDTH = 900  # pixels at most: enough for 0.05-degree resolution over a page width
MIN_INK = 200  # ink pixels in the sample below which there is nothing to measure
MIN_OSD_CONFIDENCE = 2.0  # Tesseract's orientation confidence; below it the guess is noise
TRIM_MARGIN = 40  # pixels of paper kept around the text: Tesseract reads worse with ink at the edge
PAPER_TO_INK = 0.7  # ink is at most 70% as bright as the paper (a lone speck, averaged down, is not)


def gray(image: Image.Image) -> Image.Image:
    """8-bit grayscale without alpha or palette (two-tone kept): what the measures and Tesseract read."""
    if image.mode in {"L", "1"}:
        return image
    if image.mode.startswith("I;16"):  # 16-bit scans: Pillow's convert("L") would clip them to white
        return Image.fromarray((np.asarray(image) >> 8).astype(np.uint8))
    return image.convert("L")


def estimate_skew(image: Image.Image) -> float:
    """Counter-clockwise angle in degrees (within ±5) that makes the text lines horizontal."""
    ys, xs = _ink(image)
    if len(ys) < MIN_INK:
        return 0.0
    coarse = _best(ys, xs, np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, COARSE_STEP))
    fine = _best(ys, xs, np.arange(coarse - COARSE_STEP, coarse + COARSE_STEP + 1e-9, FINE_STEP))
    return round(float(np.clip(fine, -MAX_SKEW, MAX_SKEW)), 2)


def has_ink(image: Image.Image) -> bool:
    """Whether the page has enough dark pixels to hold any text."""
    return len(_ink(image)[0]) >= MIN_INK


def _ink(image: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """Row and column (centred) of every dark pixel of a downscaled copy."""
    factor = -(-image.width // SAMPLE_WIDTH)  # ceiling: averaging at least 2x2 fades lone specks
    pixels = np.asarray((image if image.mode == "L" else image.convert("L")).reduce(factor), dtype=np.uint8)
    ys, xs = np.nonzero(pixels <= ink_threshold(pixels))
    return ys.astype(np.float32), xs.astype(np.float32) - pixels.shape[1] / 2


def _best(ys: np.ndarray, xs: np.ndarray, angles: np.ndarray) -> float:
    """The angle whose row projection is the most peaked (sum of squared row counts)."""
    scores = [_peakedness(ys, xs, angle) for angle in angles]
    return float(angles[int(np.argmax(scores))])


def _peakedness(ys: np.ndarray, xs: np.ndarray, angle: float) -> float:
    # rotating the page by +angle (counter-clockwise, y down) moves a pixel to row y - x*tan(angle)
    rows = np.rint(ys - xs * np.tan(np.radians(angle))).astype(np.int64)
    counts = np.bincount(rows - rows.min()).astype(np.float64)
    return float(np.dot(counts, counts))


def ink_threshold(pixels: np.ndarray) -> int:
    """Grey level at or below which a pixel is ink: Otsu's threshold, but well under the paper's level.

    On a blank page Otsu would split the paper's own grain in two; the cap keeps it ink-free.
    """
    hist = grey_histogram(pixels)
    paper = int(np.searchsorted(np.cumsum(hist), hist.sum() / 2))  # the median grey is the paper
    return min(otsu_threshold(hist), int(paper * PAPER_TO_INK))


def grey_histogram(pixels: np.ndarray) -> np.ndarray:
    """The 256-bin histogram of 8-bit grey pixels (Pillow's counts: ~10x faster than np.bincount, which widens
    every pixel to 64 bits first)."""
    if pixels.dtype == np.uint8 and pixels.ndim == 2:
        return np.array(Image.fromarray(pixels).histogram(), dtype=np.float64)
    return np.bincount(pixels.ravel(), minlength=256).astype(np.float64)


def otsu_threshold(hist: np.ndarray) -> int:
    """Otsu's global threshold from a 256-bin grey histogram (Tesseract's own default)."""
    weight = np.cumsum(hist) / hist.sum()
    mean = np.cumsum(hist * np.arange(256)) / hist.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight - mean) ** 2 / (weight * (1 - weight))
    return int(np.nanargmax(between)) if np.isfinite(between).any() else 128


def straighten(image: Image.Image, angle: float) -> Image.Image:
    """The page with its lines levelled by ``angle`` (from estimate_skew); as is when nearly level."""
    if abs(angle) < MIN_CORRECTION:
        return image
    pixels = np.asarray(image if image.mode == "L" else image.convert("L"))
    return Image.fromarray(_shear_columns(pixels, float(np.tan(np.radians(angle)))))


# A vertical shear rather than a rotation: it levels the lines exactly and leaves the glyphs
# slanted by under 5 degrees, which Tesseract reads like italics. With linear interpolation
# between rows it reads as well as a bicubic rotation (better than nearest neighbour, whose
# jagged strokes cost characters) for a quarter of the time.
def _shear_columns(pixels: np.ndarray, slope: float) -> np.ndarray:
    """Each column moved up by ``(x - centre) * slope`` rows, interpolated between rows."""
    offsets = (np.arange(pixels.shape[1]) - pixels.shape[1] / 2) * slope
    whole = np.floor(offsets).astype(np.int64)
    weight = np.rint((offsets - whole) * 256).astype(np.uint16)
    return _shift_columns(_between_rows(pixels, weight), whole)


def _between_rows(pixels: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Each column sampled ``weight``/256 of a row lower (white below the last row)."""
    mixed = np.multiply(pixels, 256 - weight, dtype=np.uint16)  # in place from here: pages are big
    mixed[:-1] += np.multiply(pixels[1:], weight, dtype=np.uint16)
    mixed[-1] += np.uint16(255) * weight
    mixed += 128
    mixed >>= 8
    return mixed.astype(np.uint8)


def _shift_columns(pixels: np.ndarray, shifts: np.ndarray) -> np.ndarray:
    """Column x moved up by ``shifts[x]`` rows on a taller white page (copied in runs of equal shift)."""
    height, width = pixels.shape
    top = int(shifts.max())
    out = np.full((height + top - int(shifts.min()), width), 255, dtype=np.uint8)
    starts = np.concatenate(([0], np.flatnonzero(np.diff(shifts)) + 1))
    for start, end in zip(starts, np.append(starts[1:], width)):
        row = top - int(shifts[start])
        out[row : row + height, start:end] = pixels[:, start:end]
    return out


def trim(image: Image.Image) -> Image.Image:
    """The page cropped to its ink plus a margin: Tesseract spends less on bare paper (about 3%)."""
    box = trim_box(image)
    return image if box == (0, 0, image.width, image.height) else image.crop(box)


def trim_box(image: Image.Image) -> tuple[int, int, int, int]:
    """Where :func:`trim` crops the page: (left, top, right, bottom) in the page's pixels."""
    factor = -(-image.width // SAMPLE_WIDTH)
    pixels = np.asarray((image if image.mode == "L" else image.convert("L")).reduce(factor))
    ink = pixels <= ink_threshold(pixels)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if len(rows) == 0:
        return 0, 0, image.width, image.height
    margin = TRIM_MARGIN // factor + 1
    box = (cols[0] - margin, rows[0] - margin, cols[-1] + 1 + margin, rows[-1] + 1 + margin)
    left, top, right, bottom = (int(v) * factor for v in box)
    return max(0, left), max(0, top), min(image.width, right), min(image.height, bottom)


def unshear_row(x: float, y: float, width: int, angle: float) -> float:
    """The row on the page before :func:`straighten` of the point (x, y) of the levelled page."""
    if abs(angle) < MIN_CORRECTION:
        return y
    slope = float(np.tan(np.radians(angle)))
    shifts = (np.array([0, width - 1]) - width / 2) * slope
    top = int(np.floor(shifts).max())
    return y - top + float(np.floor((x - width / 2) * slope))


def turn(image: Image.Image, clockwise: int) -> Image.Image:
    """The page turned by a multiple of 90 degrees clockwise (lossless)."""
    steps = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}
    return image.transpose(steps[clockwise]) if clockwise in steps else image


def parse_osd(report: str) -> int:
    """Clockwise degrees to turn the page from Tesseract's OSD report; 0 when unsure."""
    rotate = re.search(r"Rotate:\s*(\d+)", report)
    confidence = re.search(r"Orientation confidence:\s*([\d.]+)", report)
    if not rotate or not confidence or float(confidence.group(1)) < MIN_OSD_CONFIDENCE:
        return 0
    return int(rotate.group(1)) % 360
