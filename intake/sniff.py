"""The real type of some bytes, never the file name or the declared type.

Methods are tried in order, each returning a MIME type or None; the chain ends
in an explicit UNKNOWN (unstructured ``filetype.py`` style).
"""

from __future__ import annotations

from collections.abc import Callable

UNKNOWN = "application/octet-stream"
EMPTY = "application/x-empty"

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
)


def _by_emptiness(data: bytes) -> str | None:
    return EMPTY if not data else None


def _by_libmagic(data: bytes) -> str | None:
    try:
        import magic
    except ImportError:  # libmagic missing: the signature table still works
        return None
    mime = magic.from_buffer(data[:65536], mime=True)
    return None if mime in {"", UNKNOWN, "application/x-empty"} else mime


def _by_signature(data: bytes) -> str | None:
    # a PDF may start after a little junk: readers accept the header in the first 1 KiB
    if b"%PDF-" in data[:1024]:
        return "application/pdf"
    return next((mime for magic_bytes, mime in _SIGNATURES if data.startswith(magic_bytes)), None)


def _by_text(data: bytes) -> str | None:
    sample = data[:4096]
    if b"\0" in sample:
        return None
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # a cut multi-byte char at the end is fine
            return None
    return "text/plain"


METHODS: tuple[Callable[[bytes], str | None], ...] = (_by_emptiness, _by_signature, _by_libmagic, _by_text)


def sniff(data: bytes) -> str:
    """The MIME type of ``data``, or UNKNOWN."""
    for method in METHODS:
        mime = method(data)
        if mime:
            return mime
    return UNKNOWN
