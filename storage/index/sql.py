"""The SQL case index both databases share: transactions, error conversion, and the API.

Writes go through :mod:`storage.index.projection`, reads through
:mod:`storage.index.reads` and the backend's search; a backend
(:mod:`storage.index.sqlite`, :mod:`storage.index.postgres`) adds its engine,
its upsert, its full-text table and its search statement.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, select, update
from sqlalchemy import exc as sa_exc

from intake.errors import NotFound
from intake.models import Case, utcnow
from storage.index import projection, reads, search
from storage.index.base import CaseBatch, IndexQueryError, IndexUnavailable
from storage.index.query import CaseQuery
from storage.index.rows import event_from_row
from storage.index.schema import events, pending, quarantine
from storage.index.views import CasePage, CaseSummary, DayVolume, MemberView, QuarantineEntry, SearchPage, TeamCount

TRANSIENT = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError, sa_exc.DisconnectionError)


@contextmanager
def converted_errors(url: str) -> Iterator[None]:
    """Turn the database library's errors into intake's (retry what is transient)."""
    try:
        yield
    except TRANSIENT as exc:
        raise IndexUnavailable("case index unavailable", url=url, error=type(exc.orig or exc).__name__) from exc
    except sa_exc.SQLAlchemyError as exc:
        raise IndexQueryError("case index refused a statement", url=url, error=str(exc).splitlines()[0]) from exc


class SqlCaseIndex:
    """A case index in a SQL database (see ``storage.index.base.CaseIndex``)."""

    dialect: projection.Dialect

    def __init__(self, engine: Engine, url: str, timezone: str, writer: Engine | None = None) -> None:
        self.engine, self.url, self.tz = engine, url, ZoneInfo(timezone)
        self.writer = writer or engine

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with converted_errors(self.url), self.writer.begin() as conn:
            yield conn

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with converted_errors(self.url), self.engine.connect() as conn:
            yield conn

    # -- writes -----------------------------------------------------------------------------

    def apply(self, batch: CaseBatch) -> None:
        self.apply_many([batch])

    def apply_many(self, batches: Sequence[CaseBatch]) -> None:
        if batches:
            with self._writing() as conn:
                projection.project(conn, self.dialect, list(batches), self.tz)

    def mark_pending(self, case_id: str, journal: str) -> None:
        row = {"case_id": case_id, "batch": journal, "since": utcnow()}
        with self._writing() as conn:
            conn.execute(self.dialect.upsert(pending, ("case_id", "batch")), row)

    def pending(self, older_than: timedelta = timedelta(0)) -> list[tuple[str, str]]:
        with self._reading() as conn:
            rows = conn.execute(select(pending.c.case_id, pending.c.batch)
                                .where(pending.c.since <= utcnow() - older_than).order_by(pending.c.since))
            return [(r.case_id, r.batch) for r in rows]

    def settle(self, entries: Sequence[tuple[str, str]]) -> None:
        with self._writing() as conn:
            projection.settle(conn, entries)

    def known_items(self, envelope_ids: Sequence[str]) -> set[str]:
        with self._reading() as conn:
            return reads.known_items(conn, envelope_ids)

    def put_quarantine(self, entry: dict) -> None:
        row = {"id": entry["id"], "item": str(entry["item"]), "stage": str(entry["stage"]),
               "reason": str(entry["reason"]), "at": datetime.fromisoformat(str(entry["at"])),
               "released_at": None, "note": None}
        with self._writing() as conn:
            conn.execute(self.dialect.upsert(quarantine, ("id",), keep=("released_at", "note")), row)

    def release_quarantine(self, entry_id: str, at: datetime, note: str = "") -> None:
        with self._writing() as conn:
            conn.execute(update(quarantine).where(quarantine.c.id == entry_id).values(released_at=at, note=note))

    def analyze(self) -> None:
        with self._writing() as conn:
            self.dialect.analyze(conn)

    def clear(self) -> None:
        with self._writing() as conn:
            projection.clear(conn, self.dialect)

    # -- reads ------------------------------------------------------------------------------

    def case(self, case_id: str) -> Case:
        with self._reading() as conn:
            rows = conn.execute(select(events).where(events.c.case_id == case_id)).all()
        if not rows:
            raise NotFound("no such case in the index", case_id=case_id)
        return Case.from_events(case_id, [event_from_row(r) for r in rows])

    def list_cases(self, query: CaseQuery) -> CasePage:
        with self._reading() as conn:
            return reads.list_cases(conn, query)

    def count_cases(self, query: CaseQuery) -> int:
        with self._reading() as conn:
            return reads.count_cases(conn, query)

    def search(self, text: str, query: CaseQuery) -> SearchPage:
        with self._reading() as conn:
            return search.search(conn, self.dialect, text, query)

    def count_by_team(self, teams: Sequence[str] = ()) -> list[TeamCount]:
        with self._reading() as conn:
            return reads.count_by_team(conn, teams)

    def deadline_counts(self, today: date, near_until: date) -> dict[str, tuple[int, int]]:
        with self._reading() as conn:
            return reads.deadline_counts(conn, today, near_until)

    def volumes(self, first: date, last: date, teams: Sequence[str] = ()) -> list[DayVolume]:
        with self._reading() as conn:
            return reads.volumes(conn, first, last, teams)

    def member_view(self, member: str, limit: int = 100) -> MemberView:
        with self._reading() as conn:
            return reads.member_view(conn, member, limit)

    def review_queue(self, team: str = "review", limit: int = 50, offset: int = 0) -> list[CaseSummary]:
        with self._reading() as conn:
            return reads.review_queue(conn, team, limit, offset)

    def quarantine(self, limit: int = 50, offset: int = 0) -> list[QuarantineEntry]:
        with self._reading() as conn:
            return reads.quarantine_list(conn, limit, offset)

    def quarantine_reasons(self) -> list[tuple[str, int]]:
        with self._reading() as conn:
            return reads.quarantine_reasons(conn)

    def lets_few_through(self, where: list) -> bool:
        """Whether at most 5 search windows' worth of cases pass ``where`` (a count that stops there)."""
        cap = 5 * self.dialect.window
        with self._reading() as conn:
            return reads.count_up_to(conn, where, cap + 1) <= cap

    def dump(self) -> dict[str, list[tuple]]:
        with self._reading() as conn:
            return reads.dump(conn, self.dialect)

    def close(self) -> None:
        self.engine.dispose()

