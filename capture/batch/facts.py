"""What one page image says before OCR: coverage, blank or not, marks, layout.

Cheap enough for every page of a stack (a few tens of milliseconds, against
the ~0.7 s of CPU a letter page's OCR takes): the page is reduced to about
``WORK_DPI`` once, and the blank check, the patch reader and the layout all
read that one ink mask; barcodes are read on the page at 150 dpi. A blank
page is neither searched for marks nor measured further.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from capture.batch.barcodes import read_barcodes
from capture.batch.blank import clean_ink, coverage
from capture.batch.layout import layout_of
from capture.batch.models import PageFacts
from capture.batch.patch import read_patches
from capture.batch.settings import BatchSettings
from capture.ocr.deskew import gray, ink_threshold

WORK_DPI = 100


def look_at(image: Image.Image, number: int, dpi: float, settings: BatchSettings) -> PageFacts:
    """The facts of page ``number``, an image scanned at ``dpi``."""
    grey = gray(image)
    grey = grey if grey.mode == "L" else grey.convert("L")  # two-tone scans: reduce() wants grey
    factor = max(1, round(dpi / WORK_DPI))
    ink = ink_mask(grey.reduce(factor) if factor > 1 else grey, dpi / factor, settings.border_mm)
    inked = coverage(ink)
    if inked <= settings.blank_coverage:
        return PageFacts(number=number, coverage=round(inked, 6), blank=True)
    marks = read_patches(ink, dpi / factor, settings.patch) + read_barcodes(grey, dpi, settings.barcode)
    return PageFacts(number=number, coverage=round(inked, 6), blank=False, marks=marks, layout=layout_of(ink))


def ink_mask(grey: Image.Image, dpi: float, border_mm: float) -> np.ndarray:
    """The page's ink (True), its border band and lone specks left out."""
    pixels = np.asarray(grey if grey.mode == "L" else grey.convert("L"), dtype=np.uint8)
    return clean_ink(pixels <= ink_threshold(pixels), round(border_mm / 25.4 * dpi), dpi)
