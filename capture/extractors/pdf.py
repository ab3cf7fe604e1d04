"""PDFs: the text layer page by page (pdfplumber); pages without a usable
text layer (scans inside a born-digital PDF) are rendered (pypdfium2) and
OCR'd on their own, so mixed PDFs come out whole.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pdfplumber
import pypdfium2
from PIL import Image
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from capture.context import CaptureContext
from capture.ocr import ocr_capture, ocr_pages
from intake.errors import PermanentError
from intake.models import PageCapture

MIN_TEXT_CHARS = 20
# pdfminer raises many kinds of errors on damaged files; they all mean "cannot read this PDF"
_PDF_ERRORS = (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect, PDFEncryptionError, ValueError, KeyError,
               TypeError, AssertionError, RecursionError, AttributeError, IndexError, EOFError, OSError)


def extract(data: bytes, ctx: CaptureContext) -> list[PageCapture]:
    """Every page's text, from the text layer or from OCR (scanned pages in the pool)."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            layers = [(_layer_text(page), bool(page.images)) for page in pdf.pages[: ctx.max_pages]]
    except _PDF_ERRORS as exc:
        cause = _cause(exc)
        encrypted = isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError))
        raise PermanentError("encrypted PDF" if encrypted else "corrupt PDF", error=_describe(cause)) from exc
    scanned = [n for n, (text, has_images) in enumerate(layers, start=1) if _is_scan(text, has_images)]
    read = dict(zip(scanned, ocr_pages(render_pages(data, scanned, ctx.dpi), ctx)))
    return [ocr_capture(n, read[n]) if n in read else PageCapture(number=n, text=text, method="pdf-text")
            for n, (text, _) in enumerate(layers, start=1)]


def _layer_text(page: pdfplumber.page.Page) -> str:
    return (page.extract_text() or "").strip()


def _is_scan(text: str, has_images: bool) -> bool:
    # a short text layer over an image is a scan (maybe with a stamp or a page number): read the image
    return has_images and len(re.sub(r"\s", "", text)) < MIN_TEXT_CHARS


def render_pages(data: bytes, numbers: list[int], dpi: int) -> Iterator[Image.Image]:
    """Render pages (1-based numbers) to grayscale PIL images at ``dpi``, one at a time."""
    if not numbers:
        return
    # pdfium is not thread-safe: pages are rendered here, in the caller's thread, and only OCR'd in the pool
    document = _open(data)
    try:
        for number in numbers:
            yield _render(document, number, dpi)
    finally:
        document.close()


def _open(data: bytes) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise PermanentError("PDF page cannot be rendered", error=str(exc)) from exc


def _render(document: pypdfium2.PdfDocument, number: int, dpi: int) -> Image.Image:
    try:
        return document[number - 1].render(scale=dpi / 72, grayscale=True).to_pil()
    except pypdfium2.PdfiumError as exc:
        raise PermanentError("PDF page cannot be rendered", page=number, error=str(exc)) from exc


def _cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's errors: look inside."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else None
    return inner if isinstance(inner, BaseException) else exc


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]
