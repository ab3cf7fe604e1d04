"""The case index: a SQL projection of the case events, for lists, counts and search.

The object store stays the truth; the index can always be rebuilt from it
(``storage.index.rebuild.reindex``). Backends are chosen by URL scheme and
imported on first use (like ``storage.base`` stores), so a process that never
reads the index never loads a database driver:

* ``sqlite:///<path>`` — the embedded default, ``<data_dir>/index.sqlite3``;
* ``postgresql://user@host:port/database`` — deployments (psycopg 3).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol
from urllib.parse import urlsplit

from intake.errors import ConfigError, PermanentError, RetryableError
from intake.models import CaseEvent, Case
from storage.index.query import CaseQuery
from storage.index.rows import ItemRecord
from storage.index.views import (CasePage, CaseSummary, DayVolume, MemberView, QuarantineEntry, SearchPage,
                                 TeamCount)

BACKENDS: dict[str, str] = {
    "sqlite": "storage.index.sqlite:SqliteIndex",
    "postgresql": "storage.index.postgres:PostgresIndex",
    "postgres": "storage.index.postgres:PostgresIndex",
}


class IndexUnavailable(RetryableError):
    """The index database cannot be reached or is busy; try again later."""


class IndexQueryError(PermanentError):
    """The index database refused a statement (a bug or a damaged index, not a transient failure)."""


@dataclass(frozen=True)
class CaseBatch:
    """Events of one case to project, with the items they bring.

    ``complete``: the events are the case's whole history and the items all of its
    items (a rebuild), so the case is folded from them without reading back.
    ``journal``: the journal entry (see ``mark_pending``) this projection settles."""

    case_id: str
    events: tuple[CaseEvent, ...]
    items: tuple[ItemRecord, ...] = ()
    complete: bool = False
    journal: str | None = None


class CaseIndex(Protocol):
    """What every index backend does. Writes are idempotent: applying twice is applying once."""

    url: str

    def apply(self, batch: CaseBatch) -> None:
        """Project one case's events and items (and settle its journal entry), in one transaction."""

    def apply_many(self, batches: Sequence[CaseBatch]) -> None:
        """Project many cases in one transaction (rebuilds, catch-up)."""

    def mark_pending(self, case_id: str, journal: str) -> None:
        """Journal that events of ``case_id`` are about to be written to the store (durable on return)."""

    def pending(self, older_than: timedelta = timedelta(0)) -> list[tuple[str, str]]:
        """Journal entries (case id, journal key) older than ``older_than``: events maybe not projected."""

    def settle(self, entries: Sequence[tuple[str, str]]) -> None:
        """Remove journal entries whose events turned out not to exist."""

    def known_items(self, envelope_ids: Sequence[str]) -> set[str]:
        """Which of these items the index already has."""

    def put_quarantine(self, entry: dict) -> None:
        """Record a quarantine entry (as ``Records.quarantine`` writes it)."""

    def release_quarantine(self, entry_id: str, at: datetime, note: str = "") -> None:
        """Mark a quarantine entry released (retried)."""

    def clear(self) -> None:
        """Empty every table (before a rebuild)."""

    def analyze(self) -> None:
        """Refresh the query planner's statistics (after a rebuild or a bulk load)."""

    def case(self, case_id: str) -> Case:
        """A case with its whole timeline, folded from the index's events (NotFound if absent)."""

    def list_cases(self, query: CaseQuery) -> CasePage:
        """A page of cases matching the query, in its sort order."""

    def count_cases(self, query: CaseQuery) -> int:
        """How many cases match the query's filters."""

    def search(self, text: str, query: CaseQuery) -> SearchPage:
        """Cases whose items match ``text`` (French-aware, accents ignored), best first, with filters."""

    def count_by_team(self, teams: Sequence[str] = ()) -> list[TeamCount]:
        """Active cases per team with the oldest one (``teams`` listed even when empty)."""

    def deadline_counts(self, today: date, near_until: date) -> dict[str, tuple[int, int]]:
        """Active cases per team (None: ``none``) past their deadline and due from ``today`` to ``near_until``."""

    def volumes(self, first: date, last: date, teams: Sequence[str] = ()) -> list[DayVolume]:
        """Items received per day and channel from ``first`` to ``last`` (inclusive)."""

    def member_view(self, member: str, limit: int = 100) -> MemberView:
        """A member's cases and contacts across channels, newest first."""

    def review_queue(self, team: str = "review", limit: int = 50, offset: int = 0) -> list[CaseSummary]:
        """Active cases of the review team, most urgent then oldest first."""

    def quarantine(self, limit: int = 50, offset: int = 0) -> list[QuarantineEntry]:
        """Items still in quarantine, newest first."""

    def quarantine_reasons(self) -> list[tuple[str, int]]:
        """How many items are in quarantine per reason, most frequent first."""

    def dump(self) -> dict[str, list[tuple]]:
        """Every projected row, normalized and sorted (to compare two indexes)."""

    def close(self) -> None:
        """Release connections."""


def open_index(url: str, timezone: str = "Europe/Paris") -> CaseIndex:
    """Open (and migrate to the current schema) the index at ``url``."""
    scheme = urlsplit(url).scheme.partition("+")[0]
    target = BACKENDS.get(scheme)
    if target is None:
        raise ConfigError(f"unknown index URL scheme {scheme!r}; known: {sorted(BACKENDS)}")
    module_name, _, class_name = target.partition(":")
    backend = getattr(importlib.import_module(module_name), class_name)
    return backend.from_url(url, timezone)
