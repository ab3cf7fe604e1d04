"""What a connector already took, kept in the object store so a rerun (or a
restart after a crash) never ingests an item twice.

::

    checkpoints/<connector>/<name>.json              a named state (IMAP: UIDVALIDITY + last UID)
    checkpoints/<connector>/seen/<ab>/<sha256(key)>  one marker per item taken -> its envelope id

A marker is written right after ``submit`` returned and before the source is
acknowledged (mail moved, file archived, message acked): a crash after it
finds the marker and only finishes the acknowledgement.
"""

from __future__ import annotations

import json
from typing import Any

from intake.drafts import Draft
from intake.errors import NotFound
from intake.models import sha256_hex, utcnow
from intake.ports import BlobStore, Gateway


class Checkpoints:
    """One connector's memory, under ``checkpoints/<namespace>/``."""

    def __init__(self, store: BlobStore, namespace: str) -> None:
        self.store = store
        self.prefix = f"checkpoints/{namespace}"

    def load(self, name: str) -> dict[str, Any] | None:
        """A named state, or None if never saved."""
        try:
            return json.loads(self.store.get(f"{self.prefix}/{name}.json"))
        except NotFound:
            return None

    def save(self, name: str, state: dict[str, Any]) -> None:
        """Replace a named state."""
        self.store.put(f"{self.prefix}/{name}.json", json.dumps(state, indent=1).encode(), "application/json")

    def _marker(self, key: str) -> str:
        digest = sha256_hex(key.encode())
        return f"{self.prefix}/seen/{digest[:2]}/{digest}"

    def seen(self, key: str) -> str | None:
        """The envelope id an item was taken as, or None if it never was."""
        try:
            return json.loads(self.store.get(self._marker(key)))["envelope_id"]
        except NotFound:
            return None

    def remember(self, key: str, envelope_id: str) -> None:
        """Note that the item ``key`` was submitted as ``envelope_id``."""
        body = {"key": key, "envelope_id": envelope_id, "at": utcnow().isoformat()}
        self.store.put(self._marker(key), json.dumps(body).encode(), "application/json")


def submit_once(gateway: Gateway, memory: Checkpoints, key: str, draft: Draft) -> tuple[str, bool]:
    """Submit ``draft`` unless ``key`` was taken before: (envelope id, whether it was submitted now)."""
    previous = memory.seen(key)
    if previous is not None:
        return previous, False
    envelope = gateway.submit(draft)
    memory.remember(key, envelope.id)
    return envelope.id, True
