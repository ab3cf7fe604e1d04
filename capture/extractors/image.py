"""Scanned images (PNG, JPEG, multi-page TIFF...): OCR every frame, frames in parallel.

Pillow's decompression-bomb guard is set from the context, so a tiny file that
claims gigapixels is refused before it is decoded.
"""

from __future__ import annotations

import io
import itertools
import warnings
from collections.abc import Iterator

from PIL import Image, ImageSequence, UnidentifiedImageError

from capture.context import CaptureContext
from capture.ocr.pages import ocr_capture, ocr_pages
from intake.errors import PermanentError, UnsupportedInput
from intake.models import PageCapture

# what an operator reads in the quarantine; the library's own words stay in the error's data
BOMB = "image trop grande : refusée comme bombe de décompression"
BROKEN = "image endommagée ou tronquée"


def open_image(data: bytes, ctx: CaptureContext) -> Image.Image:
    """Open an image with the pixel limit enforced; convert Pillow errors."""
    Image.MAX_IMAGE_PIXELS = ctx.max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
        return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PermanentError(BOMB, error=str(exc)) from exc
    except UnidentifiedImageError as exc:
        raise UnsupportedInput("image illisible : format non reconnu") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise PermanentError(BROKEN, error=str(exc)) from exc


def extract(data: bytes, ctx: CaptureContext) -> list[PageCapture]:
    """OCR each frame of the image in the pool, up to the page limit."""
    pages = frames(open_image(data, ctx), ctx)
    return [ocr_capture(number, page) for number, page in enumerate(ocr_pages(pages, ctx), start=1)]


def frames(image: Image.Image, ctx: CaptureContext) -> Iterator[Image.Image]:
    """Each frame, decoded one at a time; Pillow's guard only saw the first frame's size."""
    for number, frame in enumerate(itertools.islice(ImageSequence.Iterator(image), ctx.max_pages), start=1):
        if frame.width * frame.height > ctx.max_pixels:
            raise PermanentError(BOMB, page=number,
                                 pixels=frame.width * frame.height)
        yield _decoded(frame, number)


def _decoded(frame: Image.Image, number: int) -> Image.Image:
    """A decoded copy of the current frame (the sequence reuses one image object)."""
    try:
        return frame.copy()
    except (OSError, SyntaxError, ValueError) as exc:
        raise PermanentError(BROKEN, page=number, error=str(exc)) from exc
