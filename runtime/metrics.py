"""Prometheus at the top: the worker's metrics hook, the ``/metrics`` endpoint,
and gauges read from the bus and the case index when scraped.

The counters and histograms themselves, and the calls that feed them, are in
intake/telemetry.py (connectors and stages count there).

Read at scrape time by :class:`BacklogCollector` (registered by the web app
only, so a deployment reports them once): queue depths, cases waiting per
team and the oldest of them, cases past or near their deadline.

One ``/metrics`` endpoint per process: the web app serves it; a worker serves
it with :func:`serve_metrics` (``MetricsHook(port=...)``). To get one endpoint
for several processes on one host instead, start every process with
``PROMETHEUS_MULTIPROC_DIR`` set to the same empty directory (emptied at each
deployment): the counters are then written there and the web app's ``/metrics``
adds them up (prometheus-client's multiprocess mode; process metrics here are
counters and histograms only, which it supports without options).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, start_http_server
from prometheus_client.core import GaugeMetricFamily, Metric

from intake.pipeline import STAGES
from intake.telemetry import NEAR_DAYS, RETRIES, STAGE_SECONDS, quarantined
from runtime.bus import Bus, dead_queue, stage_queue, team_queue
from runtime.hooks import Hook
from storage.index.base import CaseIndex

log = logging.getLogger(__name__)
CONTENT_TYPE = CONTENT_TYPE_LATEST


class MetricsHook(Hook):
    """Stage latency, retries and quarantines from the worker's moments.

    With ``port``, this process also serves ``/metrics`` on it (for workers)."""

    def __init__(self, port: int | None = None, host: str = "127.0.0.1") -> None:
        if port:
            serve_metrics(port, host)

    def after_process(self, stage: str, body: dict[str, Any], seconds: float) -> None:
        STAGE_SECONDS.labels(stage).observe(seconds)

    def on_retry(self, stage: str, body: dict[str, Any], error: BaseException, attempt: int) -> None:
        RETRIES.labels(stage).inc()

    def on_quarantine(self, stage: str, body: dict[str, Any], reason: str) -> None:
        quarantined(stage, reason)


_served: set[int] = set()
_serving = threading.Lock()


def serve_metrics(port: int, host: str = "127.0.0.1") -> None:
    """Serve this process's metrics over HTTP on ``port`` (once per port per process)."""
    with _serving:
        if port not in _served:
            start_http_server(port, addr=host, registry=process_registry())
            _served.add(port)


def process_registry() -> CollectorRegistry:
    """This process's counters, or every process's in multiprocess mode."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    from prometheus_client import multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


class BacklogCollector:
    """Gauges computed at scrape time from the bus (queue depths) and the case index (SQL aggregates)."""

    def __init__(self, depths: Callable[[], dict[str, int]], index: CaseIndex,
                 today: Callable[[], date], now: Callable[[], datetime]) -> None:
        self.depths, self.index, self.today, self.now = depths, index, today, now

    def collect(self) -> Iterator[Metric]:
        """The gauges, read now."""
        depth = GaugeMetricFamily("intake_queue_messages", "Messages waiting in a queue", labels=["queue"])
        for queue, count in sorted(self.depths().items()):
            depth.add_metric([queue], count)
        yield depth
        yield from self._case_gauges()

    def _case_gauges(self) -> Iterator[Metric]:
        backlog = GaugeMetricFamily("intake_team_cases_waiting", "Cases not yet closed, per team", labels=["team"])
        oldest = GaugeMetricFamily("intake_team_oldest_waiting_seconds", "Age of the oldest case waiting, per team",
                                   labels=["team"])
        due = GaugeMetricFamily("intake_cases_deadline", f"Waiting cases past their deadline, or due within "
                                f"{NEAR_DAYS} days, per team", labels=["team", "state"])
        now, today = self.now(), self.today()
        deadlines = self.index.deadline_counts(today, today + timedelta(days=NEAR_DAYS))
        for team in (t for t in self.index.count_by_team() if t.active):
            backlog.add_metric([team.team], team.active)
            oldest.add_metric([team.team], (now - team.oldest_opened_at).total_seconds())
            past, near = deadlines.get(team.team, (0, 0))
            due.add_metric([team.team, "past"], past)
            due.add_metric([team.team, "near"], near)
        yield from (backlog, oldest, due)


class QueueDepths:
    """Reads queue depths on a bus connection of its own (scrapes come from other threads than the app's)."""

    def __init__(self, url: str, data_dir: Path | None, teams: Iterable[str]) -> None:
        self.url, self.data_dir = url, data_dir
        self.queues = [*(stage_queue(s) for s in STAGES), *(dead_queue(s) for s in STAGES),
                       *(team_queue(t) for t in teams)]
        self._bus: Bus | None = None
        self._lock = threading.Lock()

    def __call__(self) -> dict[str, int]:
        """Messages waiting per queue name; empty when the broker cannot be reached."""
        with self._lock:
            try:
                self._bus = self._bus or Bus(self.url, self.data_dir)
                return {q.name: self._bus.queue_depth(q) for q in self.queues}
            except Exception as exc:  # noqa: BLE001  (with the broker down, a scrape still gets the store gauges)
                log.warning("cannot read queue depths: %s", exc)
                self.close()
                return {}

    def close(self) -> None:
        """Drop the connection (a new one is made at the next read)."""
        if self._bus is not None:
            bus, self._bus = self._bus, None
            with contextlib.suppress(Exception):
                bus.close()


def exposition(collector: BacklogCollector | None = None) -> bytes:
    """The text a scrape gets: this process's metrics, then the scrape-time gauges."""
    text = generate_latest(process_registry())
    if collector is None:
        return text
    own = CollectorRegistry(auto_describe=False)
    own.register(collector)
    return text + generate_latest(own)
