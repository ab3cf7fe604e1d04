"""Read benchmark of the case index: a synthetic year, then the reads people make, on SQLite and PostgreSQL.

Writes a synthetic year (default 250,000 cases, ~2.3 million events, the
reference mix; readrun/year.py) into a local store, rebuilds each index from
it with ``storage.index.rebuild.reindex`` (timed: items/s), then prints p50/p95
of a filtered case-list page, a search, the member view and the dashboard
overview (readrun/measure.py), and the resident memory of a process serving
those reads (readrun/serve.py) on a 1,000-case year and on the full year.

    python bench/read.py                       # 250,000 cases, both databases
    python bench/read.py --cases 5000          # a quick run
    python bench/read.py --databases sqlite --reuse

Data goes under .intake/bench-read/ (the store is kept for --reuse; PostgreSQL
databases ``intake_bench_read_<cases>`` are created on the local server and
dropped at the end unless --keep).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import psycopg  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: E402
from rich.table import Table  # noqa: E402

from readrun.measure import measure  # noqa: E402
from readrun.year import END, Written, write_year  # noqa: E402

from storage.index.base import open_index  # noqa: E402
from storage.index.rebuild import reindex  # noqa: E402
from storage.local import LocalStore  # noqa: E402
from storage.records import Records  # noqa: E402

console = Console()
TARGETS = {"case list page": 50.0, "search": 50.0, "dashboard overview": 300.0, "rss_growth_mb": 50.0}
SMALL = 1000


def _bar() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


def year(data: Path, cases: int, reuse: bool) -> Written:
    """The synthetic year's store (written now, or the one kept from an earlier run)."""
    facts = data / f"year-{cases}.json"
    if reuse and facts.is_file():
        return Written(**json.loads(facts.read_text()))
    shutil.rmtree(data / f"store-{cases}", ignore_errors=True)
    started = time.monotonic()
    with _bar() as bar:
        task = bar.add_task(f"writing a year of {cases:,} cases", total=cases)
        written = write_year(data / f"store-{cases}", cases, progress=lambda n: bar.advance(task, n))
    console.print(f"year of {written.cases:,} cases, {written.items:,} items, {written.events:,} events written "
                  f"in {time.monotonic() - started:.0f} s")
    facts.write_text(json.dumps(asdict(written)))
    return written


def index_url(database: str, data: Path, cases: int, server: str) -> str:
    """A fresh, empty index for one database."""
    if database == "sqlite":
        path = data / f"index-{cases}.sqlite3"
        for leftover in data.glob(f"index-{cases}.sqlite3*"):
            leftover.unlink()
        return f"sqlite:///{path}"
    name = f"intake_bench_read_{cases}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + f"/{name}"


def rebuild(url: str, data: Path, cases: int) -> dict[str, float]:
    """Fill the index from the store; the rebuild's rate."""
    index = open_index(url)
    with _bar() as bar:
        task = bar.add_task(f"reindex {url.split(':')[0]}", total=cases)
        done = reindex(Records(LocalStore(data / f"store-{cases}")), index,
                       progress=lambda n, total: bar.update(task, completed=n, total=total))
    index.close()
    return {"items_per_s": done.items / done.seconds, "events_per_s": done.events / done.seconds,
            "seconds": done.seconds}


def served_memory(url: str, rounds: int) -> dict[str, float]:
    """RSS of a process serving the dashboard's reads from this index."""
    found = subprocess.run([sys.executable, str(ROOT / "bench" / "readrun" / "serve.py"), url, str(rounds),
                            END.date().isoformat()], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(found.stdout)


def run(database: str, args, written: Written, small: Written) -> dict:
    """Every figure for one database."""
    data, server = args.data_dir, args.postgres_url
    small_url = index_url(database, data, SMALL, server)
    rebuild(small_url, data, SMALL)
    url = index_url(database, data, args.cases, server)
    figures = {"reindex": rebuild(url, data, args.cases)}
    index = open_index(url)
    figures["reads"] = measure(index, written, END.date(), args.samples)
    index.close()
    figures["rss"] = {n: served_memory(u, args.serve_rounds) for n, u in ((SMALL, small_url), (args.cases, url))}
    if database == "postgresql" and not args.keep:
        _drop(server, [small_url, url])
    return figures


def _drop(server: str, urls: list[str]) -> None:
    with psycopg.connect(server, autocommit=True) as admin:
        for url in urls:
            admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def report(results: dict, cases: int) -> None:
    """The figures, against the targets."""
    table = Table("database", "read", "p50 ms", "p95 ms", "target p95", title=f"reads on a year of {cases:,} cases")
    for database, figures in results.items():
        for name, (p50, p95) in figures["reads"].items():
            target = TARGETS.get(name)
            mark = "" if target is None else (" ok" if p95 <= target else " MISSED")
            table.add_row(database, name, f"{p50:.1f}", f"{p95:.1f}", f"{target:.0f}{mark}" if target else "—")
    console.print(table)
    for database, figures in results.items():
        rss = figures["rss"]
        growth = rss[cases]["rss_mb"] - rss[SMALL]["rss_mb"]
        console.print(f"{database}: reindex {figures['reindex']['items_per_s']:.0f} items/s "
                      f"({figures['reindex']['events_per_s']:.0f} events/s, {figures['reindex']['seconds']:.0f} s); "
                      f"serving RSS {rss[SMALL]['rss_mb']:.0f} MB at {SMALL:,} cases, {rss[cases]['rss_mb']:.0f} MB "
                      f"at {cases:,} (+{growth:.0f} MB, target <= {TARGETS['rss_growth_mb']:.0f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=250_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--samples", type=int, default=200, help="timed calls of each kind of read")
    parser.add_argument("--serve-rounds", type=int, default=100)
    parser.add_argument("--postgres-url", default=os.environ.get("INTAKE_BENCH_POSTGRES_URL",
                                                                 "postgresql://root@127.0.0.1:5432/postgres"))
    parser.add_argument("--data-dir", type=Path, default=ROOT / ".intake" / "bench-read")
    parser.add_argument("--reuse", action="store_true", help="reuse the year written by an earlier run")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL databases")
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    small, written = year(args.data_dir, SMALL, args.reuse), year(args.data_dir, args.cases, args.reuse)
    results = {db: run(db, args, written, small) for db in args.databases.split(",")}
    report(results, args.cases)
    out = args.data_dir / f"results-{args.cases}.json"
    out.write_text(json.dumps(results, indent=1, default=str))
    console.print(f"figures saved in {out}")


if __name__ == "__main__":
    main()
