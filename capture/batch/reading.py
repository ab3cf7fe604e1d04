"""Read a scanned stack once: every page looked at, only the pages that need it OCR'd, in the capture's pool.

Blank backs and separator sheets are known from the image alone and never
reach Tesseract. The other pages go through ``capture.ocr.pages.ocr_pages`` (the
same engines, levelling and orientation check as a single letter), and
their readings are kept: the letters are then made from these readings, so
no page is OCR'd twice. The image facts are computed in the caller's
thread while the pool reads the pages before, one page ahead of what the
pool asks for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from PIL import Image

from capture.batch.facts import look_at
from capture.batch.models import BatchPage, PageFacts
from capture.batch.settings import BatchSettings
from capture.context import CaptureContext
from capture.ocr.pages import image_dpi, ocr_pages


def read_batch(images: Iterable[Image.Image], ctx: CaptureContext,
               settings: BatchSettings = BatchSettings()) -> list[BatchPage]:
    """Every page's facts, and the OCR reading of each page that is neither blank nor a separator sheet."""
    facts: list[PageFacts] = []
    readings = iter(list(ocr_pages(_pages_to_read(images, ctx, settings, facts), ctx)))  # drains every image
    return [BatchPage(page, next(readings) if _needs_reading(page) else None) for page in facts]


def _pages_to_read(images: Iterable[Image.Image], ctx: CaptureContext, settings: BatchSettings,
                   facts: list[PageFacts]) -> Iterator[Image.Image]:
    """The images worth OCR, each looked at first; every page's facts appended to ``facts``."""
    for number, image in enumerate(images, start=1):
        page = look_at(image, number, image_dpi(image, ctx.dpi), settings)
        facts.append(page)
        if _needs_reading(page):
            yield image


def _needs_reading(facts: PageFacts) -> bool:
    return not facts.blank and facts.separator is None
