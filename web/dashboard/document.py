"""The original documents of a case: PNG previews made on the fly from the raw
objects, and the captured text with the extracted fields highlighted.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape
from PIL import Image

from intake.errors import UnsupportedInput
from intake.models import Capture, DocumentCapture, Envelope, ExtractedField, PageCapture
from intake.sniff import sniff

PREVIEWABLE = frozenset({"image/png", "image/jpeg", "image/tiff", "application/pdf"})
MAX_SIDE = 1400  # pixels: enough to read a scanned page on screen, small enough to send quickly


@dataclass(frozen=True)
class PageView:
    """One captured page, its text with the fields marked, and those fields."""

    number: int
    method: str
    confidence: float | None
    html: Markup
    fields: tuple[ExtractedField, ...]


@dataclass(frozen=True)
class FieldBox:
    """Where one word of a field is on the previewed page, in percent of the page's width and height."""

    number: int  # the field's place in the capture's fields
    kind: str
    normalized: str
    valid: bool
    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class DocumentView:
    """One document of an item: its pages, where its preview is (attachment index), the fields' boxes on it."""

    name: str
    mime: str
    error: str | None
    pages: tuple[PageView, ...]
    attachment: int | None
    boxes: tuple[FieldBox, ...] = ()


def preview_png(data: bytes, max_side: int = MAX_SIDE) -> bytes:
    """A PNG of an image (first frame) or of a PDF's first page, at most ``max_side`` pixels.

    UnsupportedInput, with a French ``why``, when there is none to make: another type, or
    a file the libraries cannot read (damaged, encrypted, a decompression bomb)."""
    mime = sniff(data)
    if mime not in PREVIEWABLE:
        raise UnsupportedInput("no preview for this type", mime=mime, why="pas d'aperçu pour ce type de document")
    try:
        image = _pdf_first_page(data) if mime == "application/pdf" else Image.open(io.BytesIO(data))
        image.seek(0)  # a multi-page TIFF shows its first page, like the PDF
        image = image.convert("L" if image.mode in {"1", "L", "I;16", "I"} else "RGB")
    except Exception as exc:  # noqa: BLE001 - pdfium and Pillow raise many kinds (OSError, SyntaxError, PdfiumError...)
        raise UnsupportedInput("unreadable document", mime=mime, why=_why(exc)) from None
    image.thumbnail((max_side, max_side))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


def _why(exc: Exception) -> str:
    """Why a document cannot be shown, in French."""
    if "password" in str(exc).lower():
        return "PDF chiffré (protégé par un mot de passe)"
    return "document endommagé ou illisible"


def _pdf_first_page(data: bytes) -> Image.Image:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        page = pdf[0]
        width, height = page.get_size()
        return page.render(scale=min(MAX_SIDE / max(width, height, 1), 3.0)).to_pil()
    finally:
        pdf.close()


def highlight(text: str, fields: Iterable[ExtractedField]) -> Markup:
    """``text`` escaped, with each field's span wrapped in ``<mark>`` (overlapping spans: the first wins)."""
    parts, at = [], 0
    for f in sorted(fields, key=lambda f: (f.start, -f.end)):
        if f.start < at or not 0 <= f.start < f.end <= len(text):
            continue
        parts += [escape(text[at:f.start]), _mark(f, text[f.start:f.end])]
        at = f.end
    parts.append(escape(text[at:]))
    return Markup("").join(parts)


def _mark(field: ExtractedField, shown: str) -> Markup:
    title = f"{field.kind}: {field.normalized} ({field.confidence:.0%})" + (f" — {field.note}" if field.note else "")
    css = "field" if field.valid else "field invalid"
    return Markup('<mark class="{}" data-kind="{}" title="{}">{}</mark>').format(css, field.kind, title, shown)


def document_views(envelope: Envelope, capture: Capture) -> list[DocumentView]:
    """Every captured document of an item, with highlighted pages, preview links and field boxes."""
    by_source: dict[str, list[ExtractedField]] = {}
    for f in capture.fields:
        by_source.setdefault(f.source, []).append(f)
    return [_document_view(envelope, doc, by_source, capture.fields) for doc in capture.documents]


def _document_view(envelope: Envelope, doc: DocumentCapture, by_source: dict[str, list[ExtractedField]],
                   every: tuple[ExtractedField, ...]) -> DocumentView:
    pages = tuple(_page_view(page, by_source.get(label, [])) for label, page in page_sources(doc))
    index = next((i for i, a in enumerate(envelope.attachments) if a.ref.sha256 == doc.sha256), None)
    attachment = index if index is not None and doc.mime in PREVIEWABLE else None
    first = next(page_sources(doc), None)  # the preview shows the first page
    boxes = field_boxes(first[1], by_source.get(first[0], []), every) if first and attachment is not None else ()
    return DocumentView(doc.name, doc.mime, doc.error, pages, attachment, boxes)


def field_boxes(page: PageCapture, fields: Iterable[ExtractedField],
                every: tuple[ExtractedField, ...]) -> tuple[FieldBox, ...]:
    """The boxes of the words each field of ``page`` covers (none when OCR kept no boxes for the page)."""
    found = []
    for f in fields:
        number = every.index(f)
        for start, end, left, top, right, bottom in page.boxes:
            if start < f.end and end > f.start:
                found.append(FieldBox(number, f.kind, f.normalized, f.valid, round(left * 100, 2), round(top * 100, 2),
                                      round((right - left) * 100, 2), round((bottom - top) * 100, 2)))
    return tuple(found)


def _page_view(page: PageCapture, fields: list[ExtractedField]) -> PageView:
    ordered = tuple(sorted(fields, key=lambda f: f.start))
    return PageView(page.number, page.method, page.confidence, highlight(page.text, ordered), ordered)


def page_sources(doc: DocumentCapture) -> Iterator[tuple[str, PageCapture]]:
    """(source label, page) as capture labels fields: ``body``, ``attachment:x.pdf``, ``attachment:x.pdf#p2``."""
    # the same labels as capture.pipeline._sources, which the fields' offsets refer to
    prefix = "body" if doc.name == "body" else f"attachment:{doc.name}"
    for page in doc.pages:
        yield (prefix if len(doc.pages) == 1 else f"{prefix}#p{page.number}"), page
