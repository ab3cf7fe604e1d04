"""A batch's scanned file as page images, a letter's pages as a file of its own, and page thumbnails.

A batch arrives as one PDF or one multi-page TIFF. Its pages are decoded one
at a time (the OCR pool reads a few ahead, never the whole stack at once).
A letter cut from it becomes a file of its own: for a PDF, its pages copied
as they are (PDFium, no re-encoding); for a TIFF, its frames written again
losslessly.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence

import pypdfium2
from PIL import Image

from capture.context import CaptureContext
from capture.extractors.image import frames, open_image
from capture.extractors.pdf import render_pages
from capture.extractors.pdf_text import open_pdfium
from intake.errors import PermanentError, UnsupportedInput
from intake.sniff import sniff

PDF, TIFF = "application/pdf", "image/tiff"
THUMBNAIL_WIDTH = 180  # pixels: enough to tell a letter's first page, an envelope and a blank back apart


def batch_mime(data: bytes) -> str:
    """The batch file's type: a PDF or a TIFF; anything else cannot be a stack of pages."""
    mime = sniff(data)
    if mime not in (PDF, TIFF):
        raise UnsupportedInput(f"un lot doit être un PDF ou un TIFF multipage (type trouvé : {mime})", mime=mime)
    return mime


def page_images(data: bytes, ctx: CaptureContext) -> Iterator[Image.Image]:
    """The batch's pages as images, in feeder order, one at a time; a stack over the page limit is refused
    whole (a page left out would be a letter lost)."""
    if batch_mime(data) == PDF:
        document = open_pdfium(data)
        count = len(document)
        document.close()
        _within_limit(count, ctx)
        yield from render_pages(data, list(range(1, count + 1)), ctx.dpi, ctx.max_pixels)
        return
    image = open_image(data, ctx)
    _within_limit(getattr(image, "n_frames", 1), ctx)
    yield from frames(image, ctx)


def _within_limit(count: int, ctx: CaptureContext) -> None:
    if count > ctx.max_pages:
        raise PermanentError(f"lot de {count} pages, au-delà de la limite de {ctx.max_pages} pages "
                             "(INTAKE_MAX_PAGES) : rien n'est découpé", pages=count)


def letter_file(data: bytes, numbers: Sequence[int]) -> tuple[bytes, str]:
    """The pages ``numbers`` (1-based) of the batch as one file of the batch's type, and its suffix."""
    if batch_mime(data) == PDF:
        return _pdf_pages(data, numbers), ".pdf"
    return _tiff_frames(data, numbers), ".tif"


def _pdf_pages(data: bytes, numbers: Sequence[int]) -> bytes:
    source, target = open_pdfium(data), pypdfium2.PdfDocument.new()
    try:
        target.import_pages(source, [n - 1 for n in numbers])
        out = io.BytesIO()
        target.save(out)
        return out.getvalue()
    finally:
        target.close()
        source.close()


def _tiff_frames(data: bytes, numbers: Sequence[int]) -> bytes:
    image = Image.open(io.BytesIO(data))
    frames = []
    for number in numbers:
        image.seek(number - 1)
        frames.append(image.copy())
    out = io.BytesIO()
    compression = "group4" if all(f.mode == "1" for f in frames) else "tiff_deflate"
    frames[0].save(out, format="TIFF", save_all=True, append_images=frames[1:], compression=compression,
                   dpi=image.info.get("dpi", (300, 300)))
    return out.getvalue()


def thumbnail(image: Image.Image) -> bytes:
    """A small PNG of a page for the reviewer (a box reduction, then a fast PNG: ~5 ms a page)."""
    small = image.convert("L").reduce(max(1, image.width // THUMBNAIL_WIDTH))
    small = small.resize((THUMBNAIL_WIDTH, max(1, round(small.height * THUMBNAIL_WIDTH / small.width))))
    out = io.BytesIO()
    small.save(out, format="PNG", compress_level=1)
    return out.getvalue()
