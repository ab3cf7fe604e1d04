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
    # measured by bench/batches.py on seeds 1-4: duplex backs reach 0 (max), near-empty pages 0.0024 (min)
    blank_coverage: float = Field(0.0004, ge=0, lt=1)
    border_mm: float = Field(8.0, ge=0)
    first_page_threshold: float = Field(0.5, gt=0, lt=1)  # opening probability at or above which a page opens a letter
    review_confidence: float = Field(0.9, ge=0.5, le=1)  # a decision less sure than this sends the batch to review
    text_coverage: float = Field(0.01, ge=0, lt=1)  # a page with less ink is near-empty, not unreadable
    unreadable_confidence: float = Field(0.6, ge=0, le=1)  # mean OCR word confidence under it: unreadable
    unreadable_known_share: float = Field(0.5, ge=0, le=1)  # share of French words under it: unreadable
    postmark_max_age_days: int = Field(90, ge=0)  # an older date on an envelope is no postmark
