"""OCR engine processes: Tesseract with its models loaded once, one process per OCR thread.

The ``tesseract`` CLI loads ``fra+eng`` again for every page, ~0.1 s of CPU
out of the ~0.7 s a letter's OCR takes. An engine (``capture/ocr/tessserver.py``)
keeps the models loaded and reads page after page, sent to it as grey pixels
over a pipe. It stays a process of its own, as the CLI was, so that what
Tesseract does to a page cannot take the worker with it: an engine that
crashes, or takes longer than ``TIMEOUT_SECONDS`` on a page, is killed and
replaced, and that page fails with a clear reason (crash: permanent, the page
is quarantined; timeout: retried). A new engine's first page is also allowed
``START_SECONDS`` for the engine's start (the interpreter, libtesseract, the
model), which on a busy machine takes far longer than a page and must not
count against the page's own timeout. Engines are started on first use, kept
per thread (one engine reads one page at a time), recycled after
``READS_PER_ENGINE`` reads, and end with the worker (their stdin closes).
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from PIL import Image

from capture.ocr.tessapi import SINGLE_LINE, Reading, Recognised
from capture.ocr.tessserver import read_frame, write_frame
from intake.errors import PermanentError, RetryableError

TIMEOUT_SECONDS = 120  # one page
START_SECONDS = 120  # an engine's start and model loading, added to its first page's timeout
READS_PER_ENGINE = 2000  # a fresh process now and then: whatever Tesseract keeps between reads is let go
_ROOT = str(Path(__file__).resolve().parents[2])
_local = threading.local()
_lock = threading.Lock()
_engines: list["Engine"] = []
_counters = {"cpu": 0.0, "busy": 0, "reads": 0, "started": 0}


class Engine:
    """One engine process and the pipes to it."""

    def __init__(self) -> None:
        env = {**os.environ, "OMP_THREAD_LIMIT": "1",
               "PYTHONPATH": os.pathsep.join(p for p in (_ROOT, os.environ.get("PYTHONPATH")) if p)}
        self.proc = subprocess.Popen([sys.executable, "-m", "capture.ocr.tessserver"], env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True)
        self.owner, self.reads, self.expired = os.getpid(), 0, False
        _count("started", 1)

    def read(self, grey: Image.Image, language: str, psm: int, dpi: int) -> dict[str, Any]:
        """Send one page and wait for its answer; a dead or stuck engine is killed and reported."""
        header = {"language": language, "psm": psm, "dpi": dpi, "width": grey.width, "height": grey.height}
        timer = threading.Timer(self.timeout(), self._expire)  # the write blocks too if the engine hangs
        timer.start()
        try:
            write_frame(self.proc.stdin, header, grey.tobytes())
            reply = read_frame(self.proc.stdout)
        except (OSError, EOFError, ValueError):  # a broken or closed pipe: the engine is gone
            reply = None
        finally:
            timer.cancel()
        if reply is not None:  # an answer that beat the timer by a hair stands; the engine is replaced then
            self.reads += 1
            return reply[0]
        if self.expired:
            self.close()
            raise RetryableError("OCR timed out", seconds=self.timeout())
        raise PermanentError("la reconnaissance de texte (Tesseract) a planté sur cette page", exit=self.close(kill=True))

    def timeout(self) -> float:
        """Seconds the next page may take: the page's, plus the start's for the engine's first."""
        return TIMEOUT_SECONDS + (START_SECONDS if self.reads == 0 else 0)

    def _expire(self) -> None:
        self.expired = True
        self.proc.kill()

    @property
    def usable(self) -> bool:
        """Whether this process may send it another page."""
        return self.owner == os.getpid() and self.proc.poll() is None and self.reads < READS_PER_ENGINE

    def close(self, kill: bool = False) -> int | None:
        """End the process (closing its input ends it; ``kill`` does not wait); its exit code."""
        if self.owner != os.getpid():  # a forked child's copy: the process is the parent's
            return None
        with _lock:
            if self in _engines:
                _engines.remove(self)
        if kill:
            self.proc.kill()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            return self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


def recognise(image: Image.Image, language: str, psm: int, dpi: int = 300) -> Recognised:
    """Read an image in this thread's engine: its text, TSV word report and mean confidence."""
    grey = image if image.mode == "L" else image.convert("L")
    _count("busy", 1)
    try:
        reply = _engine().read(grey, language, psm, dpi)
    finally:
        _count("busy", -1)
    if "error" in reply:
        error = RetryableError if reply.get("retry") else PermanentError
        raise error(reply["error"], **reply.get("data", {}))
    _count("cpu", reply["cpu"])
    _count("reads", 1)
    return Recognised(reply["text"], reply["tsv"], reply["confidence"])


def read_line(image: Image.Image, language: str, dpi: int = 300) -> Reading:
    """One line of text off a small image (an address cut out of a page), read in this thread's engine."""
    result = recognise(image, language, SINGLE_LINE, dpi)
    return Reading(result.text.strip(), result.confidence)


def _engine() -> Engine:
    """This thread's engine, started if it has none that it may use."""
    engine = getattr(_local, "engine", None)
    if engine is None or not engine.usable:
        if engine is not None:
            engine.close()
        engine = _local.engine = Engine()
        with _lock:
            _engines.append(engine)
    return engine


def _count(name: str, amount: float) -> None:
    with _lock:
        _counters[name] += amount


def cpu_seconds() -> float:
    """CPU seconds the engines of this process spent reading, as they reported it."""
    return _counters["cpu"]


def pids() -> list[int]:
    """Process ids of this process's live engines."""
    with _lock:
        return [e.proc.pid for e in _engines if e.owner == os.getpid() and e.proc.poll() is None]


def stats() -> dict[str, float]:
    """Engines started, reads done (pages and address re-reads), their CPU seconds, and reads in progress."""
    with _lock:
        return dict(_counters)


@atexit.register
def close_all() -> None:
    """End every engine of this process."""
    with _lock:
        engines = list(_engines)
    for engine in engines:
        engine.close()
