"""What batch separation knows about pages, and what it decides: plain, frozen, serialisable.

Page numbers are 1-based positions in the scanned batch. Reasons are French:
a reviewer reads them next to the page thumbnails.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict

MarkRole = Literal["separator", "case", "other"]
PageKind = Literal["content", "blank", "separator", "envelope"]
# what decided whether a page opens a letter: the batch's start, a separator sheet before it, the envelope
# before it, a case barcode on it, separator sheets elsewhere in the batch, the first-page detector, or a reviewer
DecidedBy = Literal["batch_start", "separator", "envelope", "barcode", "separators", "detector", "dropped", "review"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Mark(Frozen):
    """A code printed on a page: a patch code or a barcode, and what it means to the split."""

    symbology: str  # "patch", "Code128", "QRCode"...
    value: str  # the patch ("T", "2"...) or the barcode's text
    role: MarkRole = "other"
    case_ref: str | None = None  # the canonical case reference, when role is "case"


class Layout(Frozen):
    """Where the ink is: enough to tell an opening page, a continuation and an envelope apart."""

    lines: int = 0  # text lines found on the page
    short_top_share: float = 0.0  # of the lines in the top 40 %, the share narrower than 45 % of the page
    stamp_ink: float = 0.0  # ink coverage of the top-right corner, where an envelope has its stamp
    aspect: float = 0.707  # width / height (A4 portrait 0.71, a DL envelope 2.0)


class PageFacts(Frozen):
    """What the page image alone says, before any OCR."""

    number: int
    coverage: float  # share of the page inked, scanner noise and borders left out
    blank: bool
    marks: tuple[Mark, ...] = ()
    layout: Layout = Layout()

    @property
    def separator(self) -> Mark | None:
        """The first separator mark of the page, if it is a separator sheet."""
        return next((m for m in self.marks if m.role == "separator"), None)

    @property
    def case_ref(self) -> str | None:
        """The case reference a barcode on the page gives, if any."""
        return next((m.case_ref for m in self.marks if m.role == "case"), None)


class PageReading(Protocol):
    """What OCR read on a page (``capture.ocr.pages.OcrPage`` is one)."""

    text: str
    confidence: float | None
    words: int


@dataclass(frozen=True)
class BatchPage:
    """One scanned page as the split sees it: its image facts, and what OCR read (None when not read)."""

    facts: PageFacts
    reading: PageReading | None = None


class PageVerdict(Frozen):
    """What the split made of one page."""

    number: int
    kind: PageKind
    starts_letter: bool = False
    decided_by: DecidedBy = "dropped"
    confidence: float = 1.0  # of the starts/continues decision, in [0.5, 1]
    reasons: tuple[str, ...] = ()
    unreadable: bool = False


class Letter(Frozen):
    """One letter of the batch: its page range, its pages, and what came with it."""

    first: int  # page range in the batch, its envelope page included
    last: int
    pages: tuple[int, ...]  # content pages in order: no blank back, no separator sheet, no envelope
    envelope: int | None = None
    postmark: date | None = None  # the envelope's postmark date, when it could be read
    case_ref: str | None = None  # the case a barcode says this letter joins
    case_ref_page: int | None = None  # the page that carries that barcode
    confidence: float = 1.0  # of the boundary that opens it
    reasons: tuple[str, ...] = ()
    unreadable: tuple[int, ...] = ()  # handwritten or unreadable pages


class BatchSplit(Frozen):
    """The letters of a batch, the pages dropped, and whether a person should look first."""

    method: Literal["separators", "content"]
    letters: tuple[Letter, ...]
    pages: tuple[PageVerdict, ...]
    needs_review: bool = False
    review_reasons: tuple[str, ...] = ()

    @property
    def blanks(self) -> tuple[int, ...]:
        """Pages dropped as blank (duplex backs)."""
        return tuple(p.number for p in self.pages if p.kind == "blank")

    @property
    def separators(self) -> tuple[int, ...]:
        """Separator sheets, dropped."""
        return tuple(p.number for p in self.pages if p.kind == "separator")
