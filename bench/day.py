"""Seed-day benchmark: a whole day of the reference user through the real pipeline
(run by hand or `make bench-day`; not a test).

Generates a seed-mix day (default 908 items: 45% scanned one-page letters as
PNG, TIFF or image-only PDF at 300 dpi with light skew and noise; 31% e-mails,
some with a born-digital PDF, and web forms; 24% call-log records), submits it
in one burst the way the connectors do (``connectors.base.submit``), lets
worker processes run every stage, then a burst of born-digital e-mails alone.
Prints: wall time, items/s per channel, per-stage CPU share (the workers' own
accounting, through a hook), p50/p95 latency from received to case recorded
(the case events' timestamps), peak memory of the workers, and the ratio of
wall time to the OCR floor (raw ``tesseract`` CLI times for the same pages, run
once and cached, summed and divided by the cores).

    python bench/day.py                         # 908 items, both backends
    python bench/day.py --quick                 # 60 items, to try things
    python bench/day.py --backend rabbitmq-s3 --topology split --workers 2
    python bench/day.py --scale 10              # a bigger insurer's day
    python bench/day.py --quick --backend embedded --workers 1   # `intake worker --processes 1`
    python bench/day.py --quick --profile /tmp/prof   # cProfile every worker

``rabbitmq-s3`` needs RabbitMQ on 127.0.0.1:5672 (a vhost of its own is created
and deleted) and starts a SeaweedFS S3 server itself (tests/support/services.py).
Rendered letters and the raw-Tesseract times are cached under .intake/bench-day/.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# run as `python bench/day.py`, bench/ would shadow the `capture` package (bench/capture.py)
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path[:0] = [p for p in (str(ROOT), str(ROOT / "tests" / "support")) if p not in sys.path]

from bench.dayrun.common import CACHE, CORES, console  # noqa: E402
from bench.dayrun.figures import phase_figures, print_figures  # noqa: E402
from bench.dayrun.floor import Floor, ocr_floor  # noqa: E402
from bench.dayrun.items import Item, draft_for, email_burst, plan_day, render_scans  # noqa: E402,F401 (tests use draft_for)
from bench.dayrun.phases import check, read_events, run_phase  # noqa: E402
from bench.dayrun.processes import HookReader, Pool, machine_busy, pids_with, tree_peak_rss  # noqa: E402,F401 (tests)
from bench.dayrun.workers import launcher_main, worker_main  # noqa: E402
from runtime.bus import STAGES  # noqa: E402  (capture, classify, record[, outbound]: whatever the code runs)

# --- one backend ----------------------------------------------------------------------------


@contextlib.contextmanager
def backend(name: str, folder: Path) -> Iterator[tuple[dict[str, str], dict[str, list[int]]]]:
    """The worker environment for a backend, and the pids of servers we started (for CPU)."""
    data = folder / "data"
    if name == "embedded":
        yield {"INTAKE_DATA_DIR": str(data)}, {}
        return
    from services import rabbitmq_vhost, seaweedfs_server

    weed_dir = folder / "seaweedfs"
    with rabbitmq_vhost() as amqp_url, seaweedfs_server(weed_dir) as s3:
        env = {"INTAKE_DATA_DIR": str(data), "INTAKE_BROKER_URL": amqp_url,
               "INTAKE_STORE_URL": f"s3://bench:bench-secret@{s3}/day?secure=false"}
        yield env, {"s3": pids_with(f"-dir={weed_dir}"), "broker": pids_with("beam.smp")}


@contextlib.contextmanager
def index_database(kind: str) -> Iterator[dict[str, str]]:
    """The case index's setting: SQLite in the data directory (the default), or a fresh PostgreSQL database."""
    if kind == "sqlite":
        yield {}
        return
    from databases import postgres_database

    with postgres_database("intake_bench_day") as url:
        yield {"INTAKE_INDEX_URL": url}


def layout_for(topology: str, workers: int) -> list[tuple[str, ...]]:
    """``all``: N processes running every stage; ``split``: N capture processes + one per other stage."""
    if topology == "all":
        return [STAGES] * workers
    return [("capture",)] * workers + [(stage,) for stage in STAGES if stage != "capture"]


