"""Reading the index: case lists with filters and keyset pages, counts, volumes, the member view,
the review queue and quarantine (search: :mod:`storage.index.search`).

Every query is answered from indexed columns; none reads the object store.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, ColumnElement, case, func, select, tuple_, union

from intake.models import Channel
from storage.index.query import CaseQuery, decode_cursor, encode_cursor
from storage.index.schema import cases, events, fields, items, quarantine
from storage.index.views import CasePage, CaseSummary, Contact, DayVolume, MemberView, QuarantineEntry, TeamCount

CHANNELS: tuple[str, ...] = Channel.__args__  # type: ignore[attr-defined]
SUMMARY = [c for c in cases.c if c.name not in {"active", "due_on"}]
MULTI = {"teams": "team", "statuses": "status", "topics": "topic", "complexities": "complexity",
         "urgencies": "urgency", "channels": "channel"}


def filters(query: CaseQuery) -> list[ColumnElement[bool]]:
    """The WHERE clauses of a query's filters (on ``cases``), all combined."""
    where: list[ColumnElement[bool]] = [cases.c[col].in_(getattr(query, name))
                                        for name, col in MULTI.items() if getattr(query, name)]
    optional = [(query.active, lambda v: cases.c.active == v), (query.member, lambda v: cases.c.member == v),
                (query.assignee, lambda v: cases.c.assignee == v),
                (query.unassigned, lambda v: cases.c.assignee.is_(None) if v else cases.c.assignee.is_not(None)),
                (query.received_from, lambda v: cases.c.first_received_at >= v),
                (query.received_until, lambda v: cases.c.first_received_at < v),
                (query.deadline_from, lambda v: cases.c.deadline >= v),
                (query.deadline_until, lambda v: cases.c.deadline <= v)]
    return where + [clause(value) for value, clause in optional if value is not None]


def summary(row: Any) -> CaseSummary:
    """A case row as a list shows it."""
    return CaseSummary.model_validate({k: v for k, v in row._mapping.items() if k != "sort_key"})


def list_cases(conn: Connection, query: CaseQuery) -> CasePage:
    """A page of cases in the query's order; keyset when a cursor is given, else offset."""
    key, ident = cases.c[query.sort_column], cases.c.id
    order = [key.desc(), ident.desc()] if query.is_descending else [key.asc(), ident.asc()]
    where = filters(query)
    after = decode_cursor(query)
    if after is not None:
        pair, start = tuple_(key, ident), tuple_(*after)
        where.append(pair < start if query.is_descending else pair > start)
    statement = select(*SUMMARY, key.label("sort_key")).where(*where).order_by(*order).limit(query.limit + 1)
    rows = conn.execute(statement.offset(query.offset) if after is None and query.offset else statement).all()
    page = [summary(r) for r in rows[:query.limit]]
    more = len(rows) > query.limit
    cursor = encode_cursor(query, rows[query.limit - 1].sort_key, page[-1].id) if more else None
    return CasePage(cases=tuple(page), next_cursor=cursor)


def count_cases(conn: Connection, query: CaseQuery) -> int:
    """How many cases match the filters."""
    return conn.execute(select(func.count()).select_from(cases).where(*filters(query))).scalar_one()


def count_up_to(conn: Connection, where: list, cap: int) -> int:
    """How many cases pass ``where``, counting no further than ``cap``."""
    capped = select(cases.c.id).where(*where).limit(cap).subquery()
    return conn.execute(select(func.count()).select_from(capped)).scalar_one()


def count_by_team(conn: Connection, teams: Sequence[str] = ()) -> list[TeamCount]:
    """Active cases per team and the oldest of each (one index range per team)."""
    counts = dict(conn.execute(select(cases.c.team, func.count()).where(cases.c.active.is_(True))
                               .group_by(cases.c.team)).all())
    names = sorted(set(teams) | {t for t in counts if t is not None})
    return [_team(conn, team, counts.get(team, 0)) for team in names]


def _team(conn: Connection, team: str, active: int) -> TeamCount:
    oldest = conn.execute(select(cases.c.id, cases.c.opened_at)
                          .where(cases.c.active.is_(True), cases.c.team == team)
                          .order_by(cases.c.opened_at, cases.c.id).limit(1)).first() if active else None
    return TeamCount(team=team, active=active, oldest_case=oldest.id if oldest else None,
                     oldest_opened_at=oldest.opened_at if oldest else None)


