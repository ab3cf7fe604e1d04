"""Alembic environment of the case index: runs on the connection ``storage.index.migrate`` opened."""

from alembic import context

from storage.index.migrate import VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table=VERSION_TABLE, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
