"""The migrations create exactly the tables the code reads, and opening an index twice is harmless."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from storage.index.base import open_index
from storage.index.migrate import VERSION_TABLE
from storage.index.schema import metadata

OWN_TABLES = {"item_text", VERSION_TABLE}  # the full-text table is each backend's own


def _differences(index) -> list:
    def ours(obj, name, type_, reflected, compare_to) -> bool:
        table = obj if type_ == "table" else getattr(obj, "table", None)
        return not (name in OWN_TABLES or (table is not None and (table.name in OWN_TABLES
                                                                  or table.name.startswith("item_text"))))

    with index.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": ours, "compare_type": True})
        return compare_metadata(context, metadata)


def test_the_migrated_schema_is_the_one_the_code_reads(index):
    assert _differences(index) == []


def test_opening_an_index_again_migrates_nothing_and_keeps_its_rows(index):
    index.mark_pending("IN-TEST-0001", "batch")
    again = open_index(index.engine.url.render_as_string(hide_password=False).replace("+psycopg", "")
                       .replace("+pysqlite", ""))
    assert again.pending() == [("IN-TEST-0001", "batch")]
    again.close()
