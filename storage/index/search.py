"""Full-text search: cases whose items match, best first, one hit per case, with the matching passage.

Matching and ranking are the backend's (SQLite FTS5 and bm25, PostgreSQL
``tsvector`` and ``ts_rank``): it returns (case, item, score) rows filtered by
the query's case filters; snippets are made afterwards for the page's rows only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from storage.index.query import CaseQuery
from storage.index.reads import SUMMARY, filters, summary
from storage.index.schema import cases
from storage.index.views import SearchHit, SearchPage


def search(conn: Connection, dialect: Any, text: str, query: CaseQuery) -> SearchPage:
    """Best-matching cases first (one hit per case, its best item), with the matching passage."""
    if not text.strip():
        return SearchPage(hits=())
    found = dialect.search_hits(conn, text, filters(query), query.limit + 1, query.offset)
    shown = found[:query.limit]
    by_id = {r.id: summary(r) for r in conn.execute(select(*SUMMARY).where(cases.c.id.in_([h.case_id for h in shown])))}
    passages = dialect.snippets(conn, text, [h.envelope_id for h in shown])
    hits = [SearchHit(case=by_id[h.case_id], envelope_id=h.envelope_id, snippet=passages.get(h.envelope_id, ""),
                      score=float(h.score)) for h in shown if h.case_id in by_id]
    return SearchPage(hits=tuple(hits), next_offset=query.offset + query.limit if len(found) > query.limit else None)
