"""The pdfplumber text-layer reader (``INTAKE_PDF_TEXT_LAYER=pdfplumber``), imported on first use.

pdfminer raises many kinds of errors on damaged files; they all mean "cannot
read this PDF", and are turned into "encrypted PDF" or "corrupt PDF" here.
"""

from __future__ import annotations

from typing import BinaryIO

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from capture.extractors.pdf_text import CORRUPT, ENCRYPTED
from intake.errors import PermanentError

_PDF_ERRORS = (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect, PDFEncryptionError, ValueError, KeyError,
               TypeError, AssertionError, RecursionError, AttributeError, IndexError, EOFError, OSError)


def layers(stream: BinaryIO, max_pages: int) -> list[tuple[str, bool]]:
    """Text and image presence of the first ``max_pages`` pages."""
    try:
        with pdfplumber.open(stream) as pdf:
            return [((page.extract_text() or "").strip(), bool(page.images)) for page in pdf.pages[:max_pages]]
    except _PDF_ERRORS as exc:
        cause = _cause(exc)
        encrypted = isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError))
        raise PermanentError(ENCRYPTED if encrypted else CORRUPT, error=_describe(cause)) from exc


def _cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's errors: look inside."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else None
    return inner if isinstance(inner, BaseException) else exc


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]
