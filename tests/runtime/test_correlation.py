"""Every log line about an item carries its envelope id (the correlation id),
across stages, in JSON and in text; personal data stays masked."""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass

import pytest

from intake.logs import TEXT_FORMAT, CorrelationFilter, JsonFormatter, MaskingFilter, correlated
from runtime.bus import Bus
from runtime.hooks import CorrelationHook, Hooks, LoggingHook
from runtime.worker import RetryPolicy, Worker

stage_log = logging.getLogger("intake.test.stage")


@dataclass
class Noting:
    """A real stage handler that logs (with personal data in it) and hands on to the next stage."""

    bus: Bus
    stage: str
    calls: list[str]
    next_stage: str | None = None
    fail_first: bool = False

    def __call__(self, body: dict) -> None:
        self.calls.append(f"{self.stage}:{body['envelope_id']}")
        stage_log.info("%s reading mail from jeanne.martin@example.fr", self.stage)
        if self.fail_first and self.calls.count(f"{self.stage}:{body['envelope_id']}") == 1:
            raise ConnectionError("store unreachable")
        if self.next_stage:
            self.bus.send_to_stage(self.next_stage, body)


@pytest.fixture
def captured_lines():
    """The root logger writing JSON lines to a buffer, as setup_logging(fmt='json') does."""
    buffer, root = io.StringIO(), logging.getLogger()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(CorrelationFilter())
    handler.addFilter(MaskingFilter())
    handler.setFormatter(JsonFormatter())
    old_level = root.level
    root.setLevel(logging.INFO)  # setLevel, not .level =: it also clears the loggers' cached levels
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_each_line_logged_while_an_item_crosses_the_stages_carries_its_envelope_id(app, captured_lines):
    calls: list[str] = []
    stages = [Noting(app.bus, "capture", calls, "classify", fail_first=True), Noting(app.bus, "classify", calls)]
    hooks = Hooks([CorrelationHook(), LoggingHook()])
    worker = Worker(app.bus, app.records, stages, RetryPolicy(3, 0.01), hooks, sleep=lambda s: None)
    for envelope_id in ("env-aaa", "env-bbb"):
        app.bus.send_to_stage("capture", {"envelope_id": envelope_id})

    worker.run(idle_timeout=0.5)
    stage_log.info("between items")

    lines = captured_lines()
    in_stages = [line for line in lines if line["logger"] == "intake.test.stage"][:-1]
    in_hooks = [line for line in lines if line["logger"] == "runtime.hooks"]
    assert [line["correlation_id"] for line in in_stages] == [call.split(":")[1] for call in calls]
    assert len(calls) == 6 and len(in_hooks) == 6  # per item: a retry, then "capture done" and "classify done"
    assert all(line["correlation_id"] in line["message"] for line in in_hooks)
    assert "correlation_id" not in lines[-1] and lines[-1]["message"] == "between items"
    assert all("jeanne" not in line["message"] for line in lines)


def test_the_text_format_shows_the_correlation_id_and_a_dash_without_one():
    formatter, stamp = logging.Formatter(TEXT_FORMAT), CorrelationFilter()

    def line(message: str) -> str:
        record = logging.LogRecord("intake.x", logging.INFO, __file__, 1, message, (), None)
        stamp.filter(record)
        return formatter.format(record)

    with correlated("env-123"):
        inside = line("captured")
    assert "[env-123]: captured" in inside and "[-]: after" in line("after")
