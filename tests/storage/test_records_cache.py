"""Records keep what never changes (envelopes, captures, decisions, events) and
ask the store again only for listings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from items import T0, _item

from intake.models import CaseEvent
from storage.base import ObjectStore, open_store
from storage.cache import LRUCache
from storage.cases import record_item
from storage.records import Records


class Counting(ObjectStore):
    """A real store that counts the calls made to it."""

    def __init__(self, inner: ObjectStore) -> None:
        self.inner, self.url, self.calls = inner, inner.url, Counter()

    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        self.calls["put"] += 1
        self.inner.put(key, data, content_type)

    def get(self, key: str) -> bytes:
        self.calls["get"] += 1
        return self.inner.get(key)

    def exists(self, key: str) -> bool:
        self.calls["exists"] += 1
        return self.inner.exists(key)

    def list(self, prefix: str) -> Iterator[str]:
        self.calls["list"] += 1
        return self.inner.list(prefix)

    def delete(self, key: str) -> None:
        self.calls["delete"] += 1
        self.inner.delete(key)


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    url = f"file://{tmp_path / 'store'}" if request.param == "local" else request.getfixturevalue("s3_url")
    return Counting(open_store(url))


def test_what_a_process_wrote_it_reads_back_without_asking_the_store(store):
    records = Records(store)
    envelope, capture, classification, route = _item(1)
    records.put_envelope(envelope)
    records.put_capture(capture)
    records.put_decision(envelope.id, classification, route)
    store.calls.clear()
    assert records.envelope(envelope.id) == envelope and records.capture(envelope.id) == capture
    assert records.decision(envelope.id) == (classification, route)
    assert store.calls["get"] == 0


def test_another_process_reads_the_store_once_then_from_memory(store):
    envelope, capture, classification, route = _item(1)
    Records(store).put_decision(envelope.id, classification, route)
    other = Records(store)
    store.calls.clear()
    assert other.decision(envelope.id) == other.decision(envelope.id) == (classification, route)
    assert store.calls["get"] == 1


def test_an_event_added_by_another_process_shows_up_because_listings_always_ask_the_store(store):
    mine, theirs = Records(store), Records(store)
    case, _ = record_item(mine, *_item(1))
    theirs.append_event(CaseEvent(id="later-assigned", case_id=case.id, at=T0, actor="user:ana", kind="assigned",
                                  summary="assigned to ana", data={"set": {"assignee": "ana"}}))
    store.calls.clear()
    assert mine.case(case.id).assignee == "ana"
    assert store.calls["list"] == 1 and store.calls["get"] == 1  # only the event it had not seen


def test_a_case_this_process_recorded_is_known_to_exist_without_a_listing(store):
    records = Records(store)
    case, _ = record_item(records, *_item(1))
    store.calls.clear()
    assert records.case_exists(case.id) and store.calls["list"] == 0
    assert not records.case_exists("IN-0000-0000") and store.calls["list"] == 1


def test_the_cache_forgets_the_least_recently_used_entry_when_full():
    cache: LRUCache[int] = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # a is now the most recent
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)
