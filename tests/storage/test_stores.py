"""Both object-store backends honour the same contract, on real storage."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from intake.errors import ConfigError, NotFound, PermanentError
from intake.models import CaseEvent, utcnow
from storage.base import open_store
from storage.records import Records


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    if request.param == "local":
        return open_store(f"file://{tmp_path / 'store'}")
    return open_store(request.getfixturevalue("s3_url"))


def test_bytes_written_are_read_back_identically(store):
    store.put("a/b/c.bin", b"\x00\x01bytes")
    assert store.get("a/b/c.bin") == b"\x00\x01bytes"
    assert store.exists("a/b/c.bin")


def test_a_missing_key_raises_not_found(store):
    with pytest.raises(NotFound):
        store.get("nothing/here")
    assert not store.exists("nothing/here")


def test_the_same_bytes_are_stored_once_under_their_hash(store):
    first = store.put_blob(b"scan of a letter")
    second = store.put_blob(b"scan of a letter")
    assert first == second
    assert first.key.endswith(first.sha256)
    assert list(store.list("raw/")) == [first.key]


def test_listing_returns_keys_under_a_prefix_in_order(store):
    for key in ("cases/X/events/2.json", "cases/X/events/1.json", "cases/Y/events/1.json"):
        store.put(key, b"{}")
    assert list(store.list("cases/X/")) == ["cases/X/events/1.json", "cases/X/events/2.json"]


def test_keys_with_path_tricks_are_refused(store):
    for key in ("../escape", "a/../../b", "/abs", "a//b", "nul\0byte"):
        with pytest.raises(PermanentError):
            store.put(key, b"x")


def test_many_concurrent_writers_to_one_case_lose_no_event(store):
    records = Records(store)

    def write(n: int) -> None:
        records.append_event(CaseEvent(id=f"e{n:03d}", case_id="IN-TEST-CASE", at=utcnow(), actor=f"w{n % 8}",
                                       kind="note", summary=f"event {n}"))

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(80)))
    assert sorted(e.id for e in records.events("IN-TEST-CASE")) == [f"e{n:03d}" for n in range(80)]


def test_an_unknown_store_scheme_is_a_configuration_error():
    with pytest.raises(ConfigError, match="unknown store URL scheme"):
        open_store("ftp://example/bucket")


def test_a_store_shows_itself_by_its_url_without_the_secret(tmp_path, s3_url):
    from storage.base import open_store

    assert repr(open_store(f"file://{tmp_path}")) == f"LocalStore(file://{tmp_path})"
    shown = repr(open_store(s3_url))
    assert shown.startswith("S3Store(s3://intake:***@") and "intake-secret" not in shown
