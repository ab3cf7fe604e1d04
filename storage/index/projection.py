"""Writing the projection: events, items, fields, search text, then the case rows folded again.

Every write is an upsert keyed by the event id, the envelope id or the case
id, so applying a batch twice leaves the index as applying it once. A case
row is folded from the case's whole history (read back from the events table
unless the batch is the whole history), so events may arrive in any order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Subquery, Table, delete, func, select, tuple_
from sqlalchemy.sql.dml import Insert

from intake.models import Case, CaseEvent
from storage.index.rows import ItemRecord, ItemStats, case_row, event_from_row, event_row, field_rows, item_row
from storage.index.rows import sender_text, text_row
from storage.index.schema import cases, events, fields, items, metadata, pending

CHUNK = 500  # ids per IN list


class Dialect:
    """What differs between databases on the write side (a backend subclasses it)."""

    name: str
    insert: Any  # sqlalchemy.dialects.<name>.insert

    def upsert(self, table: Table, keys: Sequence[str], keep: Sequence[str] = ()) -> Insert:
        """INSERT ... ON CONFLICT (keys) DO UPDATE every other column but ``keep`` (built once, then reused)."""
        return _built(self, ("upsert", table.name, tuple(keys), tuple(keep)), lambda: self._upsert(table, keys, keep))

    def _upsert(self, table: Table, keys: Sequence[str], keep: Sequence[str]) -> Insert:
        statement = self.insert(table)
        changed = {c.name: statement.excluded[c.name] for c in table.columns
                   if c.name not in keys and c.name not in keep and not c.primary_key}
        return statement.on_conflict_do_update(index_elements=list(keys), set_=changed)


    def lock_cases(self, conn: Connection, case_ids: list[str]) -> None:
        """Serialize concurrent projections of the same cases until the transaction ends."""

    def write_texts(self, conn: Connection, texts: dict[str, dict[str, str]]) -> None:
        """Replace the searchable text of these items (by envelope id)."""
        raise NotImplementedError

    def clear(self, conn: Connection) -> None:
        """Empty every table."""
        raise NotImplementedError

    # the read side of search, implemented by each backend
    window: int = 1000  # matching items ranked per search: the most recent ones

    def candidates(self, text: str, where: list) -> Subquery | None:
        """(case_id, envelope_id, score) of the ``window`` most recent matching items that pass ``where``."""
        raise NotImplementedError

    def snippets(self, conn: Connection, text: str, envelope_ids: list[str]) -> dict[str, str]:
        raise NotImplementedError

    def dump_texts(self, conn: Connection) -> list[tuple]:
        raise NotImplementedError

    def analyze(self, conn: Connection) -> None:
        """Refresh the query planner's statistics (after bulk writes)."""
        raise NotImplementedError


def _built(dialect: Dialect, key: tuple, build: Any) -> Any:
    """A statement built once per dialect instance (building one costs more than running it on SQLite)."""
    statements = dialect.__dict__.setdefault("_statements", {})
    if key not in statements:
        statements[key] = build()
    return statements[key]


def project(conn: Connection, dialect: Dialect, batches: list, tz: ZoneInfo) -> None:
    """Write a list of ``CaseBatch`` in the open transaction."""
    dialect.lock_cases(conn, sorted({b.case_id for b in batches}))
    _write_events(conn, dialect, [e for b in batches for e in b.events])
    _write_items(conn, dialect, {i.envelope.id: (i, b.case_id) for b in batches for i in b.items}, tz)
    _write_cases(conn, dialect, batches)
    settle(conn, [(b.case_id, b.journal) for b in batches if b.journal])


def settle(conn: Connection, entries: Sequence[tuple[str, str]]) -> None:
    """Remove journal entries: their events are projected (or were never written)."""
    for chunk in _chunks(list(entries)):
        conn.execute(delete(pending).where(tuple_(pending.c.case_id, pending.c.batch).in_(chunk)))


