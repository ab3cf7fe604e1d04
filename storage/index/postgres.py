"""The index for deployments: PostgreSQL through psycopg 3, French full-text search.

URL: ``postgresql://user:password@host:5432/database`` with optional settings
in the query string (``PostgresOptions``: ``pool_size``, ``max_overflow``,
``connect_timeout_s``, ``statement_timeout_ms``, ``synchronous_commit``,
``search_window``); other query parameters (``sslmode=...``) go to the driver.

``synchronous_commit=off`` (the default) for the index's sessions: a commit
returns before the server has flushed its WAL. Nothing is lost if intake's
process dies; if the PostgreSQL server crashes, its last index commits
(at most 3 × ``wal_writer_delay``, 0.6 s by default) may be lost, journal rows included, so after
one run ``intake reindex``. The store stays the truth; ``on`` waits for the
flush on every commit.

Search text is in ``item_text`` with a stored ``tsvector`` (subject weighted
highest, then sender and extracted values, then body and pages) under the
``intake_fr`` configuration: the ``french`` one (stemming: "lunettes" finds
"lunette") with ``unaccent`` in front when the extension could be created;
without it intake folds accents itself before storing and searching, and
snippets come out without accents.
"""

from __future__ import annotations

from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import (BigInteger, Column, Connection, MetaData, String, Subquery, Table, Text, bindparam,
                        create_engine, func)
from sqlalchemy import literal_column, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import TSVECTOR

from intake.errors import ConfigError
from storage.index.migrate import upgrade
from storage.index.projection import Dialect, projected_tables
from storage.index.schema import cases, items, meta
from storage.index.sql import SqlCaseIndex, converted_errors
from storage.index.views import MARK_END, MARK_START
from storage.index.words import fold

CONFIG = literal_column("'intake_fr'::regconfig")
HEADLINE = f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=30, MinWords=12, MaxFragments=2, ' \
           'FragmentDelimiter=" … "'
item_text = Table("item_text", MetaData(), Column("envelope_id", String(64), primary_key=True),
                  Column("text_key", BigInteger), Column("subject", Text), Column("sender", Text), Column("fields", Text), Column("body", Text),
                  Column("tsv", TSVECTOR))


