"""CPU-bound libraries set up for one worker process per core.

Workers run one per core, so a library that starts threads of its own only
makes them fight: Tesseract's OpenMP threads (capture/ocr.py sets
``OMP_THREAD_LIMIT=1``) and OpenBLAS's (limited here, at run time, since the
library is loaded by then). spaCy's models multiply matrices through thinc,
whose bundled BLIS kernel measured five times slower than numpy's OpenBLAS on
this machine (0.48 against 0.09 ms for a 300×96×288 product; the French NER
model 9.0 against 5.4 ms of CPU per letter, with the same entities), so they
use numpy's.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def tune_for_workers() -> None:
    """One BLAS thread per process, and numpy's matrix product for thinc models loaded from now on."""
    from thinc.api import NumpyOps, set_current_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    set_current_ops(NumpyOps(use_blis=False))
