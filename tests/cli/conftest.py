from databases import index_url  # noqa: F401  (the index on SQLite and on PostgreSQL)
