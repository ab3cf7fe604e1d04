"""Text extractors, one per family of real (sniffed) MIME types.

The registry maps a MIME type, or a ``major/*`` wildcard, to a module path;
the module is imported on first use (paperless ``parsers/registry.py`` style).
Each extractor module exposes ``extract(data, ctx) -> list[PageCapture]``.
"""

from __future__ import annotations

from typing import Protocol

from capture.context import CaptureContext
from intake.errors import UnsupportedInput
from intake.models import PageCapture
from intake.plugins import load

REGISTRY: dict[str, str] = {
    "application/pdf": "capture.extractors.pdf",
    "image/png": "capture.extractors.image",
    "image/jpeg": "capture.extractors.image",
    "image/tiff": "capture.extractors.image",
    "image/gif": "capture.extractors.image",
    "image/bmp": "capture.extractors.image",
    "image/webp": "capture.extractors.image",
    "text/*": "capture.extractors.text",
    "application/json": "capture.extractors.text",
}


class Extractor(Protocol):
    """Reads the pages of one document."""

    def extract(self, data: bytes, ctx: CaptureContext) -> list[PageCapture]:
        """Pages with their text, in order."""


def extractor_for(mime: str) -> Extractor:
    """The extractor for a sniffed MIME type; UnsupportedInput if none."""
    target = REGISTRY.get(mime) or REGISTRY.get(mime.split("/", 1)[0] + "/*")
    if target is None:
        raise UnsupportedInput("no extractor for this type", mime=mime)
    return load(target)