class PostgresOptions(BaseModel):
    """Settings of the PostgreSQL backend, from the URL's query string."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    pool_size: int = Field(5, ge=1)
    max_overflow: int = Field(5, ge=0)
    connect_timeout_s: int = Field(10, ge=1)
    statement_timeout_ms: int = Field(30_000, ge=0)
    synchronous_commit: Literal["on", "off"] = "off"  # off: no WAL flush wait per commit (see the module's text)
    search_window: int = Field(1000, ge=10)  # matching items a search ranks (the most recent)


class PostgresDialect(Dialect):
    name = "postgresql"
    insert = staticmethod(postgresql.insert)

    def __init__(self, accents: str = "unaccent") -> None:
        self.folded = accents == "folded"

    def lock_cases(self, conn: Connection, case_ids: list[str]) -> None:
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(c, 19)) "
                          "FROM (SELECT unnest(CAST(:ids AS text[])) AS c ORDER BY 1) AS ordered"), {"ids": case_ids})

    def write_texts(self, conn: Connection, texts: dict[str, dict[str, Any]]) -> None:
        rows = [self._row(eid, row) for eid, row in texts.items()]
        statement = postgresql.insert(item_text)
        conn.execute(statement.on_conflict_do_update(
            index_elements=["envelope_id"], set_={c: statement.excluded[c] for c in ("text_key", "subject", "sender",
                                                                                        "fields", "body")}), rows)

    def _row(self, envelope_id: str, row: dict[str, Any]) -> dict[str, str]:
        body = "\n\n".join(part for part in (row["body"], row["pages"]) if part)
        values = {"subject": row["subject"], "sender": row["sender"], "fields": row["fields"], "body": body}
        return {"envelope_id": envelope_id, "text_key": row["key"],
                **({k: fold(v) for k, v in values.items()} if self.folded else values)}

    def clear(self, conn: Connection) -> None:
        names = ", ".join(t.name for t in [*projected_tables(), item_text])
        conn.execute(text(f"TRUNCATE {names}"))

    def _query(self, words: str):
        return func.websearch_to_tsquery(CONFIG, bindparam("words", fold(words) if self.folded else words))

    def candidates(self, words: str, where: list) -> Subquery | None:
        query = self._query(words)
        matching = select(item_text.c.envelope_id, item_text.c.tsv).where(item_text.c.tsv.op("@@")(query))
        if where:  # the filters are on cases: join before taking the most recent
            matching = matching.join(items, items.c.envelope_id == item_text.c.envelope_id).join(
                cases, cases.c.id == items.c.case_id).where(*where)
        recent = matching.order_by(item_text.c.text_key.desc()).limit(self.window).subquery()
        score = func.ts_rank(recent.c.tsv, query).label("score")
        return (select(items.c.case_id, items.c.envelope_id, score)
                .join_from(recent, items, items.c.envelope_id == recent.c.envelope_id)).subquery()

    def snippets(self, conn: Connection, words: str, envelope_ids: list[str]) -> dict[str, str]:
        if not envelope_ids:
            return {}
        document = item_text.c.subject + "\n" + item_text.c.sender + "\n" + item_text.c.body + "\n" + item_text.c.fields
        passage = func.ts_headline(CONFIG, document, self._query(words), HEADLINE)
        return dict(conn.execute(select(item_text.c.envelope_id, passage)
                                 .where(item_text.c.envelope_id.in_(envelope_ids))).all())

    def analyze(self, conn: Connection) -> None:
        conn.execute(text("ANALYZE"))

    def dump_texts(self, conn: Connection) -> list[tuple]:
        columns = [item_text.c[n] for n in ("envelope_id", "text_key", "subject", "sender", "fields", "body")]
        return [tuple(r) for r in conn.execute(select(*columns))]


class PostgresIndex(SqlCaseIndex):
    """The case index in a PostgreSQL database."""

    @classmethod
    def from_url(cls, url: str, timezone: str) -> "PostgresIndex":
        target, options = _parse(url)
        engine = create_engine(target, pool_size=options.pool_size, max_overflow=options.max_overflow,
                               pool_pre_ping=True, connect_args={
                                   "connect_timeout": options.connect_timeout_s,
                                   "options": f"-c statement_timeout={options.statement_timeout_ms} "
                                              f"-c synchronous_commit={options.synchronous_commit}"})
        index = cls(engine, _shown(url), timezone)
        with converted_errors(index.url):
            upgrade(engine)
            with engine.connect() as conn:
                accents = conn.execute(select(meta.c.value).where(meta.c.key == "accents")).scalar_one_or_none()
        index.dialect = PostgresDialect(accents or "unaccent")
        index.dialect.window = options.search_window
        return index


def _parse(url: str) -> tuple[str, PostgresOptions]:
    """The driver URL (``postgresql+psycopg://``, our settings taken out) and our settings."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    ours = {k: query.pop(k) for k in list(query) if k in PostgresOptions.model_fields}
    try:
        options = PostgresOptions(**ours)
    except ValidationError as exc:
        raise ConfigError(f"invalid PostgreSQL index settings: {exc.errors()[0]['loc']}: "
                          f"{exc.errors()[0]['msg']}") from None
    return urlunsplit(("postgresql+psycopg", parts.netloc, parts.path, urlencode(query), "")), options


def _shown(url: str) -> str:
    """The URL without its password (for errors and logs)."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")
    safe = f"{netloc[0].partition(':')[0]}@{netloc[2]}" if netloc[1] else parts.netloc
    return urlunsplit((parts.scheme, safe, parts.path, "", ""))
