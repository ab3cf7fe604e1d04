"""PDFs: the text layer page by page (pdfplumber); pages without a usable
text layer (scans inside a born-digital PDF) are rendered (pypdfium2) and
OCR'd on their own, so mixed PDFs come out whole.
"""

from __future__ import annotations

import io
import re

import pdfplumber
import pypdfium2
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from capture.context import CaptureContext
from capture.ocr import ocr_image
from intake.errors import PermanentError
from intake.models import PageCapture

MIN_TEXT_CHARS = 20
# pdfminer raises many kinds of errors on damaged files; they all mean "cannot read this PDF"
_PDF_ERRORS = (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect, PDFEncryptionError, ValueError, KeyError,
               TypeError, AssertionError, RecursionError, AttributeError, IndexError, EOFError, OSError)


def extract(data: bytes, ctx: CaptureContext) -> list[PageCapture]:
    """Every page's text, from the text layer or from OCR."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            layers = [(_layer_text(page), bool(page.images)) for page in pdf.pages[: ctx.max_pages]]
    except _PDF_ERRORS as exc:
        cause = _cause(exc)
        encrypted = isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError))
        raise PermanentError("encrypted PDF" if encrypted else "corrupt PDF", error=_describe(cause)) from exc
    return [_page(data, n, text, scanned, ctx) for n, (text, scanned) in enumerate(layers, start=1)]


def _layer_text(page: pdfplumber.page.Page) -> str:
    return (page.extract_text() or "").strip()


def _page(data: bytes, number: int, text: str, has_images: bool, ctx: CaptureContext) -> PageCapture:
    # a short text layer over an image is a scan (maybe with a stamp or a page number): read the image
    if not has_images or len(re.sub(r"\s", "", text)) >= MIN_TEXT_CHARS:
        return PageCapture(number=number, text=text, method="pdf-text")
    ocr_text, confidence = ocr_image(render_page(data, number - 1, ctx.dpi), ctx.ocr_languages, ctx.dpi)
    return PageCapture(number=number, text=ocr_text, method="ocr", confidence=confidence)


def render_page(data: bytes, index: int, dpi: int):
    """Render one page to a grayscale PIL image at ``dpi``."""
    try:
        document = pypdfium2.PdfDocument(data)
        try:
            bitmap = document[index].render(scale=dpi / 72, grayscale=True)
            return bitmap.to_pil()
        finally:
            document.close()
    except pypdfium2.PdfiumError as exc:
        raise PermanentError("PDF page cannot be rendered", page=index + 1, error=str(exc)) from exc


def _cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's errors: look inside."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else None
    return inner if isinstance(inner, BaseException) else exc


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]
