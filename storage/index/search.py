"""Full-text search: cases whose items match, best first, one hit per case, with the matching passage.

Matching and ranking are the backend's (SQLite FTS5 and bm25, PostgreSQL
``tsvector`` and ``ts_rank``). So that a common word costs no more than a
rare one, the backend ranks the **most recent matching items** that pass the
query's filters, at most ``window`` of them (1,000 by default, a backend
setting): a search for a member number, a name, an IBAN or a rare word ranks
every match; a search for "remboursement" ranks the last thousand. Snippets are
made afterwards for the page's rows only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, Subquery, func, select

from storage.index.query import CaseQuery
from storage.index.reads import SUMMARY, filters, summary
from storage.index.schema import cases
from storage.index.views import SearchHit, SearchPage


def search(conn: Connection, dialect: Any, text: str, query: CaseQuery) -> SearchPage:
    """Best-matching cases first (one hit per case, its best item), with the matching passage."""
    if not text.strip():
        return SearchPage(hits=())
    candidates = dialect.candidates(text, filters(query))
    if candidates is None:
        return SearchPage(hits=())
    found = conn.execute(best_per_case(candidates, query.limit + 1, query.offset)).all()
    shown = found[:query.limit]
    by_id = {r.id: summary(r) for r in conn.execute(select(*SUMMARY).where(cases.c.id.in_([h.case_id for h in shown])))}
    passages = dialect.snippets(conn, text, [h.envelope_id for h in shown])
    hits = [SearchHit(case=by_id[h.case_id], envelope_id=h.envelope_id, snippet=passages.get(h.envelope_id, ""),
                      score=float(h.score)) for h in shown if h.case_id in by_id]
    return SearchPage(hits=tuple(hits), next_offset=query.offset + query.limit if len(found) > query.limit else None)


def best_per_case(candidates: Subquery, limit: int, offset: int) -> Select:
    """One row per case (its best item), best first, then by case id."""
    best = func.row_number().over(partition_by=candidates.c.case_id,
                                  order_by=(candidates.c.score.desc(), candidates.c.envelope_id)).label("n")
    ranked = select(candidates, best).subquery()
    return (select(ranked.c.case_id, ranked.c.envelope_id, ranked.c.score).where(ranked.c.n == 1)
            .order_by(ranked.c.score.desc(), ranked.c.case_id).limit(limit).offset(offset))
