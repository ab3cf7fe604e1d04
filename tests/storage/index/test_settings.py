"""Index settings: an embedded default in the data directory, clear errors for bad values."""

from __future__ import annotations

import pytest

from intake.errors import ConfigError
from storage.index.base import IndexUnavailable, open_index
from storage.index.settings import IndexSettings


def test_the_default_index_is_a_sqlite_file_in_the_data_directory(tmp_path):
    settings = IndexSettings.load(tmp_path / "data", environ={})
    assert settings.index_url == f"sqlite:///{(tmp_path / 'data' / 'index.sqlite3').resolve()}"
    index = settings.open()
    assert (tmp_path / "data" / "index.sqlite3").is_file() and index.pending() == []
    index.close()


def test_the_environment_names_the_database_and_the_time_zone(tmp_path):
    settings = IndexSettings.load(tmp_path, environ={"INTAKE_INDEX_URL": "postgresql://u@db:5432/intake",
                                                     "INTAKE_INDEX_TIMEZONE": "America/Cayenne"})
    assert (settings.index_url, settings.timezone) == ("postgresql://u@db:5432/intake", "America/Cayenne")


@pytest.mark.parametrize("env, message", [
    ({"INTAKE_INDEX_URL": "mysql://x/y"}, "INTAKE_INDEX_URL"),
    ({"INTAKE_INDEX_TIMEZONE": "Europe/Nowhere"}, "INTAKE_INDEX_TIMEZONE"),
])
def test_bad_values_stop_with_the_variable_name(tmp_path, env, message):
    with pytest.raises(ConfigError, match=message):
        IndexSettings.load(tmp_path, environ=env)


@pytest.mark.parametrize("url", ["sqlite:///:memory:", "sqlite:///{tmp}/i.sqlite3?cache_mb=lots",
                                 "sqlite:///{tmp}/i.sqlite3?colour=blue",
                                 "postgresql://root@127.0.0.1/x?pool_size=0", "oracle://x"])
def test_backend_settings_in_the_url_are_checked(tmp_path, url):
    with pytest.raises(ConfigError):
        open_index(url.format(tmp=tmp_path))


def test_an_unreachable_database_is_a_retryable_error():
    with pytest.raises(IndexUnavailable) as caught:
        open_index("postgresql://root:secret@127.0.0.1:1/intake?connect_timeout_s=1")
    assert "secret" not in str(caught.value)
