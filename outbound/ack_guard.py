"""What keeps acknowledgements from being abused: a form or a forged e-mail naming someone
else's address must not make the insurer write to that address over and over.

* a budget per recipient address and per client (the web client's network address,
  kept as a digest in ``meta["web_peer"]``): at most ``per_address`` and ``per_peer``
  acknowledgements a day (UTC), counted in the store so every outbound worker agrees
  (``outbound/ack-budget/<address|peer>/<digest>/<day>/<envelope_id>``: one object per
  acknowledgement, so a redelivered item is not counted twice);
* optionally, only addresses the member is already known by: a directory of
  ``member_number,email`` rows exported from the member database
  (``INTAKE_ACK_DIRECTORY``, enforced with ``INTAKE_ACK_KNOWN_ADDRESSES_ONLY``).

The acknowledgement itself carries no text the sender typed (outbound/ack.py).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from intake.addresses import mailbox
from intake.errors import ConfigError
from intake.models import Capture, Envelope, sha256_hex, utcnow
from storage.records import Records

BUDGET = "outbound/ack-budget"


@dataclass(frozen=True)
class AckLimits:
    """How many acknowledgements an address or a client may cause a day, and to whom they may go."""

    per_address: int = 3
    per_peer: int = 10
    known_only: bool = False
    directory: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if self.per_address < 0 or self.per_peer < 0:
            raise ConfigError("INTAKE_ACK_MAX_PER_ADDRESS and INTAKE_ACK_MAX_PER_PEER must be 0 or more")
        if self.known_only and not self.directory:
            raise ConfigError("INTAKE_ACK_KNOWN_ADDRESSES_ONLY needs INTAKE_ACK_DIRECTORY (member_number,email rows)")


def load_directory(path: Path | None) -> Mapping[str, frozenset[str]]:
    """The members' known addresses from a ``member_number,email`` CSV (ConfigError if unreadable)."""
    if path is None:
        return MappingProxyType({})
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeError, csv.Error) as exc:
        raise ConfigError(f"cannot read INTAKE_ACK_DIRECTORY {path}: {type(exc).__name__}") from None
    known: dict[str, set[str]] = {}
    for row in rows:
        number, address = (row.get("member_number") or "").strip(), mailbox(row.get("email"))
        if number and address:
            known.setdefault(number, set()).add(address)
    return MappingProxyType({k: frozenset(v) for k, v in known.items()})


class AckGuard:
    """Admits an acknowledgement to an address, or says (in French) why not; counts what it admits."""

    def __init__(self, records: Records, limits: AckLimits) -> None:
        self.records, self.limits = records, limits

    def admit(self, envelope: Envelope, capture: Capture, address: str) -> str | None:
        """None when this item's acknowledgement may go to ``address`` (and is counted); else the reason."""
        if self.limits.known_only and not self._known(capture, address):
            return "adresse inconnue pour cet adhérent (seules les adresses connues reçoivent un accusé)"
        budgets = [("address", address, self.limits.per_address)]
        if peer := envelope.meta.get("web_peer"):
            budgets.append(("peer", peer, self.limits.per_peer))
        for kind, who, limit in budgets:
            if self._spent(kind, who, envelope.id) >= limit:
                return f"limite de {limit} accusé(s) par jour atteinte pour {LABELS[kind]}"
        for kind, who, _ in budgets:
            self.records.store.put(self._key(kind, who, envelope.id), b"", "text/plain")
        return None

    def _known(self, capture: Capture, address: str) -> bool:
        members = capture.values("member_number")
        return any(address in self.limits.directory.get(member, ()) for member in members)

    def _spent(self, kind: str, who: str, envelope_id: str) -> int:
        prefix = self._key(kind, who, "")
        return sum(1 for key in self.records.store.list(prefix) if not key.endswith("/" + envelope_id))

    def _key(self, kind: str, who: str, envelope_id: str) -> str:
        return f"{BUDGET}/{kind}/{sha256_hex(who.encode())[:32]}/{utcnow().date().isoformat()}/{envelope_id}"


LABELS = {"address": "cette adresse", "peer": "ce client (même adresse réseau)"}
