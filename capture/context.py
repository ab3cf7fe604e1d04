"""The frozen context capture stages get instead of reading settings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CaptureContext:
    """What capture needs to know, fixed when the worker starts."""

    ocr_languages: str = "fra+eng"
    dpi: int = 300
    max_pages: int = 200
    max_bytes: int = 50 * 1024 * 1024
    max_pixels: int = 80_000_000
    member_pattern: str = r"(?i)adh[ée]rent\s*:?\s*(\d{8})"
    policy_pattern: str = r"(?i)contrat\s*:?\s*([A-Z]{2}-?\d{6})"
    find_names: bool = True
