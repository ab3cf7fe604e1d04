"""Batch separation benchmark on generated mailroom stacks (run by hand; not a test).

Each seed makes two duplex stacks of ``--letters`` letters (samples.batches):
one with a separator sheet before every letter (patch T, patch II, Code 128
and QR in turn), one without. Every stack is read (capture.batch.read_batch:
image facts for every page, OCR for the pages that need it) and split, then
scored against its truth: page-boundary precision/recall/F1, blank backs
dropped, content pages lost (must be 0) or put in two letters, envelopes and
postmarks, case-reference barcodes, handwritten pages flagged, batches sent to
review, and the first-page detector's calibration. It prints the coverage
measured on blank backs and near-empty pages (where the blank threshold
comes from) and the OCR measures of typed and handwritten pages. Tuning seeds
and held-out seeds are reported apart. ``--fit`` refits the first-page
weights on the tuning seeds' stacks without separators. ``--timing N`` times
the first N held-out stacks of each kind against the same letters captured
one by one (their pages OCR'd alone, as single letters are today), in
alternation, the fastest of ``--repeat`` passes.

OCR readings are cached under .intake/bench-batches/ (the page images are
regenerated, their facts recomputed); ``--fresh`` reads everything again.

    python bench/batches.py [--tune 1-4] [--held-out 5-8] [--letters 12] [--fit] [--timing 2] [--fresh]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import pickle
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path[:1] = [str(Path(__file__).resolve().parents[1])]  # this folder would shadow the `capture` package

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from bench.batch_scores import Tally, page_measures, training_rows  # noqa: E402
from bench.batch_timing import load, time_against_single_letters  # noqa: E402
from capture.batch import firstpage  # noqa: E402
from capture.batch.calibrate import brier, expected_calibration_error, fit_logistic  # noqa: E402
from capture.batch.facts import look_at  # noqa: E402
from capture.batch.models import BatchPage  # noqa: E402
from capture.batch.settings import BatchSettings  # noqa: E402
from capture.batch.split import split_batch  # noqa: E402
from capture.context import CaptureContext  # noqa: E402
from capture.ocr.pages import ocr_pages  # noqa: E402
from samples.batches import SEPARATORS, BatchSpec, make_batch, render_batch  # noqa: E402

CACHE = Path(".intake/bench-batches/readings-v2")
PAGES = Path(".intake/bench-batches/pages-v2")  # bump when the generator changes
SETTINGS = BatchSettings()


def stacks(seeds: list[int], letters: int) -> list[BatchSpec]:
    """Two stacks per seed: with separator sheets (the kinds in turn) and without."""
    return [make_batch(seed, letters, separator) for seed in seeds
            for separator in (SEPARATORS[seed % len(SEPARATORS)], None)]


def render(seed: int, letters: int, separator: str | None, folder: str) -> list[str]:
    """Draw a stack's pages into ``folder`` as PNG files, unless already there (run in a worker process)."""
    spec, out = make_batch(seed, letters, separator), Path(folder)
    paths = [out / f"{n:03d}.png" for n in range(1, len(spec.pages) + 1)]
    if not all(p.exists() for p in paths):
        out.mkdir(parents=True, exist_ok=True)
        for path, image in zip(paths, render_batch(spec)):
            image.save(path, dpi=(300, 300), compress_level=1)
    return [str(p) for p in paths]


def rendered(specs: list[BatchSpec]) -> list[list[str]]:
    """Every stack's page files, drawn in parallel processes (kept between runs: generation is deterministic)."""
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        jobs = [pool.submit(render, s.seed, len(s.letters), s.separator, str(PAGES / _name(s))) for s in specs]
        return [job.result() for job in jobs]


def _name(spec: BatchSpec) -> str:
    return f"{spec.seed}-{spec.separator or 'none'}-{len(spec.letters)}"


