"""A mailroom stack through the whole pipeline against the same letters scanned one by one (not a test).

One duplex stack of ``--letters`` typed letters with a separator sheet before
each (samples.batches, ``typed``: no handwritten page, so no cut waits for a
reviewer) is imported as a batch (``intake import-folder --batches``); the same
letters, each its own PDF of its own pages (its envelope page included, no
blank back, no separator sheet), are imported as single letters. Each side
runs every stage in this process on a fresh embedded store (filesystem bus,
local store) until idle: capture (for the stack: image facts of every page,
OCR of the pages that need it, the split, the letters' files and captures),
classify, record. The sides alternate; the fastest of ``--repeat`` passes
counts. Printed: cases made, wall and CPU seconds per letter page, and the
stack's ratio to the single letters (target ≤ 1.10).

    python bench/batch_pipeline.py [--seed 5] [--letters 12] [--separator patch-T] [--repeat 2]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

sys.path[:1] = [str(Path(__file__).resolve().parents[1])]  # this folder would shadow the `capture` package

from PIL import Image  # noqa: E402

from bench.batch_timing import timed  # noqa: E402
from capture.ocr.pages import warm_up  # noqa: E402
from connectors.hotfolder import batch_import  # noqa: E402
from intake.settings import Settings  # noqa: E402
from runtime.app import App  # noqa: E402
from samples.batches import SEPARATORS, BatchSpec, make_batch, render_batch  # noqa: E402

IDLE = 1.0  # seconds the worker waits for more before it stops: taken off the wall time


def pdf(images: list[Image.Image]) -> bytes:
    # copies: Pillow keeps a saved image's options (its appended images too) for its next save
    first, *rest = (image.copy() for image in images)
    out = io.BytesIO()
    first.save(out, format="PDF", save_all=True, append_images=rest, resolution=300)
    return out.getvalue()


def write_inputs(spec: BatchSpec, root: Path) -> tuple[Path, Path, int]:
    """The stack as one PDF, its letters as one PDF each; and how many letter pages they hold."""
    images = list(render_batch(spec))
    stack, single = root / "stack", root / "single"
    stack.mkdir()
    single.mkdir()
    (stack / "lot.pdf").write_bytes(pdf(images))
    letter_pages = 0
    for plan in spec.letters:
        pages = [images[n] for n, page in enumerate(spec.pages) if page.letter == plan.index]
        (single / f"lettre-{plan.index:03d}.pdf").write_bytes(pdf(pages))
        letter_pages += len(pages)
    return stack, single, letter_pages


def run(folder: Path, batches: bool, data: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of importing ``folder`` and running every stage until idle; the cases made."""
    app = App(Settings.load(environ={}, data_dir=data))
    try:
        def everything() -> None:
            batch_import(app.connector_context(), folder, progress=False, batches=batches)
            app.worker().run(idle_timeout=IDLE)

        wall, cpu = timed(everything)
        return wall - IDLE, cpu, len(app.records.case_ids())
    finally:
        app.close()


def main() -> None:
    args = _arguments()
    spec = make_batch(args.seed, args.letters, args.separator, duplex=True, typed=True)
    with tempfile.TemporaryDirectory(prefix="bench-batch-pipeline-") as tmp:
        root = Path(tmp)
        stack, single, letter_pages = write_inputs(spec, root)
        print(f"seed {args.seed}: {args.letters} letters, {len(spec.pages)} scanned pages in the stack "
              f"({args.separator} separators, duplex), {letter_pages} letter pages")
        app = App(Settings.load(environ={}, data_dir=root / "warm"))
        warm_up(app.capture_context())
        run(single, False, root / "warm")  # models loaded (spaCy, classifier), engines started: not counted
        app.close()
        best = {"single": (float("inf"),) * 3, "stack": (float("inf"),) * 3}
        for n in range(args.repeat):
            for side, folder in (("single", single), ("stack", stack)):
                measured = run(folder, side == "stack", root / f"{side}-{n}")
                print(f"  pass {n + 1} {side}: {measured[0]:.1f} s wall, {measured[1]:.1f} s CPU, {measured[2]} cases")
                best[side] = min(best[side], measured)
        _report(best, letter_pages)


def _report(best: dict, pages: int) -> None:
    (s_wall, s_cpu, s_cases), (b_wall, b_cpu, b_cases) = best["single"], best["stack"]
    print(f"single letters: {s_cases} cases, {s_wall / pages:.3f} s wall and {s_cpu / pages:.3f} s CPU per letter page")
    print(f"stack:          {b_cases} cases, {b_wall / pages:.3f} s wall and {b_cpu / pages:.3f} s CPU per letter page")
    print(f"ratio stack / single letters: wall {b_wall / s_wall:.3f}, CPU {b_cpu / s_cpu:.3f} (target <= 1.10)")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--letters", type=int, default=12)
    parser.add_argument("--separator", default="patch-T", choices=SEPARATORS)
    parser.add_argument("--repeat", type=int, default=2, help="passes of each side; the fastest counts")
    return parser.parse_args()


if __name__ == "__main__":
    main()
