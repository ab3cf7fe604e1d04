"""The OCR engine process: reads pages with libtesseract, its models loaded once (``python -m capture.ocr.tessserver``).

Started and fed by ``capture/ocr/engine.py``, one per OCR thread of a worker. On
its stdin, one request per page: a frame (see :func:`write_frame`) whose
header names the language, page segmentation mode, resolution and size, and
whose payload is the page's 8-bit grey pixels. On its stdout, one answer per
request: the text, the TSV word report, the mean confidence and the CPU
seconds the read took, or an error. It exits when its stdin closes, which is
also what happens when the worker dies.
"""

from __future__ import annotations

import json
import os
import struct
import sys
import time
from typing import Any, BinaryIO

from capture.ocr.tessapi import recognise
from intake.errors import RetryableError

HEADER = struct.Struct("!II")  # header length, payload length


def write_frame(stream: BinaryIO, header: dict[str, Any], payload: bytes = b"") -> None:
    """One frame: the two lengths, the JSON header, the payload."""
    encoded = json.dumps(header).encode()
    stream.write(HEADER.pack(len(encoded), len(payload)) + encoded)
    if payload:
        stream.write(payload)
    stream.flush()


def read_frame(stream: BinaryIO) -> tuple[dict[str, Any], bytearray] | None:
    """The next frame, or None at the end of the stream."""
    lengths = read_exactly(stream, HEADER.size)
    if lengths is None:
        return None
    header_size, payload_size = HEADER.unpack(lengths)
    header, payload = read_exactly(stream, header_size), read_exactly(stream, payload_size)
    if header is None or payload is None:
        raise EOFError("frame cut short")
    return json.loads(header), payload


def read_exactly(stream: BinaryIO, size: int) -> bytearray | None:
    """``size`` bytes, or None if the stream ended before the first."""
    buffer = bytearray(size)
    view, done = memoryview(buffer), 0
    while done < size:
        got = stream.readinto(view[done:])
        if not got:
            if done == 0:
                return None
            raise EOFError(f"stream ended after {done} of {size} bytes")
        done += got
    return buffer


def answer(request: dict[str, Any], pixels: bytearray) -> dict[str, Any]:
    """Read one page; errors become an answer, so one bad page does not end the engine."""
    started = time.process_time()
    try:
        result = recognise(pixels, request["width"], request["height"], request["language"],
                           request["psm"], request["dpi"])
    except RetryableError as exc:  # no model for the language: the operator's to fix
        return {"error": exc.message, "retry": True, "data": exc.data}
    except (ValueError, KeyError) as exc:
        return {"error": f"bad request: {exc}", "retry": False}
    return {"text": result.text, "tsv": result.tsv, "confidence": result.confidence,
            "cpu": time.process_time() - started}


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """Answer requests until the input closes."""
    while (frame := read_frame(requests)) is not None:
        write_frame(answers, answer(*frame))


def main() -> None:
    """Serve on stdin/stdout; anything a library prints goes to stderr, not into the answers."""
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    try:
        serve(sys.stdin.buffer, answers)
    except (BrokenPipeError, EOFError):  # the worker is gone, mid-page: nobody is left to answer
        pass


if __name__ == "__main__":
    main()
