"""PDFs: the text layer page by page (capture/extractors/pdf_text.py); pages
without a usable text layer are OCR'd on their own, so mixed PDFs come out
whole: scans inside a born-digital PDF, and pages whose text layer is empty
or only spaces whatever they hold (drawings, text exported as vector paths,
fonts without a character map), rendered by PDFium at the configured DPI.

A scanned page is usually one image covering the page at the scanner's
resolution: that image is taken as it is (14 ms) instead of rendering the
page (110-140 ms at 300 dpi). Any other page is rendered with PDFium.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pypdfium2
import pypdfium2.raw as pdfium_c
from PIL import Image

from capture.context import CaptureContext
from capture.extractors.pdf_text import open_pdfium, reader
from capture.ocr.pages import ocr_capture, ocr_pages
from intake.errors import PermanentError
from intake.models import PageCapture

MIN_TEXT_CHARS = 20
MIN_COVER = 0.9  # share of the page an image must cover to be the scan itself
SCAN_DPI = (150, 600)  # an embedded image outside this range is rendered instead


def extract(data: bytes, ctx: CaptureContext) -> list[PageCapture]:
    """Every page's text, from the text layer or from OCR (scanned pages in the pool)."""
    layers = reader(ctx.pdf_text_layer)(data, ctx.max_pages)
    scanned = [n for n, (text, has_images) in enumerate(layers, start=1) if _needs_ocr(text, has_images)]
    read = dict(zip(scanned, ocr_pages(render_pages(data, scanned, ctx.dpi, ctx.max_pixels), ctx)))
    return [ocr_capture(n, read[n]) if n in read else PageCapture(number=n, text=text, method="pdf-text")
            for n, (text, _) in enumerate(layers, start=1)]


def _needs_ocr(text: str, has_images: bool) -> bool:
    """No text layer at all (paths, drawings), or a short one over an image (a scan with a stamp or a number)."""
    characters = len(re.sub(r"\s", "", text))
    return characters == 0 or (has_images and characters < MIN_TEXT_CHARS)


def render_pages(data: bytes, numbers: list[int], dpi: int, max_pixels: int) -> Iterator[Image.Image]:
    """Scanned pages (1-based numbers) as grayscale images, one at a time: the scan itself, or rendered."""
    if not numbers:
        return
    # pdfium is not thread-safe: pages are read here, in the caller's thread, and only OCR'd in the pool
    document = open_pdfium(data)
    try:
        for number in numbers:
            yield _page_image(document, number, dpi, max_pixels)
    finally:
        document.close()


def _page_image(document: pypdfium2.PdfDocument, number: int, dpi: int, max_pixels: int) -> Image.Image:
    try:
        page = document[number - 1]
        return scan_image(page, max_pixels) or _render(page, number, dpi, max_pixels)
    except pypdfium2.PdfiumError as exc:
        raise PermanentError("PDF page cannot be rendered", page=number, error=str(exc)) from exc


def _render(page: pypdfium2.PdfPage, number: int, dpi: int, max_pixels: int) -> Image.Image:
    width, height = (round(side * dpi / 72) for side in page.get_size())
    if width * height > max_pixels:  # a page of absurd size is a rendering bomb
        raise PermanentError("PDF page too large to render", page=number, pixels=width * height)
    return page.render(scale=dpi / 72, grayscale=True).to_pil()


def scan_image(page: pypdfium2.PdfPage, max_pixels: int) -> Image.Image | None:
    """The page's one upright full-page image at a scanner's resolution, with its dpi; else None."""
    images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1))
    if len(images) != 1 or page.get_rotation() != 0:
        return None
    image = images[0]
    px_width, px_height = image.get_px_size()
    if px_width * px_height > max_pixels:
        return None
    matrix = image.get_matrix().get()
    left, bottom, right, top = image.get_bounds()
    width_pt, height_pt = page.get_size()
    upright = matrix[1] == 0 and matrix[2] == 0 and matrix[0] > 0 and matrix[3] > 0
    if not upright or (right - left) * (top - bottom) < MIN_COVER * width_pt * height_pt:
        return None
    dpi = round(px_width / ((right - left) / 72))
    if not SCAN_DPI[0] <= dpi <= SCAN_DPI[1]:
        return None
    pixels = image.get_bitmap(render=False).to_pil().convert("L")
    pixels.info["dpi"] = (dpi, dpi)
    return pixels