def deadline_counts(conn: Connection, today: date, near_until: date) -> dict[str, tuple[int, int]]:
    """Active cases per team past their deadline (before ``today``) and due from ``today`` to ``near_until``."""
    late = func.sum(case((cases.c.deadline < today, 1), else_=0))
    near = func.sum(case((cases.c.deadline >= today, 1), else_=0))
    rows = conn.execute(select(cases.c.team, late, near)
                        .where(cases.c.active.is_(True), cases.c.deadline <= near_until).group_by(cases.c.team))
    return {team or "none": (int(past or 0), int(soon or 0)) for team, past, soon in rows}


def volumes(conn: Connection, first: date, last: date, teams: Sequence[str] = ()) -> list[DayVolume]:
    """Items per day and channel (every day and channel, zeros included)."""
    statement = (select(items.c.received_day, items.c.channel, func.count())
                 .where(items.c.received_day.between(first, last)).group_by(items.c.received_day, items.c.channel))
    if teams:
        statement = statement.join(cases, cases.c.id == items.c.case_id).where(cases.c.team.in_(list(teams)))
    counts = {(day, channel): n for day, channel, n in conn.execute(statement)}
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [DayVolume(day=d, channels={c: counts.get((d, c), 0) for c in CHANNELS}) for d in days]


def member_view(conn: Connection, member: str, limit: int = 100) -> MemberView:
    """The member's cases (opened for them, or joined by one of their items) and their items."""
    # a union, not an OR: each half reads its own index (PostgreSQL would scan every case for the OR)
    theirs = union(select(cases.c.id).where(cases.c.member == member),
                   select(items.c.case_id).where(items.c.member == member))
    rows = conn.execute(select(*SUMMARY).where(cases.c.id.in_(select(theirs.subquery())))
                        .order_by(cases.c.last_received_at.desc(), cases.c.id)
                        .limit(limit)).all()
    found = [summary(r) for r in rows]
    contact_rows = conn.execute(select(items).where(items.c.case_id.in_([c.id for c in found]))
                                .order_by(items.c.received_at.desc(), items.c.envelope_id).limit(limit)).all()
    contacts = [Contact.model_validate(dict(r._mapping)) for r in contact_rows]
    return MemberView(member=member, cases=tuple(found), contacts=tuple(contacts))


def review_queue(conn: Connection, team: str, limit: int, offset: int) -> list[CaseSummary]:
    """Active cases of the review team, most urgent then oldest first."""
    rows = conn.execute(select(*SUMMARY).where(cases.c.active.is_(True), cases.c.team == team)
                        .order_by(cases.c.priority.desc(), cases.c.opened_at, cases.c.id)
                        .limit(limit).offset(offset)).all()
    return [summary(r) for r in rows]


def quarantine_list(conn: Connection, limit: int, offset: int) -> list[QuarantineEntry]:
    """Entries still in quarantine, newest first."""
    rows = conn.execute(select(quarantine).where(quarantine.c.released_at.is_(None))
                        .order_by(quarantine.c.at.desc(), quarantine.c.id).limit(limit).offset(offset)).all()
    return [QuarantineEntry.model_validate(dict(r._mapping)) for r in rows]


def quarantine_reasons(conn: Connection) -> list[tuple[str, int]]:
    """Entries still in quarantine per reason, most frequent first."""
    n = func.count().label("n")
    rows = conn.execute(select(quarantine.c.reason, n).where(quarantine.c.released_at.is_(None))
                        .group_by(quarantine.c.reason).order_by(n.desc(), quarantine.c.reason)).all()
    return [(r.reason, r.n) for r in rows]


def known_items(conn: Connection, envelope_ids: Sequence[str]) -> set[str]:
    """The envelope ids among these that the index has."""
    wanted = list(envelope_ids)
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        found |= set(conn.execute(select(items.c.envelope_id).where(items.c.envelope_id.in_(chunk))).scalars())
    return found


def dump(conn: Connection, dialect: Any) -> dict[str, list[tuple]]:
    """Every projected row as sorted tuples."""
    tables = {"cases": cases, "items": items, "events": events, "fields": fields, "quarantine": quarantine}
    out = {name: sorted(tuple(r) for r in conn.execute(select(*_stable(t)))) for name, t in tables.items()}
    out["texts"] = sorted(dialect.dump_texts(conn))
    return out


def _stable(table) -> list:
    return list(table.c)


