"""The web app serving the dashboard from an index, for its memory and its page times: the dashboard's
overview, filtered case-list pages and searches asked over HTTP (in-process ASGI client) by a
supervisor; prints the RSS and the p50/p95 of each page.

    python bench/readrun/serve.py INDEX_URL ROUNDS TODAY
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parents[1])]

from fastapi.testclient import TestClient  # noqa: E402
from readrun.measure import TEAMS, WORDS, percentiles  # noqa: E402

from intake.settings import Settings  # noqa: E402
from runtime.app import App  # noqa: E402
from storage.index.base import open_index  # noqa: E402
from web.dashboard.auth import hash_api_key  # noqa: E402
from web.server import create_app  # noqa: E402

KEY = "cle-banc-de-mesure-0123456789"
FILTERS = ("", "statut=open", "theme=dental&canal=letter", "echeance=depassee&tri=deadline", "urgence=critical",
           "tri=priority", "echeance=proche")


def memory() -> dict[str, float]:
    """This process's resident memory now and at its peak, in MB."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return {"rss_mb": int(status["VmRSS"].split()[0]) / 1024, "peak_mb": int(status["VmHWM"].split()[0]) / 1024}


def pages(rng: random.Random, today: date, rounds: int) -> dict[str, list[str]]:
    """The URLs each round asks: the overview, a filtered list page, a search."""
    def listed() -> str:
        team = rng.choice(["", f"equipe={rng.choice(TEAMS)}&"])
        return f"/dashboard/dossiers?{team}{rng.choice(FILTERS)}"
    return {"overview page": [f"/dashboard?jour={today.isoformat()}"] * rounds,
            "case list page": [listed() for _ in range(rounds)],
            "search page": [f"/dashboard/dossiers?q={rng.choice(WORDS)}" for _ in range(rounds)]}


def serve(url: str, rounds: int, today: date) -> dict:
    """Ask ``rounds`` of each page of the web app reading ``url``; return the memory used and the page times."""
    with tempfile.TemporaryDirectory() as data:
        app = App(Settings.load(environ={}, data_dir=Path(data)))
        app.__dict__["index"] = open_index(url)
        users = [{"name": "banc", "role": "supervisor", "api_key_hash": hash_api_key(KEY)}]
        client = TestClient(create_app(app, users=users, session_secret="banc"), headers={"X-API-Key": KEY})
        spent = {name: [_get(client, path) for path in paths] for name, paths in pages(random.Random(5), today,
                                                                                        rounds).items()}
        used = memory()
        app.close()
    return used | {name: percentiles(ms) for name, ms in spent.items()}


def _get(client: TestClient, path: str) -> float:
    started = time.perf_counter()
    answer = client.get(path)
    assert answer.status_code == 200, (path, answer.status_code)
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    print(json.dumps(serve(sys.argv[1], int(sys.argv[2]), date.fromisoformat(sys.argv[3]))))
