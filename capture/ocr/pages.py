"""OCR with Tesseract: a pool of one OCR thread per core, each with its engine process.

Each page is levelled (projection-profile skew) and trimmed before OCR, then
read by the thread's engine (``capture/ocr/engine.py``: libtesseract in a process
of its own, its models loaded once, not once a page as the CLI does). One
read yields both the text and the word confidences (the TSV report). A page
that reads badly is checked with Tesseract's orientation detection (OSD, the
``tesseract`` CLI) and read again turned upright. OSD costs more than the OCR
of a page itself (measured: 1.4 s against 1.2 s of CPU on a 300-dpi letter),
so the common upright page, which reads well, never pays for it.
``OMP_THREAD_LIMIT=1`` stops Tesseract's OpenMP threads from fighting over
the cores: parallelism comes from pages, one engine per core reading at once.
E-mail addresses are then read again alone in English (``capture/ocr/reread.py``).
"""

from __future__ import annotations

import functools
import os
import subprocess
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

from PIL import Image
from pytesseract import pytesseract as tess

from capture.context import CaptureContext
from capture.ocr import engine
from capture.ocr.boxes import Box, page_boxes, shifted
from capture.ocr.deskew import estimate_skew, gray, has_ink, parse_osd, straighten, trim_box, turn
from capture.ocr.reread import ADDRESS_LANGUAGE, reread_addresses
from capture.ocr.words import mean_confidence, tsv_words
from intake.errors import PermanentError, RetryableError
from intake.models import PageCapture

OCR_TIMEOUT_SECONDS = engine.TIMEOUT_SECONDS
# one column of text of variable sizes, read line by line top to bottom: letters, forms and
# statements keep a label and its amount on one line, where the automatic layout (3) may
# split them into separate blocks and shuffle the blocks' order
PAGE_SEGMENTATION = 4  # tesseract::PSM_SINGLE_COLUMN
DOUBTFUL_CONFIDENCE = 0.75  # upright letters read at 0.9+; a page on its side or upside down at ~0.5
_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


class OcrPage(NamedTuple):
    """What OCR read on one page, and the geometry applied first."""

    text: str
    confidence: float | None  # mean word confidence in [0, 1]; None when no word was read
    words: int
    rotation: int = 0  # degrees turned clockwise (orientation)
    skew: float = 0.0  # degrees rotated counter-clockwise to level the lines
    boxes: tuple[Box, ...] = ()  # each word's place in the text and box on the scanned page (capture/ocr/boxes.py)


def ocr_image(image: Image.Image, languages: str, dpi: int = 300) -> OcrPage:
    """Text of one page image, levelled, and turned upright if it read badly."""
    page, dpi = gray(image), image_dpi(image, dpi)
    first = _read(page, languages, dpi)
    if not _doubtful(first, page):
        return first
    rotation = orientation(page, dpi)
    if rotation == 0:
        return first
    second = _read(turn(page, rotation), languages, dpi)._replace(rotation=rotation, boxes=())  # boxes: upright only
    return second if (second.confidence or 0.0) > (first.confidence or 0.0) else first


def _doubtful(result: OcrPage, page: Image.Image) -> bool:
    """Worth an orientation check: read badly, or nothing read off a page that has ink."""
    if result.words:
        return (result.confidence or 0.0) < DOUBTFUL_CONFIDENCE
    return has_ink(page)  # a blank back side needs no OSD run


def image_dpi(image: Image.Image, default: int) -> int:
    """The resolution the image declares, when plausible, else ``default``."""
    declared = image.info.get("dpi") or (0, 0)
    return round(declared[0]) if 70 <= declared[0] <= 1200 else default


def _read(page: Image.Image, languages: str, dpi: int) -> OcrPage:
    """Level the page, trim its bare margins and read it once."""
    skew = estimate_skew(page)
    # grey, not binarised here: a 1-bit page reads ~10% faster but costs characters in addresses
    levelled = straighten(page, skew)
    crop = trim_box(levelled)
    level = levelled.crop(crop)
    text, tsv, _ = engine.recognise(level, languages, PAGE_SEGMENTATION, dpi)
    words = list(tsv_words(tsv))
    if languages != ADDRESS_LANGUAGE:
        text = reread_addresses(level, words, text, dpi)
    boxes = shifted(page_boxes(words, text, crop, page.size, skew), len(text) - len(text.lstrip()))
    return OcrPage(text.strip(), mean_confidence(words), len(words), skew=skew, boxes=boxes)


