"""The frozen context capture stages get instead of reading settings."""

from __future__ import annotations

from dataclasses import dataclass

from intake.cpu import usable_cores


@dataclass(frozen=True)
class CaptureContext:
    """What capture needs to know, fixed when the worker starts."""

    ocr_languages: str = "fra+eng"
    dpi: int = 300
    ocr_workers: int = 0  # Tesseract processes at once; 0 = one per usable core
    max_pages: int = 200
    max_bytes: int = 50 * 1024 * 1024
    max_pixels: int = 80_000_000
    # the same defaults as Settings.member_number_pattern / policy_number_pattern
    member_pattern: str = r"(?i)adh[ée]rent\s*(?:n[°ºo]\.?|num[ée]ro)?\s*:?\s*(\d(?: ?\d){7})\b"
    policy_pattern: str = r"(?i)contrat\s*(?:n[°ºo]\.?|num[ée]ro)?\s*:?\s*([A-Z]{2}-?\d(?: ?\d){5})\b"
    find_names: bool = True
    pdf_text_layer: str = "pdfium"  # a reader of capture/extractors/pdf_text.py: pdfium or pdfplumber

    @property
    def pool_size(self) -> int:
        """How many pages are OCR'd at once: ``ocr_workers``, else the cores this process may use (quota included)."""
        return self.ocr_workers if self.ocr_workers > 0 else usable_cores()
