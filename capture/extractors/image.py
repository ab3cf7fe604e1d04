"""Scanned images (PNG, JPEG, multi-page TIFF...): OCR every frame.

Pillow's decompression-bomb guard is set from the context, so a tiny file that
claims gigapixels is refused before it is decoded.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageSequence, UnidentifiedImageError

from capture.context import CaptureContext
from capture.ocr import ocr_image
from intake.errors import PermanentError, UnsupportedInput
from intake.models import PageCapture


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
        raise PermanentError("image too large (decompression bomb guard)", error=str(exc)) from exc
    except UnidentifiedImageError as exc:
        raise UnsupportedInput("not a readable image") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise PermanentError("corrupt or truncated image", error=str(exc)) from exc


def extract(data: bytes, ctx: CaptureContext) -> list[PageCapture]:
    """OCR each frame of the image, up to the page limit."""
    image = open_image(data, ctx)
    pages = []
    for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
        if number > ctx.max_pages:
            break
        text, confidence = ocr_image(frame.copy(), ctx.ocr_languages, ctx.dpi)
        pages.append(PageCapture(number=number, text=text, method="ocr", confidence=confidence))
    return pages
