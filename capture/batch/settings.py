"""Settings of batch separation: one pydantic model, each mark reader's settings its own."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from capture.batch.barcodes import BarcodeSettings
from capture.batch.patch import PatchSettings


class BatchSettings(BaseModel):
    """How a scanned stack is cut into letters, and when a person should check the cut.

    ``separation``: ``separators`` cuts on separator sheets (and envelopes and
    case-reference barcodes) only; ``content`` on first-page detection; ``auto``
    on separator sheets when the batch has any, else on content.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
    separation: Literal["auto", "separators", "content"] = "auto"
    patch: PatchSettings = PatchSettings()
    barcode: BarcodeSettings = BarcodeSettings()
    # bench/batches.py, tuning seeds 1-4: the dustiest of 182 duplex backs 0.00007, the emptiest of 120 pages of
    # content 0.00080 (a page with only a signature); the geometric middle of the gap
    blank_coverage: float = Field(0.00023, ge=0, lt=1)
    border_mm: float = Field(8.0, ge=0)
    first_page_threshold: float = Field(0.5, gt=0, lt=1)  # opening probability at or above which a page opens a letter
    review_confidence: float = Field(0.9, ge=0.5, le=1)  # a decision less sure than this sends the batch to review
    text_coverage: float = Field(0.01, ge=0, lt=1)  # a page with less ink is near-empty, not unreadable
    # tuning seeds 1-4: handwritten pages read at 0.50 at most, typed pages at 0.90 at least; the middle
    unreadable_confidence: float = Field(0.7, ge=0, le=1)  # mean OCR word confidence under it: unreadable
    # typed pages have 64 % French words at least (tuning seeds); handwriting 0-57 %, so confidence decides first
    unreadable_known_share: float = Field(0.5, ge=0, le=1)  # share of French words under it: unreadable
    postmark_max_age_days: int = Field(90, ge=0)  # an older date on an envelope is no postmark
