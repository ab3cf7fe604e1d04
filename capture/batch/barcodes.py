"""Barcodes on a page (zxing-cpp): separator sheets and case references.

A separator sheet carries a Code 128 or QR code whose text is one of the
configured ``separators`` (``PATCHT`` by default, as paperless-ngx and
NAPS2 use it, and ``INTAKE-SEPARATEUR``). A reply form or letter carrying a
barcode whose text is a valid case reference (``IN-7K3M-9QX2``, checked by
``intake.refs``) joins that case. Pages are searched at about ``dpi``
(150 by default): a scanner's 300 dpi costs four times as much and reads no
more of the codes printed for mailrooms.
"""

from __future__ import annotations

from PIL import Image
from pydantic import BaseModel, ConfigDict

from capture.batch.models import Mark
from intake.errors import PermanentError
from intake.refs import normalize


class BarcodeSettings(BaseModel):
    """Which barcode texts separate letters, which symbologies are read, and at what resolution."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    separators: tuple[str, ...] = ("PATCHT", "INTAKE-SEPARATEUR")
    formats: tuple[str, ...] = ("Code128", "QRCode")  # zxing-cpp BarcodeFormat names
    dpi: int = 150
    try_rotate: bool = False  # a feeder takes sheets upright; QR codes read at any angle anyway


def read_barcodes(grey: Image.Image, dpi: float, settings: BarcodeSettings) -> tuple[Mark, ...]:
    """The barcodes on a page image scanned at ``dpi``, each with what it means."""
    import zxingcpp  # imported on first use: a batch without barcodes never loads it

    factor = max(1, round(dpi / settings.dpi))
    try:
        formats = tuple(getattr(zxingcpp.BarcodeFormat, name) for name in settings.formats)
        found = zxingcpp.read_barcodes(grey.reduce(factor) if factor > 1 else grey, formats=formats,
                                       try_rotate=settings.try_rotate, try_downscale=False, try_invert=False)
    except AttributeError as exc:
        raise PermanentError("unknown barcode format", formats=settings.formats) from exc
    except (RuntimeError, ValueError) as exc:
        raise PermanentError("the barcode reader cannot read this page", error=str(exc)) from exc
    return tuple(dict.fromkeys(mark_of(code.format.name, code.text, settings) for code in found if code.valid))


def mark_of(symbology: str, text: str, settings: BarcodeSettings) -> Mark:
    """A barcode's text, read as a separator, a case reference or something else."""
    wanted = {s.strip().upper() for s in settings.separators}
    if text.strip().upper() in wanted:
        return Mark(symbology=symbology, value=text, role="separator")
    if reference := normalize(text):
        return Mark(symbology=symbology, value=text, role="case", case_ref=reference)
    return Mark(symbology=symbology, value=text)
