"""Tesseract in this process, through its C API (``libtesseract``, loaded with ctypes).

For small reads, a word or a line, where starting a ``tesseract`` process and
loading its model (~70 ms) would cost many times the read itself (a few ms).
Pages still go through the CLI in ``capture/ocr.py``, a process per page, so
that a page that crashes Tesseract takes one process down, not the worker.
One engine per thread and language, created on first use and kept: an engine
is not safe to share between threads. ``OMP_THREAD_LIMIT=1`` is set before
the library loads, for the same reason as the CLI's: the parallelism is pages.
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
_local = threading.local()
_all: list[int] = []  # every engine of every thread, to free at exit


class Reading(NamedTuple):
    """Text read off a small image, and Tesseract's mean confidence in [0, 1]."""

    text: str
    confidence: float


@functools.lru_cache(maxsize=1)
def _library() -> ctypes.CDLL:
    """libtesseract with the signatures used here; a missing library is an operator's problem."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    name = ctypes.util.find_library("tesseract")
    if name is None:
        raise RetryableError("libtesseract is not installed (Debian package libtesseract5)")
    lib = ctypes.CDLL(name)
    handle, text = ctypes.c_void_p, ctypes.c_char_p
    _declare(lib, "TessBaseAPICreate", handle)
    _declare(lib, "TessBaseAPIInit3", ctypes.c_int, handle, text, text)
    _declare(lib, "TessBaseAPISetPageSegMode", None, handle, ctypes.c_int)
    _declare(lib, "TessBaseAPISetImage", None, handle, ctypes.c_char_p, *[ctypes.c_int] * 4)
    _declare(lib, "TessBaseAPISetSourceResolution", None, handle, ctypes.c_int)
    _declare(lib, "TessBaseAPIGetUTF8Text", ctypes.c_void_p, handle)
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
        engines[language] = handle  # kept for the thread's life: the model load is what is saved
        _all.append(handle)
    return engines[language]


def _end_all(lib: ctypes.CDLL) -> None:
    """Free every engine at exit: Tesseract prints a leak warning for each model still loaded."""
    while _all:
        handle = _all.pop()
        lib.TessBaseAPIEnd(handle)
        lib.TessBaseAPIDelete(handle)


def read_line(image: Image.Image, language: str, dpi: int = 300) -> Reading:
    """One line of text off a small grey image, read in this process."""
    lib, handle = _library(), _engine(language)
    grey = image.convert("L")
    pixels = grey.tobytes()  # held until the read is done, whether or not Tesseract copies it
    lib.TessBaseAPISetPageSegMode(handle, SINGLE_LINE)
    lib.TessBaseAPISetImage(handle, pixels, grey.width, grey.height, 1, grey.width)
    lib.TessBaseAPISetSourceResolution(handle, dpi)
    pointer = lib.TessBaseAPIGetUTF8Text(handle)
    try:
        text = ctypes.string_at(pointer).decode("utf-8", errors="replace") if pointer else ""
        confidence = lib.TessBaseAPIMeanTextConf(handle) / 100
    finally:
        if pointer:
            lib.TessDeleteText(pointer)
        lib.TessBaseAPIClear(handle)
    return Reading(text.strip(), max(confidence, 0.0))