def clear(conn: Connection, dialect: Dialect) -> None:
    """Empty the projection (a rebuild follows); the journal and the metadata stay."""
    dialect.clear(conn)


def projected_tables() -> list[Table]:
    """The tables a rebuild empties and refills."""
    return [t for t in metadata.sorted_tables if t.name not in {"pending", "index_meta"}]


def _write_events(conn: Connection, dialect: Dialect, new: list[CaseEvent]) -> None:
    if new:
        rows = list({e.id: event_row(e) for e in new}.values())
        # an upsert: a redelivered item writes its events again in the store (the capture and the
        # classification were done again, with their own times), and the index follows the store
        conn.execute(dialect.upsert(events, ("id",)), rows)


def _write_items(conn: Connection, dialect: Dialect, found: dict[str, tuple[ItemRecord, str]], tz: ZoneInfo) -> None:
    if not found:
        return
    conn.execute(dialect.upsert(items, ("envelope_id",)), [item_row(i, case, tz) for i, case in found.values()])
    for chunk in _chunks(list(found)):
        conn.execute(delete(fields).where(fields.c.envelope_id.in_(chunk)))
    values = [row for item, case in found.values() for row in field_rows(item, case)]
    if values:
        conn.execute(fields.insert(), values)
    dialect.write_texts(conn, {eid: text_row(item) for eid, (item, _) in found.items()})


def _write_cases(conn: Connection, dialect: Dialect, batches: list) -> None:
    by_case: dict[str, list] = defaultdict(list)
    for batch in batches:
        by_case[batch.case_id].append(batch)
    whole = {cid: mine[0] for cid, mine in by_case.items() if len(mine) == 1 and mine[0].complete}
    whole = _still_whole(conn, whole)
    folded = {cid: (list(b.events), _stats(b.items)) for cid, b in whole.items()}
    folded |= _read_back(conn, [cid for cid in by_case if cid not in whole])
    rows = [case_row(Case.from_events(cid, evs), stats) for cid, (evs, stats) in folded.items() if evs]
    if rows:
        conn.execute(dialect.upsert(cases, ("id",)), rows)


def _still_whole(conn: Connection, whole: dict[str, Any]) -> dict[str, Any]:
    """The complete batches whose case gained no event from another writer meanwhile (others are read back)."""
    held: dict[str, int] = {}
    for chunk in _chunks(list(whole)):
        query = select(events.c.case_id, func.count()).where(events.c.case_id.in_(chunk)).group_by(events.c.case_id)
        held |= dict(conn.execute(query).all())
    return {cid: b for cid, b in whole.items() if held.get(cid) == len({e.id for e in b.events})}


def _read_back(conn: Connection, case_ids: list[str]) -> dict[str, tuple[list[CaseEvent], ItemStats]]:
    """The whole history and item summary of cases, as the index now holds them."""
    history: dict[str, list[CaseEvent]] = defaultdict(list)
    contacts: dict[str, list[tuple]] = defaultdict(list)
    for chunk in _chunks(case_ids):
        for row in conn.execute(select(events).where(events.c.case_id.in_(chunk))):
            history[row.case_id].append(event_from_row(row))
        query = select(items.c.case_id, items.c.received_at, items.c.sender).where(items.c.case_id.in_(chunk))
        for row in conn.execute(query):
            contacts[row.case_id].append((row.received_at, row.sender))
    return {cid: (history[cid], _stats_of(contacts[cid])) for cid in case_ids}


def _stats(found: Iterable[ItemRecord]) -> ItemStats:
    return _stats_of([(i.envelope.received_at, sender_text(i.envelope.sender)) for i in found])


def _stats_of(contacts: list[tuple]) -> ItemStats:
    if not contacts:
        return ItemStats(0, None, None, None)
    ordered = sorted(contacts, key=lambda c: c[0])
    return ItemStats(len(ordered), ordered[0][0], ordered[-1][0], ordered[0][1])


def _chunks(values: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start:start + size]
