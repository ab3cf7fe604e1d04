"""The OCR floor: raw `tesseract` CLI times for the day's pages, run once and cached."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench.dayrun.common import CORES, _bar
from bench.dayrun.items import Item, letter_paths


@dataclass
class Floor:
    """Raw `tesseract` CLI times for the day's pages (each run once, cached).

    The floor is the CPU time (user + system) of those runs over the cores: on an idle machine a
    single-threaded Tesseract's wall time is its CPU time, and unlike the wall time it does not
    grow when other work shares the cores while it is measured (both sums are printed)."""

    pages: int = 0
    wall: float = 0.0  # sum over pages
    cpu: float = 0.0

    def seconds(self, cores: int) -> float:
        return self.cpu / cores


def ocr_floor(items: list[Item], cache: Path, languages: str = "fra+eng", again: bool = False) -> Floor:
    """Run plain `tesseract page.png out -l fra+eng --dpi 300` on every page not timed yet (all: ``again``)."""
    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    store = cache / "tesseract-times.json"
    known: dict[str, list[float]] = json.loads(store.read_text()) if store.exists() and not again else {}
    pages = [letter_paths(i, cache)[1] for i in items if i.channel == "letter"]
    key = lambda p: f"{version}|{languages}|{p.name}"  # noqa: E731
    todo = [p for p in pages if key(p) not in known]
    if todo:
        with tempfile.TemporaryDirectory() as out, ThreadPoolExecutor(CORES) as pool, _bar() as bar:
            task = bar.add_task(f"OCR floor: raw tesseract on {len(todo)} pages (once, then cached)", total=len(todo))
            for page, timing in zip(todo, pool.map(lambda p: _raw_tesseract(p, out, languages), todo)):
                known[key(page)] = timing
                bar.advance(task)
        store.write_text(json.dumps(known))
    floor = Floor(len(pages))
    for page in pages:
        wall, cpu = known[key(page)]
        floor.wall += wall
        floor.cpu += cpu
    return floor


def _raw_tesseract(page: Path, out: str, languages: str) -> list[float]:
    started = time.perf_counter()
    proc = subprocess.Popen(["tesseract", str(page), f"{out}/{page.stem}", "-l", languages, "--dpi", "300"],
                            env={**os.environ, "OMP_THREAD_LIMIT": "1"}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return [time.perf_counter() - started, usage.ru_utime + usage.ru_stime]


