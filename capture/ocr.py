"""OCR with Tesseract (pytesseract), one process per page.

One Tesseract run yields both the text and the word confidences (``txt`` and
``tsv`` outputs together). ``OMP_THREAD_LIMIT=1`` stops Tesseract's OpenMP
threads from fighting over the cores: parallelism comes from pages.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess

import pytesseract
from pytesseract import pytesseract as tess
from PIL import Image

from intake.errors import PermanentError, RetryableError

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
OCR_TIMEOUT_SECONDS = 120


def ocr_image(image: Image.Image, languages: str, dpi: int = 300) -> tuple[str, float | None]:
    """Text of one page image and its mean word confidence in [0, 1]."""
    try:
        text, tsv = _run(_prepare(image), languages, dpi)
    except pytesseract.TesseractNotFoundError as exc:
        raise RetryableError("tesseract is not installed") from exc
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        raise RetryableError("OCR timed out or failed", error=str(exc)) from exc
    except pytesseract.TesseractError as exc:
        raise PermanentError("tesseract cannot read this image", error=str(exc.message)) from exc
    return text.strip(), _mean_confidence(tsv)


def _run(image: Image.Image, languages: str, dpi: int) -> tuple[str, str]:
    """One Tesseract process writing both txt and tsv (pytesseract's own helpers)."""
    with tess.save(image) as (base, input_file):
        tess.run_tesseract(
            input_file, base, "txt tsv", languages, f"--dpi {dpi} -c tessedit_create_tsv=1",
            timeout=OCR_TIMEOUT_SECONDS,
        )
        return tuple(tess._read_output(f"{base}.{ext}") for ext in ("txt", "tsv"))  # type: ignore[return-value]


def _prepare(image: Image.Image) -> Image.Image:
    """Grayscale without alpha: what Tesseract reads best and fastest."""
    if image.mode in {"L", "1"}:
        return image
    return image.convert("L")


def _mean_confidence(tsv: str) -> float | None:
    confidences = [
        float(row["conf"]) for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
        if row.get("conf") not in (None, "", "-1") and (row.get("text") or "").strip()
    ]
    return round(sum(confidences) / len(confidences) / 100, 4) if confidences else None
