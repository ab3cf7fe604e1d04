"""A worker that handles the next stage too runs it at once, in the same
message; failures in the chain go to the failing stage's own queue."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import pytest
from services import rabbitmq_vhost

from intake.errors import PermanentError, RetryableError
from intake.pipeline import Next
from runtime.bus import Bus, stage_queue
from runtime.hooks import Hook, Hooks
from runtime.worker import RetryPolicy, Worker
from storage.base import open_store
from storage.records import Records


@dataclass
class Stage:
    """A stage that records its calls, fails its first ``failures`` calls per item, and hands on to ``then``."""

    stage: str
    then: str | None = None
    failures: int = 0
    error: type[Exception] = RetryableError
    calls: list[str] = field(default_factory=list)

    def __call__(self, body: dict) -> Next | None:
        self.calls.append(body["envelope_id"])
        if self.calls.count(body["envelope_id"]) <= self.failures:
            raise self.error("simulated failure", item=body["envelope_id"])
        return Next(self.then, body) if self.then else None


class Moments(Hook):
    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def before_process(self, stage: str, body: dict) -> None:
        self.seen.append(("before", stage))

    def after_process(self, stage: str, body: dict, seconds: float) -> None:
        self.seen.append(("after", stage))


@pytest.fixture(params=["filesystem", "amqp"])
def bus(request, tmp_path):
    # a vhost per test: these tests leave messages in queues on purpose
    with contextlib.ExitStack() as stack:
        url = "filesystem://" if request.param == "filesystem" else stack.enter_context(rabbitmq_vhost())
        yield stack.enter_context(Bus(url, tmp_path / "bus"))


@pytest.fixture
def records(tmp_path):
    return Records(open_store(f"file://{tmp_path / 'store'}"))


def _run(bus: Bus, records: Records, stages: list[Stage], chain: bool = True, hooks: Hooks | None = None) -> None:
    bus.send_to_stage("capture", {"envelope_id": "env-1"})
    worker = Worker(bus, records, stages, RetryPolicy(max_attempts=3, base_seconds=0.0), hooks,
                    sleep=lambda s: None, chain=chain)
    worker.run(idle_timeout=1.5)


def test_a_worker_handling_both_stages_runs_the_next_one_in_the_same_message(bus, records):
    capture, classify = Stage("capture", then="classify"), Stage("classify")
    moments = Moments()
    _run(bus, records, [capture, classify], hooks=Hooks([moments]))
    assert capture.calls == ["env-1"] and classify.calls == ["env-1"]
    assert moments.seen == [("before", "capture"), ("after", "capture"), ("before", "classify"), ("after", "classify")]
    assert bus.queue_depth(stage_queue("classify")) == 0 and bus.queue_depth(stage_queue("capture")) == 0


def test_the_next_stage_goes_through_its_queue_when_this_worker_does_not_handle_it(bus, records):
    capture = Stage("capture", then="classify")
    _run(bus, records, [capture])
    assert capture.calls == ["env-1"]
    assert bus.queue_depth(stage_queue("classify")) == 1


def test_with_chaining_off_every_stage_goes_through_its_queue(bus, records, monkeypatch):
    sent: list[str] = []
    real_send = bus.send_to_stage
    monkeypatch.setattr(bus, "send_to_stage", lambda stage, body, attempt=0: (sent.append(stage),
                                                                                real_send(stage, body, attempt)))
    capture, classify = Stage("capture", then="classify"), Stage("classify")
    _run(bus, records, [capture, classify], chain=False)
    assert capture.calls == ["env-1"] and classify.calls == ["env-1"]
    assert sent == ["capture", "classify"]


def test_a_chained_stage_that_fails_is_retried_from_its_own_queue_without_redoing_the_first(bus, records):
    capture, classify = Stage("capture", then="classify"), Stage("classify", failures=1)
    _run(bus, records, [capture, classify])
    assert capture.calls == ["env-1"]
    assert classify.calls == ["env-1", "env-1"]
    assert records.quarantined() == []


def test_a_chained_stage_that_keeps_failing_is_quarantined_under_its_own_stage(bus, records):
    capture, classify = Stage("capture", then="classify"), Stage("classify", failures=99)
    _run(bus, records, [capture, classify])
    assert capture.calls == ["env-1"] and classify.calls == ["env-1"] * 3
    [entry] = records.quarantined()
    assert entry["stage"] == "classify" and "failed 3 times" in entry["reason"]


def test_a_permanent_error_in_the_chain_quarantines_that_stage_at_once(bus, records):
    capture, classify = Stage("capture", then="classify"), Stage("classify", failures=1, error=PermanentError)
    _run(bus, records, [capture, classify])
    assert capture.calls == ["env-1"] and classify.calls == ["env-1"]
    [entry] = records.quarantined()
    assert entry["stage"] == "classify" and entry["reason"] == "simulated failure (item='env-1')"


def test_when_the_hand_off_fails_the_first_message_is_requeued_and_done_again(bus, records, monkeypatch):
    real_send, failed = bus.send_to_stage, []

    def send_failing_once(stage: str, body: dict, attempt: int = 0) -> None:
        if stage == "classify" and not failed:
            failed.append(stage)
            raise RetryableError("broker went away")
        real_send(stage, body, attempt)

    monkeypatch.setattr(bus, "send_to_stage", send_failing_once)
    capture = Stage("capture", then="classify")
    _run(bus, records, [capture])
    assert capture.calls == ["env-1", "env-1"]
    assert bus.queue_depth(stage_queue("classify")) == 1
