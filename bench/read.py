"""Read benchmark of the case index: a synthetic year, then the reads people make, on SQLite and PostgreSQL.

Makes a synthetic year (default 250,000 cases, ~2.3 million events, the
reference mix; readrun/year.py) and writes it, in bulk transactions of 500
cases (``index.apply_many``, no store read-back), into each index (timed:
items/s) — and into a local store with --store (the index figures do not
depend on it; on a shared disk two million small files take long to write and
longer to delete); times ``reindex`` from a store of --reindex-cases cases;
then prints p50/p95 of a filtered case-list page (50 rows), a search (20
hits), the member view and the dashboard overview (readrun/measure.py), and
the resident memory of the web app serving the dashboard's overview, list
pages and searches over HTTP, with those pages' times (readrun/serve.py), on a
1,000-case year and on the full year.

    python bench/read.py                       # 250,000 cases, both databases
    python bench/read.py --cases 5000          # a quick run
    python bench/read.py --keep ... ; python bench/read.py --measure-only ...   # measure again, no reload

Data goes under .intake/bench-read/; PostgreSQL databases
``intake_bench_read_<cases>`` are created on the local server; both the
stores and the databases are removed at the end unless --keep.
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
BATCH = 500  # cases per bulk transaction


def _bar() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


def load_year(data: Path, cases: int, urls: dict[str, str], store: bool) -> tuple[Written, dict[str, float]]:
    """Write a year (into a store if ``store``) and, in batches of cases, into each index; seconds per index."""
    shutil.rmtree(data / f"store-{cases}", ignore_errors=True)
    indexes = {db: open_index(url) for db, url in urls.items()}
    spent, waiting = dict.fromkeys(urls, 0.0), []

    def flush() -> None:
        for db, index in indexes.items():
            started = time.perf_counter()
            index.apply_many(waiting)
            spent[db] += time.perf_counter() - started
        waiting.clear()

    def sink(batch) -> None:
        waiting.append(batch)
        if len(waiting) >= BATCH:
            flush()

    started = time.monotonic()
    with _bar() as bar:
        task = bar.add_task(f"writing a year of {cases:,} cases", total=cases)
        written = write_year(data / f"store-{cases}" if store else None, cases,
                             progress=lambda n: bar.advance(task, n), sink=sink)
    flush()
    for index in indexes.values():
        index.analyze()
        index.close()
    console.print(f"year of {written.cases:,} cases, {written.items:,} items, {written.events:,} events written "
                  f"in {time.monotonic() - started:.0f} s (" + ", ".join(f"{db} {s:.0f} s" for db, s in spent.items())
                  + ")")
    (data / f"year-{cases}.json").write_text(json.dumps(asdict(written)))
    return written, spent


def index_url(database: str, data: Path, cases: int, server: str, fresh: bool = True) -> str:
    """The index of one database for a year of ``cases`` (emptied first when ``fresh``)."""
    if database == "sqlite":
        path = data / f"index-{cases}.sqlite3"
        for leftover in data.glob(f"index-{cases}.sqlite3*") if fresh else ():
            leftover.unlink()
        return f"sqlite:///{path}"
    name = f"intake_bench_read_{cases}"
    if fresh:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + f"/{name}"


def reindex_rate(data: Path, cases: int, databases: list[str], server: str) -> dict[str, dict[str, float]]:
    """Items/s of ``reindex`` from a store of ``cases`` cases into a fresh index of each database."""
    write_year(data / f"store-{cases}", cases, seed=7)
    rates = {}
    for database in databases:
        url = index_url(database, data, cases, server)
        index = open_index(url)
        done = reindex(Records(LocalStore(data / f"store-{cases}"), cache_size=0), index)
        index.close()
        rates[database] = {"cases": done.cases, "items": done.items, "items_per_s": done.items / done.seconds,
                           "events_per_s": done.events / done.seconds, "seconds": done.seconds}
        if database == "postgresql":
            _drop(server, [url])
    shutil.rmtree(data / f"store-{cases}", ignore_errors=True)
    return rates


def served_memory(url: str, rounds: int) -> dict[str, float]:
    """RSS of the web app serving the dashboard from this index, and its page times (readrun/serve.py)."""
    found = subprocess.run([sys.executable, str(ROOT / "bench" / "readrun" / "serve.py"), url, str(rounds),
                            END.date().isoformat()], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(found.stdout)


def _drop(server: str, urls: list[str]) -> None:
    with psycopg.connect(server, autocommit=True) as admin:
        for url in urls:
            admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def report(results: dict, cases: int, written: Written) -> None:
    """The figures, against the targets."""
    table = Table("database", "read", "p50 ms", "p95 ms", "target p95", title=f"reads on a year of {cases:,} cases")
    for database, figures in results.items():
        for name, (p50, p95) in figures["reads"].items():
            target = TARGETS.get(name)
            mark = "" if target is None else (" ok" if p95 <= target else " MISSED")
            table.add_row(database, name, f"{p50:.1f}", f"{p95:.1f}", f"{target:.0f}{mark}" if target else "—")
    console.print(table)
    for database, figures in results.items():
        rss, loaded, rate = figures["rss"], figures.get(f"load {cases}"), figures.get("reindex")
        growth = rss[cases]["rss_mb"] - rss[SMALL]["rss_mb"]
        if loaded:
            console.print(f"{database}: bulk load {written.items / loaded:.0f} items/s "
                          f"({written.events / loaded:.0f} events/s, {loaded:.0f} s)")
        if rate:
            console.print(f"{database}: reindex of a {rate['cases']:,}-case store {rate['items_per_s']:.0f} items/s "
                          f"({rate['events_per_s']:.0f} events/s, {rate['seconds']:.0f} s)")
        console.print(f"{database}: web app RSS {rss[SMALL]['rss_mb']:.0f} MB at {SMALL:,} cases, "
                      f"{rss[cases]['rss_mb']:.0f} MB at {cases:,} (+{growth:.0f} MB, "
                      f"target <= {TARGETS['rss_growth_mb']:.0f}); over HTTP at {cases:,}: "
                      + ", ".join(f"{name} {rss[cases][name][0]:.0f} / {rss[cases][name][1]:.0f} ms"
                                  for name in ("overview page", "case list page", "search page")) + " (p50 / p95)")


def arguments() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=250_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--samples", type=int, default=200, help="timed calls of each kind of read")
    parser.add_argument("--serve-rounds", type=int, default=100)
    parser.add_argument("--reindex-cases", type=int, default=20_000, help="size of the store reindex is timed on")
    parser.add_argument("--postgres-url", default=os.environ.get("INTAKE_BENCH_POSTGRES_URL",
                                                                 "postgresql://root@127.0.0.1:5432/postgres"))
    parser.add_argument("--data-dir", type=Path, default=ROOT / ".intake" / "bench-read")
    parser.add_argument("--measure-only", action="store_true", help="measure the indexes an earlier --keep run left")
    parser.add_argument("--keep", action="store_true", help="keep the year's store and PostgreSQL databases")
    parser.add_argument("--store", action="store_true",
                        help="write the whole year into a store too (~40 KB and 8 files per case)")
    return parser.parse_args()


def load_all(args, urls: dict[int, dict[str, str]], results: dict) -> None:
    """Both years into every index, then the reindex rate."""
    for size in (SMALL, args.cases):
        _, spent = load_year(args.data_dir, size, urls[size], args.store)
        for db, seconds in spent.items():
            results[db][f"load {size}"] = seconds
    for db, rate in reindex_rate(args.data_dir, args.reindex_cases, list(results), args.postgres_url).items():
        results[db]["reindex"] = rate


def measure_all(args, urls: dict[int, dict[str, str]], results: dict, written: Written) -> None:
    """Read latencies on the full year, and the serving process's memory on both years."""
    for db in results:
        index = open_index(urls[args.cases][db])
        results[db]["reads"] = measure(index, written, END.date(), args.samples)
        index.close()
        results[db]["rss"] = {n: served_memory(urls[n][db], args.serve_rounds) for n in (SMALL, args.cases)}


def clean(args, urls: dict[int, dict[str, str]]) -> None:
    """Drop the databases and stores (unless --keep)."""
    if not args.keep:
        _drop(args.postgres_url, [urls[n]["postgresql"] for n in urls if "postgresql" in urls[n]])
        for n in urls:
            shutil.rmtree(args.data_dir / f"store-{n}", ignore_errors=True)


def main() -> None:
    args = arguments()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    databases, fresh = args.databases.split(","), not args.measure_only
    urls = {n: {db: index_url(db, args.data_dir, n, args.postgres_url, fresh) for db in databases}
            for n in (SMALL, args.cases)}
    results: dict = {db: {} for db in databases}
    if fresh:
        load_all(args, urls, results)
    written = Written(**json.loads((args.data_dir / f"year-{args.cases}.json").read_text()))
    measure_all(args, urls, results, written)
    clean(args, urls)
    report(results, args.cases, written)
    out = args.data_dir / f"results-{args.cases}.json"
    out.write_text(json.dumps(results, indent=1, default=str))
    console.print(f"figures saved in {out}")


if __name__ == "__main__":
    main()
