"""A phase: submit a burst, wait until every item is recorded, then check the records."""

from __future__ import annotations

import cProfile
import hashlib
import resource
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench.dayrun.common import _bar, console
from bench.dayrun.items import Item, prepare, receive
from bench.dayrun.processes import HookReader, Pool, machine_busy, proc_cpu, tree_cpu
from runtime.bus import STAGES


@dataclass
class Phase:
    """What one burst measured."""

    name: str
    items: list[Item]
    submitted: dict[str, tuple[Item, float]] = field(default_factory=dict)  # envelope id -> (item, submit time)
    start: float = 0.0
    submit_end: float = 0.0
    end: float = 0.0
    records: list[dict] = field(default_factory=list)
    worker_cpu: float = 0.0
    server_cpu: dict[str, float] = field(default_factory=dict)
    bench_cpu: float = 0.0
    connector_cpu: float = 0.0
    probe_ms: float = 0.0
    machine_busy: float = 0.0
    machine_total: float = 0.0
    timed_out: bool = False

    @property
    def wall(self) -> float:
        return self.end - self.start


def run_phase(name: str, items: list[Item], app: Any, pool: Pool, reader: HookReader, cache: Path,
              servers: dict[str, list[int]], timeout: float, profile: Path | None = None) -> Phase:
    """Submit ``items`` in one burst (a connector thread) and wait until each went through its last stage
    (or was quarantined); with ``profile``, a cProfile dump of the connector thread goes there."""
    phase = Phase(name, items)
    arrivals = [prepare(item, cache) for item in items]  # the channels' side, before the clock starts
    phase.probe_ms = host_probe()
    cpu_before = ([tree_cpu(p) for p in pool.pids], {k: sum(map(proc_cpu, v)) for k, v in servers.items()},
                  _self_cpu(), machine_busy())
    reader.poll()
    errors: list[BaseException] = []

    def submit_all() -> None:
        started, profiler = time.thread_time(), cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        try:
            for arrival in arrivals:
                now = time.time()
                envelope = app.submit(receive(arrival, datetime.fromtimestamp(now, timezone.utc)))
                phase.submitted[envelope.id] = (arrival.item, now)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            phase.submit_end = time.time()
            phase.connector_cpu = time.thread_time() - started
            if profiler:
                profiler.disable()
                profile.mkdir(parents=True, exist_ok=True)
                profiler.dump_stats(str(profile / f"connector-{name}.prof"))

    phase.start = time.time()
    connector = threading.Thread(target=submit_all, name="connector")
    connector.start()
    done: dict[str, set[str]] = {s: set() for s in STAGES}
    finished: set[str] = set()
    deadline = time.monotonic() + timeout
    with _bar() as bar:
        tasks = {"submit": bar.add_task("submitted (connector)", total=len(items))}
        tasks |= {s: bar.add_task(f"{s}", total=len(items)) for s in STAGES}
        while True:
            for record in reader.poll():
                if record.get("ev") == "done":
                    done[record["stage"]].add(record["id"])
                    if record["stage"] == STAGES[-1]:
                        finished.add(record["id"])
                elif record.get("ev") == "quarantine":
                    finished.add(record["id"])
            bar.update(tasks["submit"], completed=len(phase.submitted))
            for stage in STAGES:
                bar.update(tasks[stage], completed=len(done[stage] & phase.submitted.keys()))
            if errors:
                raise errors[0]
            if not connector.is_alive() and phase.submitted.keys() <= finished:
                break
            if time.monotonic() > deadline:
                phase.timed_out = True
                console.print(f"[red]{name}: timed out with {len(phase.submitted.keys() - finished)} items pending")
                break
            dead = [i for i, p in enumerate(pool.procs) if p.poll() is not None]
            if dead:
                raise RuntimeError(f"worker(s) {dead} died; see {pool.folder}")
            time.sleep(0.2)
    connector.join()
    ids = phase.submitted.keys()
    phase.records = [r for r in reader.lines if r.get("id") in ids and r.get("t1", 0) >= phase.start]
    ends = [r["t1"] for r in phase.records if r["ev"] == "quarantine" or r.get("stage") == STAGES[-1]]
    phase.end = max(ends, default=time.time())
    workers, server_cpu, bench, machine = cpu_before
    phase.worker_cpu = sum(tree_cpu(p) for p in pool.pids) - sum(workers)
    phase.server_cpu = {k: sum(map(proc_cpu, v)) - server_cpu[k] for k, v in servers.items()}
    phase.bench_cpu = _self_cpu() - bench
    busy, total = machine_busy()
    phase.machine_busy, phase.machine_total = busy - machine[0], total - machine[1]
    return phase


def host_probe() -> float:
    """CPU ms of a fixed piece of Python and hashing. This VM's speed drifts with its host by a third,
    so runs are compared by their CPU per item with this beside them, not by wall time alone."""
    started = time.process_time()
    sum(i * i % 7 for i in range(400_000))
    hashlib.sha256(b"x" * 8_000_000).digest()
    return 1000 * (time.process_time() - started)


def _self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Outcome:
    """What the store says about a phase's items."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # channel -> seconds
    end_source: Counter = field(default_factory=Counter)
    lost: int = 0
    duplicated: int = 0
    quarantined: int = 0
    cases: int = 0
    linked: int = 0


def read_events(app: Any) -> dict[str, list[Any]]:
    """Every case's events, read in parallel: case id -> events."""
    keys = [k for k in app.store.list("cases/") if "/events/" in k]
    with ThreadPoolExecutor(8) as pool:  # the S3 client keeps 10 connections
        stored = list(pool.map(app.records.events_at, keys))
    by_case: dict[str, list[Any]] = defaultdict(list)
    for event in (e for events in stored for e in events):
        by_case[event.case_id].append(event)
    return by_case


def check(phase: Phase, by_case: dict[str, list[Any]]) -> Outcome:
    """Latency (received -> recorded) per channel, and lost or duplicated items."""
    outcome = Outcome()
    owners: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, list[Any]] = defaultdict(list)
    for case_id, events in by_case.items():
        for event in events:
            if event.envelope_id in phase.submitted:
                owners[event.envelope_id].add(case_id)
                kinds[event.envelope_id].append(event)
    record_end = {r["id"]: r["t1"] for r in phase.records if r.get("stage") == "record" and r["ev"] == "done"}
    quarantined = {r["id"] for r in phase.records if r["ev"] == "quarantine"}
    outcome.quarantined = len(quarantined)
    for envelope_id, (item, _) in phase.submitted.items():
        events = {e.kind: e for e in kinds.get(envelope_id, [])}
        steps = Counter(e.kind for e in kinds.get(envelope_id, []))
        outcome.duplicated += len(owners.get(envelope_id, ())) > 1 or any(n > 1 for n in steps.values())
        if envelope_id in quarantined:
            continue
        if not {"received", "captured", "classified", "routed"} <= events.keys():
            outcome.lost += 1
            continue
        outcome.linked += "linked" in events
        received = events["received"].at.timestamp()
        if "dispatched" in events:
            end, source = events["dispatched"].at.timestamp(), "dispatched event"
        else:
            end, source = record_end.get(envelope_id, 0.0), "record hook (linked item)"
        outcome.end_source[source] += 1
        outcome.latencies[item.channel].append(end - received)
    outcome.cases = len({c for envelope_id in phase.submitted for c in owners.get(envelope_id, ())})
    return outcome