def run_backend(name: str, day: list[Item], burst: list[Item], floor: Floor, options: argparse.Namespace,
                cache: Path) -> list[dict[str, Any]]:
    """Both phases on one backend; returns their figures."""
    from intake.settings import Settings
    from runtime.app import App

    with tempfile.TemporaryDirectory(prefix=f"intake-day-{name}-") as tmp, backend(name, Path(tmp)) as (env, servers), \
            index_database(options.index) as index_env:
        env = {**env, **index_env}
        clean = {k: v for k, v in os.environ.items() if not k.startswith("INTAKE_")}
        worker_env = {**clean, **env, "OMP_THREAD_LIMIT": "1", "INTAKE_RETRY_BASE_SECONDS": "0.2",
                      "INTAKE_MAX_ATTEMPTS": "8", "PYTHONPATH": str(ROOT),
                      "INTAKE_OCR_WORKERS": str(options.ocr_workers or max(1, CORES // options.workers))}
        app = App(Settings.load(environ=env))
        layout = layout_for(options.topology, options.workers)
        pool = Pool(worker_env, Path(tmp) / "workers", layout,
                    Path(options.profile) / name if options.profile else None)
        results = []
        try:
            pool.start()
            startup = pool.wait_ready()
            console.print(f"[bold]{name}[/]: {len(layout)} worker process(es) {', '.join('+'.join(s) for s in layout)}"
                          f" ready (start-up incl. imports and the spaCy model: {startup:.1f} s)")
            reader = HookReader(pool)
            for label, items, phase_floor in (("day", day, floor), ("e-mails", burst, None)):
                if not items:
                    continue
                phase = run_phase(label, items, app, pool, reader, cache, servers, options.timeout,
                                  Path(options.profile) / name if options.profile else None)
                peak = [tree_peak_rss(p) for p in pool.pids]  # a worker and its OCR engines
                outcome = check(phase, read_events(app))
                figures = phase_figures(phase, outcome, phase_floor, CORES)
                figures |= {"backend": name, "topology": options.topology, "processes": len(layout),
                            "worker_startup_s": round(startup, 1), "peak_rss_mb_max": max(peak) / 2**20,
                            "peak_rss_mb_sum": sum(peak) / 2**20}
                print_figures(f"{name}, {label}: {len(layout)} worker processes ({options.topology}) on {CORES} cores",
                              figures)
                results.append(figures)
        finally:
            pool.stop()
            app.close()
        if options.profile:
            print_profiles(Path(options.profile) / name)
    return results


def print_profiles(folder: Path, top: int = 25) -> None:
    """The top functions (cumulative) of each worker's cProfile dump, written next to the dumps."""
    import io
    import pstats

    for dump in sorted(folder.glob("*.prof")):
        text = io.StringIO()
        pstats.Stats(str(dump), stream=text).sort_stats("cumulative").print_stats(top)
        dump.with_suffix(".txt").write_text(text.getvalue())
    console.print(f"profiles (cProfile dumps and their top {top}): {folder}")


def main() -> None:
    options = _arguments()
    if options.as_launcher:
        groups = [[tuple(s.split(",")) for s in group.split(";")] for group in options.as_launcher.split("|")]
        launcher_main(groups, Path(options.hook_file))
        return
    if options.as_worker:
        worker_main(tuple(options.as_worker.split(",")), Path(options.hook_file),
                    Path(options.profile_file) if options.profile_file else None)
        return
    count = options.items or (60 if options.quick else round(908 * options.scale))
    burst_count = options.emails if options.emails is not None else 40 if options.quick else max(60, round(count * .22))
    cache = Path(options.cache)
    day = [] if options.emails_only else plan_day(count, options.seed)
    burst = email_burst(burst_count, options.seed)
    console.print(f"seed-mix day: {len(day)} items {dict(Counter(i.kind for i in day))}; then {burst_count} "
                  f"born-digital e-mails alone; {CORES} cores")
    render_scans(day, cache)
    floor = ocr_floor(day, cache, again=options.refloor)
    backends = ["embedded", "rabbitmq-s3"] if options.backend == "both" else [options.backend]
    everything = []
    for name in backends:
        everything += run_backend(name, day, burst, floor, options, cache)
    if options.json:
        Path(options.json).write_text(json.dumps(everything, indent=1))
    console.print(f"command: python bench/day.py {' '.join(sys.argv[1:])}")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=0, help="items in the day (default 908 × scale)")
    parser.add_argument("--scale", type=float, default=1.0, help="a day K times the reference user's")
    parser.add_argument("--quick", action="store_true", help="60 items and 40 e-mails, to try things")
    parser.add_argument("--emails", type=int, default=None, help="born-digital e-mails in the second burst")
    parser.add_argument("--emails-only", action="store_true", help="skip the day: the e-mail burst alone")
    parser.add_argument("--backend", choices=("embedded", "rabbitmq-s3", "both"), default="both")
    parser.add_argument("--index", choices=("sqlite", "postgresql"), default="sqlite",
                        help="the case index: SQLite in the data directory, or a fresh database on the local PostgreSQL")
    parser.add_argument("--workers", type=int, default=CORES, help="worker processes (per stage with split)")
    parser.add_argument("--ocr-workers", type=int, default=0,
                        help="OCR engines per worker process (default: cores ÷ workers, as `intake worker` gives them)")
    parser.add_argument("--topology", choices=("all", "split"), default="all",
                        help="all: each process runs every stage; split: N capture + one per other stage")
    parser.add_argument("--timeout", type=float, default=3600, help="give up a phase after this many seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", default=str(CACHE), help="rendered letters and raw tesseract times")
    parser.add_argument("--refloor", action="store_true",
                        help="time raw tesseract again (do it on a quiet machine: the floor is cached)")
    parser.add_argument("--profile", help="folder for a cProfile dump of every worker and of the connector thread (slows them down)")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--as-worker", help=argparse.SUPPRESS)
    parser.add_argument("--as-launcher", help=argparse.SUPPRESS)
    parser.add_argument("--hook-file", help=argparse.SUPPRESS)
    parser.add_argument("--profile-file", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    main()
