"""What the seed-day benchmark's parts share: paths, targets, the console."""

from __future__ import annotations

import os
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

ROOT = Path(__file__).resolve().parents[2]
ENTRY = ROOT / "bench" / "day.py"  # worker processes run it again with --as-worker / --as-launcher
console = Console()
CORES = len(os.sched_getaffinity(0))
CACHE = ROOT / ".intake" / "bench-day"
GENERATOR_VERSION = 3  # bump when the rendering of letters changes (invalidates the cache)
TARGETS = {"ratio": 1.2, "email_per_s": 30.0}
SHARES = {"letter": 0.45, "email+webform": 0.31, "phone": 0.24}
LETTER_FORMATS = ("pdf", "pdf", "tiff", "tiff", "png", "png", "pdf", "tiff", "png", "pdf")  # 40% / 30% / 30%
TICKS = os.sysconf("SC_CLK_TCK")
SERVERS = {"s3": "SeaweedFS S3 server (ours)", "broker": "RabbitMQ (whole broker, all vhosts)"}


def _bar() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


