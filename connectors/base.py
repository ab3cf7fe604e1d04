"""What every channel connector is: a source read into drafts, handed to a gateway.

A connector knows the kernel and nothing else of intake: it gets a frozen
:class:`ConnectorContext` (a gateway to submit through and to quarantine
with, a store for its checkpoints, its own settings) and acknowledges its
source only after ``gateway.submit`` returned.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from intake.ports import BlobStore, Gateway
from intake.settings import Section


@dataclass(frozen=True)
class ConnectorContext:
    """What a connector may use, fixed when it starts."""

    gateway: Gateway
    store: BlobStore  # for checkpoints (connectors/checkpoints.py)
    broker_url: str = ""  # intake's own broker, the default of feeds that read one


class Connector(ABC):
    """Pulls items from one source and submits them; acknowledges the source
    only after ``submit`` returned, and remembers what it took."""

    kind: ClassVar[str]
    Settings: ClassVar[type[Section]]  # its own settings model, read from INTAKE_* variables
    name: str

    @classmethod
    @abstractmethod
    def problem(cls, settings: Section, target: str = "") -> str | None:
        """Why this kind cannot run with ``settings`` (``target``: one of its sources), or None."""

    @classmethod
    @abstractmethod
    def configured(cls, context: ConnectorContext, settings: Section, target: str = "") -> list["Connector"]:
        """The connectors of this kind the settings describe (``target``: just one of them)."""

    @abstractmethod
    def run(self, stop: threading.Event) -> None:
        """Take items until ``stop`` is set; reconnect on transient failures."""
