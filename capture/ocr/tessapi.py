"""Tesseract through its C API (``libtesseract``, loaded with ctypes), in the calling process.

The model is loaded once per engine and kept, where the ``tesseract`` CLI
loads it again for every page (~0.1 s of CPU for ``fra+eng``, a seventh of a
letter's OCR). Pages are read this way inside the OCR engine processes of
``capture/ocr/engine.py``, so that a page that crashes Tesseract takes down one
engine, not the worker. One engine per thread and language, created on first
use: an engine is not safe to share between threads. ``OMP_THREAD_LIMIT=1``
is set before the library loads: the parallelism is pages, one engine per core.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import functools
import os
import threading
from typing import NamedTuple

from PIL import Image

from intake.errors import RetryableError

SINGLE_LINE = 7  # tesseract::PSM_SINGLE_LINE
# the header the CLI's TSV renderer writes; the C API gives the rows alone
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
_local = threading.local()
_all: list[int] = []  # every engine of every thread, to free at exit


class Reading(NamedTuple):
    """Text read off a small image, and Tesseract's mean confidence in [0, 1]."""

    text: str
    confidence: float


class Recognised(NamedTuple):
    """What one read gave: the text, the TSV report of the words (with its header), the mean confidence."""

    text: str
    tsv: str
    confidence: float


@functools.lru_cache(maxsize=1)
def _library() -> ctypes.CDLL:
    """libtesseract with the signatures used here; a missing library is an operator's problem."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    name = ctypes.util.find_library("tesseract")
    if name is None:
        raise RetryableError("libtesseract is not installed (Debian package libtesseract5)")
    lib = ctypes.CDLL(name)  # a CDLL call releases the GIL: engines of several threads run at once
    handle, text = ctypes.c_void_p, ctypes.c_char_p
    _declare(lib, "TessBaseAPICreate", handle)
    _declare(lib, "TessBaseAPIInit3", ctypes.c_int, handle, text, text)
    _declare(lib, "TessBaseAPISetVariable", ctypes.c_int, handle, text, text)
    _declare(lib, "TessBaseAPISetPageSegMode", None, handle, ctypes.c_int)
    _declare(lib, "TessBaseAPISetImage", None, handle, ctypes.c_void_p, *[ctypes.c_int] * 4)
    _declare(lib, "TessBaseAPISetSourceResolution", None, handle, ctypes.c_int)
    _declare(lib, "TessBaseAPIGetUTF8Text", ctypes.c_void_p, handle)
    _declare(lib, "TessBaseAPIGetTsvText", ctypes.c_void_p, handle, ctypes.c_int)
    _declare(lib, "TessBaseAPIMeanTextConf", ctypes.c_int, handle)
    _declare(lib, "TessBaseAPIClear", None, handle)
    _declare(lib, "TessDeleteText", None, ctypes.c_void_p)
    _declare(lib, "TessBaseAPIEnd", None, handle)
    _declare(lib, "TessBaseAPIDelete", None, handle)
    atexit.register(_end_all, lib)
    return lib


def _declare(lib: ctypes.CDLL, name: str, restype: object, *argtypes: object) -> None:
    function = getattr(lib, name)
    function.restype, function.argtypes = restype, list(argtypes)


def _engine(language: str) -> int:
    """This thread's engine for ``language``, initialised once."""
    engines = _local.__dict__.setdefault("engines", {})
    if language not in engines:
        lib = _library()
        handle = lib.TessBaseAPICreate()
        if lib.TessBaseAPIInit3(handle, None, language.encode()) != 0:
            lib.TessBaseAPIDelete(handle)
            raise RetryableError("Tesseract has no model for this language", language=language)
        lib.TessBaseAPISetVariable(handle, b"debug_file", os.devnull.encode())  # its chatter, not the worker's log
        engines[language] = handle  # kept for the thread's life: the model load is what is saved
        _all.append(handle)
    return engines[language]


def _end_all(lib: ctypes.CDLL) -> None:
    """Free every engine at exit: Tesseract prints a leak warning for each model still loaded."""
    while _all:
        handle = _all.pop()
        lib.TessBaseAPIEnd(handle)
        lib.TessBaseAPIDelete(handle)


def recognise(pixels: bytes | bytearray, width: int, height: int, language: str, psm: int,
              dpi: int = 300) -> Recognised:
    """Read an 8-bit grey image given as ``width * height`` bytes, row by row."""
    if len(pixels) != width * height:
        raise ValueError(f"{len(pixels)} bytes for a {width}x{height} grey image")
    lib, handle = _library(), _engine(language)
    buffer = (ctypes.c_char * len(pixels)).from_buffer(pixels) if isinstance(pixels, bytearray) else pixels
    lib.TessBaseAPISetPageSegMode(handle, psm)
    lib.TessBaseAPISetImage(handle, buffer, width, height, 1, width)  # Tesseract copies the pixels
    lib.TessBaseAPISetSourceResolution(handle, dpi)
    try:
        text = _take_text(lib, lib.TessBaseAPIGetUTF8Text(handle))
        tsv = _take_text(lib, lib.TessBaseAPIGetTsvText(handle, 0))
        confidence = lib.TessBaseAPIMeanTextConf(handle) / 100
    finally:
        lib.TessBaseAPIClear(handle)
    return Recognised(text, TSV_HEADER + tsv, max(confidence, 0.0))


def _take_text(lib: ctypes.CDLL, pointer: int | None) -> str:
    """The UTF-8 text Tesseract returned, decoded, and its buffer freed."""
    if not pointer:
        return ""
    try:
        return ctypes.string_at(pointer).decode("utf-8", errors="replace")
    finally:
        lib.TessDeleteText(pointer)


def read_line(image: Image.Image, language: str, dpi: int = 300) -> Reading:
    """One line of text off a small image, read in this process."""
    grey = image.convert("L")
    result = recognise(grey.tobytes(), grey.width, grey.height, language, SINGLE_LINE, dpi)
    return Reading(result.text.strip(), result.confidence)