def read(spec: BatchSpec, images: list[Image.Image], ctx: CaptureContext, fresh: bool) -> list[BatchPage]:
    """The stack's pages: facts recomputed, OCR readings from the cache when there."""
    path = CACHE / f"{_name(spec)}.pkl"
    cached = {} if fresh or not path.exists() else pickle.loads(path.read_bytes())
    facts = [look_at(image, n, 300, SETTINGS) for n, image in enumerate(images, start=1)]
    wanted = [f.number for f in facts if not f.blank and f.separator is None and f.number not in cached]
    cached.update(zip(wanted, ocr_pages((images[n - 1] for n in wanted), ctx)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(cached))
    return [BatchPage(f, cached[f.number] if not f.blank and f.separator is None else None) for f in facts]


def fit(runs: list[tuple[BatchSpec, list[BatchPage]]]) -> None:
    """Refit the first-page weights on these stacks (without separators) and write firstpage.json."""
    rows, labels = [], []
    for spec, pages in runs:
        settings = SETTINGS.model_copy(update={"separation": "content"})
        got_rows, got_labels = training_rows(spec, pages, split_batch(pages, settings))
        rows += got_rows
        labels += got_labels
    weights = fit_logistic(np.array(rows), np.array(labels), penalty=1.0)
    note = f"fitted by bench/batches.py --fit on {len(rows)} pages of {len(runs)} stacks (seeds " \
           f"{sorted({s.seed for s, _ in runs})}), L2 penalty 1.0"
    document = {"note": note, "weights": {name: round(float(w), 4) for name, w in zip(firstpage.FEATURES, weights)}}
    firstpage.WEIGHTS_FILE.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    firstpage.weights.cache_clear()
    print(f"fitted on {len(rows)} decisions ({int(sum(labels))} first pages): {document['weights']}")


def score(runs: list[tuple[BatchSpec, list[BatchPage]]], label: str) -> dict[str, list[float]]:
    """Print the scores of a group of stacks; the page measures, for the thresholds."""
    groups = {"with separators": Tally(), "without separators": Tally()}
    measures: dict[str, list[float]] = {}
    for spec, pages in runs:
        groups["with separators" if spec.separator else "without separators"].add(spec, pages, split_batch(pages))
        for key, values in page_measures(spec, pages).items():
            measures.setdefault(key, []).extend(values)
    for name, tally in groups.items():
        _print_group(f"{label}, {name}", tally)
    return measures


def _print_group(title: str, tally: Tally) -> None:
    c = tally.counts
    precision, recall, f1 = tally.f1()
    print(f"\n{title}: {tally.batches} stacks, {tally.pages} pages, {c['letters_true']} letters "
          f"({c['letters_made']} made)")
    print(f"  page boundaries: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}"
          f"  ({c['boundary_hit']} of {c['boundary_true']} found, {c['boundary_predicted']} predicted)")
    print(f"  blank backs dropped {c['blank_dropped']}/{c['blank_true']}; content pages lost {c['content_lost']}"
          f"/{c['content_pages']}, in two letters {c['content_twice']}, foreign pages in letters "
          f"{c['extra_pages_in_letters']}")
    print(f"  envelopes {c['envelope_found']}/{c['envelope_true']}; postmarks read {c['postmark_read']}/"
          f"{c['postmark_true']} (wrong {c['postmark_wrong']}); case barcodes joined {c['case_ref_joined']}/"
          f"{c['case_ref_true']}; handwritten flagged {c['handwritten_flagged']}/{c['handwritten_true']}, typed "
          f"pages flagged {c['typed_flagged']}; stacks sent to review {c['review']}/{tally.batches}")
    if tally.labels:
        p, y = np.array(tally.probabilities), np.array(tally.labels)
        wrong = (p >= 0.5) != (y == 1)
        unsure = np.maximum(p, 1 - p) < SETTINGS.review_confidence
        print(f"  first-page detector: {len(p)} decisions, {int(wrong.sum())} wrong ({int((wrong & unsure).sum())} of "
              f"them below the review confidence), {int(unsure.sum())} below it in all; ECE "
              f"{expected_calibration_error(p, y):.3f}, Brier {brier(p, y):.4f}")


def print_measures(measures: dict[str, list[float]], label: str) -> None:
    """Blank-threshold and readability measures of a group."""
    def span(key: str) -> str:
        values = np.array(measures.get(key) or [np.nan])
        return f"min {values.min():.4f} median {np.median(values):.4f} max {values.max():.4f} (n={len(values)})"

    print(f"\n{label} page measures:")
    print(f"  coverage of duplex backs:  {span('blank')}")
    print(f"  coverage of near-empty pages (signature/stamp only): {span('near_empty')}")
    print(f"  coverage of content pages: {span('content_coverage')}")
    print(f"  typed pages: OCR confidence {span('typed_conf')}; French words {span('typed_known')}")
    print(f"  handwritten pages: OCR confidence {span('hand_conf')}; French words {span('hand_known')}")
    blank = max(measures.get("blank") or [0])
    emptiest = min((measures.get("near_empty") or [1]) + (measures.get("content_coverage") or [1]))
    print(f"  blank threshold in use {SETTINGS.blank_coverage}; dustiest back {blank:.5f}, emptiest page of content "
          f"{emptiest:.5f}, geometric middle of the gap {np.sqrt(max(blank, 1e-6) * emptiest):.5f}")


def main() -> None:
    args = _arguments()
    ctx = CaptureContext(ocr_workers=args.workers)
    groups = {"tuning": _seeds(args.tune), "held out": _seeds(args.held_out)}
    runs = {}
    for label, seeds in groups.items():
        specs = stacks(seeds, args.letters)
        files = rendered(specs)
        runs[label] = [(spec, read(spec, load(paths), ctx, args.fresh)) for spec, paths in zip(specs, files)]
        if label == "held out" and args.timing:
            time_against_single_letters(specs[: 2 * args.timing], files[: 2 * args.timing], ctx, args.repeat)
    if args.fit:
        fit([(spec, pages) for spec, pages in runs["tuning"] if spec.separator is None])
    for label, group in runs.items():
        print_measures(score(group, f"{label} seeds {args.tune if label == 'tuning' else args.held_out}"), label)


def _seeds(text: str) -> list[int]:
    out = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        out += list(range(int(low), int(high or low) + 1))
    return out


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", default="1-4", help="tuning seeds (the thresholds and weights were set on them)")
    parser.add_argument("--held-out", default="5-8", help="seeds not looked at while tuning")
    parser.add_argument("--letters", type=int, default=12, help="letters per stack")
    parser.add_argument("--fit", action="store_true", help="refit the first-page weights on the tuning stacks")
    parser.add_argument("--timing", type=int, default=0, help="held-out stacks of each kind to time (0: none)")
    parser.add_argument("--repeat", type=int, default=2, help="timed passes of each side; the fastest counts")
    parser.add_argument("--workers", type=int, default=0, help="OCR pool size (0: one per core)")
    parser.add_argument("--fresh", action="store_true", help="OCR every page again, ignoring the cache")
    return parser.parse_args()


if __name__ == "__main__":
    main()
