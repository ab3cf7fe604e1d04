"""The worker runtime acks only after success, retries, then quarantines,
on the embedded filesystem bus and on the real RabbitMQ."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from intake.errors import PermanentError, RetryableError
from runtime.bus import Bus, dead_queue
from runtime.worker import RetryPolicy, Worker
from storage.base import open_store
from storage.records import Records


@dataclass
class Flaky:
    """A stage that fails ``failures`` times per item before succeeding."""

    failures: int
    error: type[Exception] = RetryableError
    stage: str = "capture"
    calls: dict[str, int] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)

    def __call__(self, body: dict) -> None:
        key = body["envelope_id"]
        self.calls[key] = self.calls.get(key, 0) + 1
        if self.calls[key] <= self.failures:
            raise self.error("simulated failure", item=key)
        self.done.append(key)


@pytest.fixture(params=["filesystem", "amqp"])
def bus(request, tmp_path):
    url = "filesystem://" if request.param == "filesystem" else request.getfixturevalue("amqp_url")
    with Bus(url, tmp_path / "bus") as connected:
        yield connected


@pytest.fixture
def records(tmp_path):
    return Records(open_store(f"file://{tmp_path / 'store'}"))


def _run(bus: Bus, records: Records, handler: Flaky, items: int, attempts: int = 4) -> None:
    for n in range(items):
        bus.send_to_stage(handler.stage, {"envelope_id": f"env-{n}"})
    worker = Worker(bus, records, [handler], RetryPolicy(max_attempts=attempts, base_seconds=0.0), sleep=lambda s: None)
    worker.run(idle_timeout=1.5)


def test_a_transient_failure_is_retried_until_it_succeeds(bus, records):
    handler = Flaky(failures=2)
    _run(bus, records, handler, items=3)
    assert sorted(handler.done) == ["env-0", "env-1", "env-2"]
    assert all(count == 3 for count in handler.calls.values())
    assert records.quarantined() == []


def test_an_item_failing_every_attempt_is_quarantined_and_dead_lettered(bus, records):
    handler = Flaky(failures=99)
    _run(bus, records, handler, items=1, attempts=3)
    assert handler.calls == {"env-0": 3}
    [item] = records.quarantined()
    assert item["stage"] == "capture" and "failed 3 times" in item["reason"]
    assert bus.queue_depth(dead_queue("capture")) == 1


def test_a_permanent_error_is_quarantined_at_once_with_its_reason(bus, records):
    handler = Flaky(failures=99, error=PermanentError)
    _run(bus, records, handler, items=2)
    assert handler.calls == {"env-0": 1, "env-1": 1}
    reasons = sorted(q["reason"] for q in records.quarantined())
    assert reasons == ["simulated failure (item='env-0')", "simulated failure (item='env-1')"]


def test_an_unexpected_exception_is_retried_like_a_transient_one(bus, records):
    handler = Flaky(failures=1, error=ZeroDivisionError)
    _run(bus, records, handler, items=1)
    assert handler.done == ["env-0"]


def test_backoff_grows_exponentially_up_to_a_cap():
    policy = RetryPolicy(base_seconds=0.5, max_seconds=5)
    assert [policy.delay(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 4.0, 5]
