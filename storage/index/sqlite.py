"""The embedded index: one SQLite file (WAL), full-text search with FTS5.

URL: ``sqlite:////absolute/path/index.sqlite3`` with optional settings in the
query string (``SqliteOptions``): ``busy_timeout_ms``, ``cache_mb`` (page cache
per connection: it is what a reader process keeps in memory), ``synchronous``,
``search_window`` (matching items a search ranks).

``synchronous=NORMAL`` (the default) in WAL mode syncs the log at checkpoints,
not at every commit: a committed transaction survives the process being
killed, but a power loss or an OS crash may lose the last ones — the journal
row of a write then included, so after one run ``intake reindex``.
``synchronous=FULL`` syncs every commit.

Writers begin with ``BEGIN IMMEDIATE`` (one writer at a time, waiting up to
the busy timeout, never failing half-way); readers see a consistent snapshot
and never block writers. Search text goes into an FTS5 table tokenized by
``unicode61 remove_diacritics 2`` whose rowid is the item's arrival order
(``rows.text_key``), so the most recent matches come first without a sort;
"creche" finds "crèche"; FTS5 has no
French stemmer, so "lunettes" does not find "lunette" (``lunette*`` does).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qsl, urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import Column, Connection, Integer, MetaData, Subquery, Table, Text, create_engine, delete, event
from sqlalchemy import bindparam, func, insert, literal_column, select, text
from sqlalchemy.dialects import sqlite

from intake.errors import ConfigError
from storage.index.migrate import upgrade
from storage.index.projection import Dialect, projected_tables
from storage.index.schema import cases, items
from storage.index.sql import SqlCaseIndex, converted_errors
from storage.index.views import MARK_END, MARK_START
from storage.index.words import fts5_query

TEXT_COLUMNS = ("subject", "sender", "body", "pages", "fields")
WEIGHTS = (5.0, 3.0, 1.0, 1.0, 3.0)  # bm25 weight of each column above
item_text = Table("item_text", MetaData(), Column("rowid", Integer, primary_key=True),
                  *(Column(name, Text) for name in TEXT_COLUMNS))
MATCH = literal_column("item_text").op("MATCH")


class SqliteOptions(BaseModel):
    """Settings of the SQLite backend, from the URL's query string."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    busy_timeout_ms: int = Field(30_000, ge=0)
    cache_mb: int = Field(8, ge=1)
    synchronous: Literal["NORMAL", "FULL"] = "NORMAL"  # NORMAL: no fsync per commit (see the module's text)
    search_window: int = Field(1000, ge=10)  # matching items a search ranks (the most recent)


class SqliteDialect(Dialect):
    """SQLite's upsert, FTS5 text and search.

    A search walks the matches newest first and stops after ``window`` of them that
    pass the filters (joined per match); when the filters let few cases through
    (``narrow``: at most 5 windows' worth), each match is tested against the set of
    those cases' items instead, which is cheaper than joining when few pass."""

    name = "sqlite"
    insert = staticmethod(sqlite.insert)
    narrow = None  # set by the index: whether filters let few cases through

    def write_texts(self, conn: Connection, texts: dict[str, dict[str, Any]]) -> None:
        keys = [row["key"] for row in texts.values()]
        conn.execute(delete(item_text).where(item_text.c.rowid.in_(keys)))
        conn.execute(insert(item_text), [{"rowid": row["key"], **{n: row[n] for n in TEXT_COLUMNS}}
                                         for row in texts.values()])

    def clear(self, conn: Connection) -> None:
        for table in [*projected_tables(), item_text]:
            conn.execute(delete(table))

    def candidates(self, text: str, where: list) -> Subquery | None:
        expression = fts5_query(text)
        if not expression:
            return None
        score = (-func.bm25(literal_column("item_text"), *WEIGHTS)).label("score")
        matching = (select(items.c.case_id, items.c.envelope_id, score)
                    .select_from(item_text.join(items, items.c.text_key == item_text.c.rowid))
                    .where(MATCH(expression)).order_by(item_text.c.rowid.desc()).limit(self.window))
        if not where:
            return matching.subquery()
        passing = select(items.c.text_key).join(cases, cases.c.id == items.c.case_id).where(*where)
        if self.narrow is not None and self.narrow(where):  # few cases pass: test each match against their items
            # the unary + keeps the IN list from driving FTS5 (one costly MATCH per listed rowid)
            return matching.where(literal_column("+item_text.rowid").in_(passing)).subquery()
        return matching.join(cases, cases.c.id == items.c.case_id).where(*where).subquery()

    def snippets(self, conn: Connection, text: str, envelope_ids: list[str]) -> dict[str, str]:
        keys = dict(conn.execute(select(items.c.envelope_id, items.c.text_key)
                                 .where(items.c.envelope_id.in_(envelope_ids))).all()) if envelope_ids else {}
        passage = func.snippet(literal_column("item_text"), -1, MARK_START, MARK_END, "…", 24)
        one = select(passage).where(MATCH(fts5_query(text)), item_text.c.rowid == bindparam("key"))
        # one row at a time: FTS5 answers MATCH with rowid = ? directly, not with rowid IN (...)
        return {eid: conn.execute(one, {"key": key}).scalar() or "" for eid, key in keys.items()}

    def analyze(self, conn: Connection) -> None:
        conn.execute(text("ANALYZE"))

    def dump_texts(self, conn: Connection) -> list[tuple]:
        return [tuple(r) for r in conn.execute(
            select(items.c.envelope_id, *(item_text.c[n] for n in TEXT_COLUMNS))
            .select_from(item_text.join(items, items.c.text_key == item_text.c.rowid)))]


class SqliteIndex(SqlCaseIndex):
    """The case index in a SQLite file."""

    dialect = SqliteDialect()

    @classmethod
    def from_url(cls, url: str, timezone: str) -> "SqliteIndex":
        path, options = _parse(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(f"sqlite+pysqlite:///{path}", pool_size=4, max_overflow=4,
                               connect_args={"check_same_thread": False, "timeout": options.busy_timeout_ms / 1000})
        _configure(engine, options)
        index = cls(engine, f"sqlite:///{path}", timezone, writer=engine.execution_options(sqlite_immediate=True))
        index.dialect = SqliteDialect()
        index.dialect.window = options.search_window
        index.dialect.narrow = index.lets_few_through
        with converted_errors(index.url):
            upgrade(index.writer)
        return index


def _parse(url: str) -> tuple[Path, SqliteOptions]:
    parts = urlsplit(url)
    if not parts.path or parts.path in {"/", "/:memory:"}:
        raise ConfigError("the SQLite index needs a file: sqlite:////path/to/index.sqlite3", url=url)
    try:
        options = SqliteOptions(**dict(parse_qsl(parts.query)))
    except ValidationError as exc:
        raise ConfigError(f"invalid SQLite index settings: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from None
    return Path(parts.path[1:]).resolve(), options  # sqlite:////abs/path or sqlite:///relative/path


def _configure(engine, options: SqliteOptions) -> None:
    """Pragmas on every connection; transactions begun by us (IMMEDIATE for writers)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's begin below issue BEGIN
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", f"synchronous={options.synchronous}",
                       f"busy_timeout={options.busy_timeout_ms}", f"cache_size={-1024 * options.cache_mb}",
                       "temp_store=MEMORY"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
