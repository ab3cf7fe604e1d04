"""CPU-bound libraries set up for one worker process per core.

Workers run one per core, so a library that starts threads of its own only
makes them fight: Tesseract's OpenMP threads (capture/ocr/pages.py sets
``OMP_THREAD_LIMIT=1``) and OpenBLAS's (limited here, at run time, since the
library is loaded by then). spaCy's models multiply matrices through thinc,
whose bundled BLIS kernel measured five times slower than numpy's OpenBLAS on
this machine (0.48 against 0.09 ms for a 300×96×288 product; the French NER
model 9.0 against 5.4 ms of CPU per letter, with the same entities), so they
use numpy's.
"""

from __future__ import annotations

import functools
import math
import os
from pathlib import Path

CGROUP = Path("/sys/fs/cgroup")


def usable_cores() -> int:
    """Cores this process may use: its CPU affinity, capped by a container's CPU quota (cgroup v2 or v1).

    A pod limited to one CPU on a 16-core node sees 16 cores in its affinity; sizing the OCR pool
    from that would start 16 engines that share one core's time and sixteen times the memory.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    quota = cgroup_quota(CGROUP)
    return max(1, min(cores, math.ceil(quota))) if quota else cores


@functools.lru_cache(maxsize=8)  # read once per process: pools are sized for every document
def cgroup_quota(root: Path) -> float | None:
    """CPUs allowed by the cgroup quota (``cpu.max``, or v1's ``cpu.cfs_quota_us``), None when unlimited."""
    try:
        if (root / "cpu.max").exists():
            quota, period = (root / "cpu.max").read_text().split()[:2]
            return None if quota == "max" else int(quota) / int(period)
        v1 = root / "cpu"
        quota = int((v1 / "cpu.cfs_quota_us").read_text())
        return None if quota <= 0 else quota / int((v1 / "cpu.cfs_period_us").read_text())
    except (OSError, ValueError):
        return None


@functools.lru_cache(maxsize=1)
def tune_for_workers() -> None:
    """One BLAS thread per process, and numpy's matrix product for thinc models loaded from now on."""
    from thinc.api import NumpyOps, set_current_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    set_current_ops(NumpyOps(use_blis=False))
