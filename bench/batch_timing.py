"""Time of a stack through batch separation against the same letters captured one by one (bench/batches.py).

Single letters: each letter's pages (envelope included) OCR'd as a document
of their own through ``capture.ocr.pages.ocr_pages``, as the capture reads a
letter scanned alone today. The stack: ``read_batch`` on every page (image
facts for all, OCR for the pages that need it) and ``split_batch``. Both
sides OCR the same pages; the stack also looks at its blank backs and
separator sheets. The two sides alternate, and the fastest pass of each counts.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable

from PIL import Image

from capture.ocr import engine
from capture.batch.reading import read_batch
from capture.batch.split import split_batch
from capture.context import CaptureContext
from capture.ocr.pages import ocr_pages, warm_up
from samples.batches import BatchSpec


def load(paths: list[str]) -> list[Image.Image]:
    """The page images of one stack, decoded."""
    images = []
    for path in paths:
        with Image.open(path) as image:
            image.load()
            images.append(image)
    return images


def _cpu() -> float:
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage) + engine.cpu_seconds()


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), _cpu()
    run()
    return time.perf_counter() - wall, _cpu() - cpu


def time_against_single_letters(specs: list[BatchSpec], files: list[list[str]], ctx: CaptureContext,
                                repeat: int) -> None:
    """Print seconds per page of each stack and of its letters captured one by one, and the ratio."""
    warm_up(ctx)
    totals = {"single": [0.0, 0.0], "stack": [0.0, 0.0], "read": 0, "scanned": 0}
    for spec, paths in zip(specs, files):
        images = load(paths)
        letters = [[images[n - 1] for n, page in enumerate(spec.pages, start=1) if page.letter == plan.index]
                   for plan in spec.letters]
        single, stack = (float("inf"),) * 2, (float("inf"),) * 2
        for _ in range(repeat):
            single = min(single, timed(lambda: [list(ocr_pages(pages, ctx)) for pages in letters]))
            stack = min(stack, timed(lambda: split_batch(read_batch(images, ctx))))
        read = sum(len(pages) for pages in letters)
        _print_stack(spec, read, len(images), single, stack)
        for key, value in (("single", single), ("stack", stack)):
            totals[key] = [a + b for a, b in zip(totals[key], value)]
        totals["read"] += read
        totals["scanned"] += len(images)
    _print_total(totals)


def _print_stack(spec: BatchSpec, read: int, scanned: int, single: tuple, stack: tuple) -> None:
    print(f"  stack seed {spec.seed} ({spec.separator or 'no separators'}): {scanned} scanned pages, {read} letter "
          f"pages; single letters {single[0] / read:.3f} s/page (CPU {single[1] / read:.3f}); stack "
          f"{stack[0] / read:.3f} s per letter page (CPU {stack[1] / read:.3f}), {stack[0] / scanned:.3f} s per "
          f"scanned page; ratio {stack[0] / single[0]:.3f} (CPU {stack[1] / single[1]:.3f})")


def _print_total(totals: dict) -> None:
    single, stack, read = totals["single"], totals["stack"], totals["read"]
    print(f"\ntime per letter page, all timed stacks ({read} letter pages, {totals['scanned']} scanned): "
          f"single letters {single[0] / read:.3f} s (CPU {single[1] / read:.3f}), stack {stack[0] / read:.3f} s "
          f"(CPU {stack[1] / read:.3f}); stack / single = {stack[0] / single[0]:.3f} wall, "
          f"{stack[1] / single[1]:.3f} CPU (target <= 1.10)")