def orientation(page: Image.Image, dpi: int = 300) -> int:
    """Clockwise degrees (0, 90, 180, 270) that turn the page upright, by Tesseract OSD."""
    try:
        (report,) = tesseract(page, ["-l", "osd", "--psm", "0", "--dpi", str(dpi)], ("osd",))
    except PermanentError:  # too few characters to tell: leave the page as it is
        return 0
    return parse_osd(report)


def tesseract(image: Image.Image, args: list[str], outputs: tuple[str, ...]) -> list[str]:
    """Run one ``tesseract`` CLI process on ``image``; the text of each output file asked for."""
    with tempfile.TemporaryDirectory(prefix="intake-ocr-") as tmp:
        source, base = Path(tmp, "page.tif"), Path(tmp, "out")
        image.save(source, format="TIFF")  # uncompressed: the fastest to write here and to read there
        _run([tess.tesseract_cmd, str(source), str(base), *args])
        return [_read_output(base.with_suffix(f".{ext}")) for ext in outputs]


def _run(command: list[str]) -> None:
    """Run Tesseract; library and process failures become intake errors."""
    try:
        subprocess.run(command, env=_ENV, capture_output=True, timeout=OCR_TIMEOUT_SECONDS, check=True)
    except FileNotFoundError as exc:
        raise RetryableError("tesseract is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise RetryableError("OCR timed out", seconds=OCR_TIMEOUT_SECONDS) from exc
    except subprocess.CalledProcessError as exc:
        error = exc.stderr.decode(errors="replace").strip()[-300:]
        raise PermanentError("tesseract cannot read this image", error=error) from exc


def _read_output(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


# --- the pool -----------------------------------------------------------------


def _pool(size: int) -> ThreadPoolExecutor:
    """The process's pool of ``size`` OCR threads."""
    return _pool_of(size, os.getpid())  # a forked child must not inherit its parent's (threadless) pool


@functools.lru_cache(maxsize=None)
def _pool_of(size: int, pid: int) -> ThreadPoolExecutor:
    # threads are enough: each one waits on its own engine process; one pool per
    # size for the whole process, so documents read at the same time share the cores
    return ThreadPoolExecutor(max_workers=size, thread_name_prefix="ocr")


def warm_up(ctx: CaptureContext) -> None:
    """Start every OCR thread's engine and load its models, so that the first pages do not wait for it."""
    size = ctx.pool_size
    together = threading.Barrier(size)  # each task holds its thread until all have one: one engine each
    blank = Image.new("L", (64, 32), 255)

    def start() -> None:
        engine.recognise(blank, ctx.ocr_languages, PAGE_SEGMENTATION, ctx.dpi)
        engine.read_line(blank, ADDRESS_LANGUAGE, ctx.dpi)
        together.wait(timeout=OCR_TIMEOUT_SECONDS)

    for future in [_pool(size).submit(start) for _ in range(size)]:
        future.result()


def ocr_pages(images: Iterable[Image.Image], ctx: CaptureContext) -> Iterator[OcrPage]:
    """OCR pages in the pool, yielded in page order; only a small window is held in memory."""
    size = ctx.pool_size
    pending: deque[Future[OcrPage]] = deque()
    try:
        for image in images:
            pending.append(_pool(size).submit(ocr_image, image, ctx.ocr_languages, ctx.dpi))
            if len(pending) > 2 * size:  # decode ahead of the pool, but not a 200-page TIFF at once
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def ocr_capture(number: int, page: OcrPage) -> PageCapture:
    """The PageCapture of one OCR'd page."""
    return PageCapture(number=number, text=page.text, method="ocr", confidence=page.confidence,
                       **{k: getattr(page, k) for k in _GEOMETRY})


# rotation and skew are recorded once PageCapture has fields for them (intake/models.py is not capture's)
_GEOMETRY = tuple(k for k in ("rotation", "skew", "boxes") if k in PageCapture.model_fields)
