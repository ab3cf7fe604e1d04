"""The object-store interface and its registry keyed by URL scheme.

Backends are imported on first use, so the S3 SDK is only loaded by processes
that talk to S3 (kombu ``transport/__init__.py`` style).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from urllib.parse import urlsplit

from intake.errors import PermanentError
from intake.models import ObjectRef, sha256_hex
from intake.plugins import lookup

SMALL_BLOB = 1 << 20  # bytes
BACKENDS: dict[str, str] = {
    "file": "storage.local:LocalStore",
    "s3": "storage.s3:S3Store",
}


class ObjectStore(ABC):
    """Durable key/bytes storage. A ``put`` that returned is durable."""

    url: str

    def __repr__(self) -> str:
        """The store's kind and URL (without its secret), for the messages operators read."""
        return f"{type(self).__name__}({self.url})"

    @abstractmethod
    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        """Write ``data`` under ``key`` (replacing any previous value)."""

    @abstractmethod
    def get(self, key: str) -> bytes:
        """Read the bytes under ``key``; raise NotFound if absent."""

    @abstractmethod
    def exists(self, key: str) -> bool:
        """Whether ``key`` holds an object."""

    @abstractmethod
    def list(self, prefix: str) -> Iterator[str]:
        """Keys starting with ``prefix``, in lexical order."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove ``key`` if present."""

    def put_blob(self, data: bytes) -> ObjectRef:
        """Store bytes content-addressed; the same bytes are kept once."""
        digest = sha256_hex(data)
        key = f"raw/sha256/{digest[:2]}/{digest}"
        # rewriting identical bytes is harmless; asking first only pays off for big ones
        if len(data) <= SMALL_BLOB or not self.exists(key):
            self.put(key, data)
        return ObjectRef(key=key, sha256=digest, size=len(data))


def check_key(key: str) -> str:
    """Refuse keys that could escape the store's namespace."""
    parts = key.split("/")
    if not key or key.startswith("/") or any(p in {"", ".", ".."} for p in parts) or "\0" in key:
        raise PermanentError("unsafe object key", key=key)
    return key


def open_store(url: str) -> ObjectStore:
    """Open the store for ``url`` (``file:///dir`` or ``s3://...``)."""
    scheme = urlsplit(url).scheme or "file"
    return lookup(BACKENDS, scheme, "store URL scheme").from_url(url)
