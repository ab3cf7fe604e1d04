"""The frozen context capture stages get instead of reading settings."""

from __future__ import annotations

from dataclasses import dataclass

from intake.cpu import usable_cores
from intake.settings import DEFAULT_MEMBER_PATTERN, DEFAULT_POLICY_PATTERN


@dataclass(frozen=True)
class CaptureContext:
    """What capture needs to know, fixed when the worker starts."""

    ocr_languages: str = "fra+eng"
    dpi: int = 300
    ocr_workers: int = 0  # Tesseract processes at once; 0 = one per usable core
    max_pages: int = 200
    max_bytes: int = 50 * 1024 * 1024
    max_pixels: int = 80_000_000
    member_pattern: str = DEFAULT_MEMBER_PATTERN
    policy_pattern: str = DEFAULT_POLICY_PATTERN
    find_names: bool = True
    pdf_text_layer: str = "pdfium"  # a reader of capture/extractors/pdf_text.py: pdfium or pdfplumber

    @property
    def pool_size(self) -> int:
        """How many pages are OCR'd at once: ``ocr_workers``, else the cores this process may use (quota included)."""
        return self.ocr_workers if self.ocr_workers > 0 else usable_cores()
