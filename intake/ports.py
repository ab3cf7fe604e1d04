"""The narrow interfaces the layers talk through (typing Protocols).

Channels get a :class:`Gateway` (hand an item over, set aside what cannot be
read) and a :class:`BlobStore` for their checkpoints; stages that tell a
queue something get a :class:`Publisher`. The wiring (runtime/) implements
them on the real store and bus; nothing below it needs more.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from intake.drafts import Draft
from intake.models import Envelope, ObjectRef


class BlobStore(Protocol):
    """Durable key/bytes storage (storage/ implements it on a directory or S3)."""

    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None: ...

    def get(self, key: str) -> bytes: ...

    def exists(self, key: str) -> bool: ...

    def list(self, prefix: str) -> Iterator[str]: ...

    def delete(self, key: str) -> None: ...

    def put_blob(self, data: bytes) -> ObjectRef: ...


class Gateway(Protocol):
    """What a channel connector may do with intake."""

    max_item_bytes: int

    def submit(self, draft: Draft) -> Envelope:
        """Store the item durably and queue it; only then may the source be acknowledged."""

    def refuse(self, stage: str, subject: str, reason: str, raw: bytes | None = None,
               **details: Any) -> str:
        """Quarantine what cannot be taken (its bytes kept for a retry); return the entry id."""


class Publisher(Protocol):
    """Puts a message on a named queue, durably (returns once the broker has it)."""

    def notify(self, queue: str, body: dict[str, Any], priority: int = 0) -> None: ...
