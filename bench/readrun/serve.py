"""A process that serves the index's reads, for its memory: run the dashboard's mix, print the RSS.

Stands for the web process until the dashboard reads the index (then the bench
points at the web app itself).

    python bench/readrun/serve.py INDEX_URL ROUNDS TODAY
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parents[1])]

from readrun.measure import WORDS, list_queries, overview  # noqa: E402

from storage.index.base import open_index  # noqa: E402


def memory() -> dict[str, float]:
    """This process's resident memory now and at its peak, in MB."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return {"rss_mb": int(status["VmRSS"].split()[0]) / 1024, "peak_mb": int(status["VmHWM"].split()[0]) / 1024}


def serve(url: str, rounds: int, today: date) -> dict[str, float]:
    """Answer ``rounds`` rounds of overview, list pages and searches; return the memory used."""
    index, rng = open_index(url), random.Random(5)
    for query in list_queries(rng, today, rounds):
        overview(index, today)
        index.list_cases(query)
        index.search(rng.choice(WORDS), query)
    used = memory()
    index.close()
    return used


if __name__ == "__main__":
    print(json.dumps(serve(sys.argv[1], int(sys.argv[2]), date.fromisoformat(sys.argv[3]))))
