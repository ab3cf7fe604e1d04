"""Capture benchmark on generated French letters (run by hand or `make bench`; not a test).

Renders letters with samples.letters at 300 dpi (skew in [-5, 5] degrees,
light noise and blur), groups them into multi-page TIFF scans, runs the capture
pipeline on them and prints: character error rate, field precision/recall per
field type, pages per second, and the pipeline's OCR wall time against the raw
``tesseract`` CLI on the same pages with the same pool size.

    python bench/capture.py [--pages 48] [--per-doc 4] [--workers 0] [--repeat 2] [--seed 1] [--wrapped]
                            [--wrap-share 0.3] [--fields-only]

A share of the letters cuts some values at a line end (samples/wrapping.py); those
values are also scored apart. ``--wrapped`` makes every letter cut every value it can,
``--wrap-share 0`` none (the letters as they were before values were cut).
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

# run as `python bench/capture.py`, this folder would shadow the `capture` package
sys.path[:1] = [str(Path(__file__).resolve().parents[1])]

from PIL import Image  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.progress import Progress  # noqa: E402

from bench.capture_report import KINDS, Found, Outcome, Page, Timing, report  # noqa: E402
from capture.context import CaptureContext  # noqa: E402
from capture.ocr import engine  # noqa: E402
from capture.pipeline import AttachmentsStep, CaptureState, FieldsStep, NamesStep, run_capture  # noqa: E402
from intake.models import Attachment, Capture, Envelope, ObjectRef, sha256_hex  # noqa: E402
from intake.settings import DEFAULT_MEMBER_PATTERN, DEFAULT_POLICY_PATTERN  # noqa: E402
from samples.letters import (TOPICS, ground_truth_fields, make_letter, render_letter,  # noqa: E402
                             wrapped_truth_fields)
from samples import wording  # noqa: E402
from samples.wrapping import WRAP_SHARE  # noqa: E402

console = Console(width=None if sys.stdout.isatty() else 110)


def make_page(seed: int, folder: str, wrap_share: float = WRAP_SHARE) -> Page:
    """Draw and render one letter with a random skew, light noise and blur; save it as PNG."""
    rng = random.Random(seed)
    spec = make_letter(seed, TOPICS[seed % len(TOPICS)], wrap_share)
    skew = round(rng.uniform(-5.0, 5.0), 2)
    image, truth = render_letter(spec, dpi=300, skew_degrees=skew, noise=rng.uniform(0.05, 0.15),
                                 blur=rng.uniform(0.3, 0.8))
    path = Path(folder, f"page-{seed:05d}.png")
    image.save(path, dpi=(300, 300))
    return Page(path, truth, {**ground_truth_fields(spec), "organisation": organisations(spec, truth)}, skew,
                wrapped_truth_fields(spec))


MENTIONED = ("Assurance Maladie", "Sécurité sociale")  # the public bodies letters of samples/wording.py name


def organisations(spec, text: str) -> list[str]:
    """The organisations a letter names: the insurer and its service in the address block, the public bodies."""
    return [wording.INSURER_NAME, wording.SERVICES.get(spec.topic, "Service Relation Adhérents"),
            *(name for name in MENTIONED if name in " ".join(text.split()))]


def generate(count: int, seed: int, folder: str, workers: int, wrap_share: float = WRAP_SHARE) -> list[Page]:
    """``count`` pages rendered in parallel processes (rendering is pure Python/Pillow work)."""
    seeds = [seed * 10_000 + i for i in range(count)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool, _progress() as bar:
        task = bar.add_task("rendering letters", total=count)
        pages = []
        for page in pool.map(make_page, seeds, [folder] * count, [wrap_share] * count):
            pages.append(page)
            bar.advance(task)
    return pages


def tiff(paths: list[Path]) -> bytes:
    """The pages as one multi-page TIFF, deflate-compressed like a scanner's output."""
    images = [Image.open(p) for p in paths]
    buffer = io.BytesIO()
    images[0].save(buffer, "TIFF", save_all=True, append_images=images[1:], compression="tiff_adobe_deflate",
                   dpi=(300, 300))
    return buffer.getvalue()


def _progress() -> Progress:
    return Progress(console=console, transient=True)


# --- timed runs ---------------------------------------------------------------


class Clock:
    """Measures one run's wall and CPU time."""

    def __enter__(self) -> Timing:
        self.timing, self.start, self.cpu = Timing(), time.perf_counter(), _cpu()
        return self.timing

    def __exit__(self, *exc: object) -> None:
        self.timing.wall, self.timing.cpu = time.perf_counter() - self.start, _cpu() - self.cpu


def _cpu() -> float:
    """CPU seconds of this process, its ended children (the raw CLI, OSD) and its OCR engines."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage) + engine.cpu_seconds()


def raw_cli(pages: list[Page], ctx: CaptureContext) -> Timing:
    """Plain `tesseract page.png out -l <langs> --dpi <dpi>` over the pages, same pool size."""
    with tempfile.TemporaryDirectory() as out, Clock() as timing, ThreadPoolExecutor(ctx.pool_size) as pool:
        list(pool.map(lambda page: _tesseract_cli(page.path, Path(out, page.path.stem), ctx), pages))
    return timing


def _tesseract_cli(source: Path, base: Path, ctx: CaptureContext) -> None:
    command = ["tesseract", str(source), str(base), "-l", ctx.ocr_languages, "--dpi", str(ctx.dpi)]
    subprocess.run(command, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, capture_output=True, check=True)


@dataclass
class DocumentRun:
    """One scan through the pipeline: page texts, valid fields per page, timings."""

    texts: list[str]
    found: Found
    ocr: Timing
    total: Timing


class TimedAttachments(AttachmentsStep):
    """The attachments step (type, decode, deskew, OCR), timed."""

    def __init__(self) -> None:
        self.timing = Timing()

    def run(self, state: CaptureState, ctx: CaptureContext, load) -> None:
        """Read the attachments, timed."""
        with Clock() as self.timing:
            super().run(state, ctx, load)


def pipeline(n: int, data: bytes, ctx: CaptureContext) -> DocumentRun:
    """run_capture on an envelope holding one TIFF scan."""
    envelope, blobs = _envelope(n, data)
    attachments = TimedAttachments()
    with Clock() as total:
        capture = run_capture(envelope, blobs.__getitem__, ctx, (attachments, FieldsStep(), NamesStep()))
    pages = capture.documents[0].pages
    return DocumentRun([p.text for p in pages], _fields_per_page(capture, len(pages)), attachments.timing, total)


def _envelope(n: int, data: bytes) -> tuple[Envelope, dict]:
    ref = ObjectRef(key=f"scan-{n}", sha256=sha256_hex(data), size=len(data))
    attachment = Attachment(filename=f"scan-{n}.tif", ref=ref)
    envelope = Envelope(id=f"env-bench-{n}", channel="letter", source="bench", source_id=str(n),
                        received_at=datetime.now(timezone.utc), attachments=(attachment,))
    return envelope, {ref: data}


def _fields_per_page(capture: Capture, pages: int) -> Found:
    found: Found = [{} for _ in range(pages)]
    for f in capture.fields:
        number = int(f.source.rsplit("#p", 1)[1]) if "#p" in f.source else 1
        if f.valid and f.kind in KINDS:
            found[number - 1].setdefault(f.kind, set()).add(f.normalized)
    return found


@dataclass
class Results:
    """Both sides over every document: the fastest pass of each document counts."""

    runs: list[DocumentRun] = field(default_factory=list)
    raw: list[Timing] = field(default_factory=list)

    def keep(self, index: int, run: DocumentRun, raw: Timing) -> None:
        """Record one pass of document ``index``, keeping the fastest of each side."""
        if index == len(self.runs):
            self.runs.append(run)
            self.raw.append(raw)
            return
        self.runs[index] = min(self.runs[index], run, key=lambda r: r.ocr.wall)
        self.raw[index] = min(self.raw[index], raw, key=lambda t: t.wall)

    def outcome(self, scans: int, pool: int) -> Outcome:
        """Every page's text and fields, and the timings summed over the documents."""
        return Outcome(texts=[t for r in self.runs for t in r.texts], found=[f for r in self.runs for f in r.found],
                       ocr=sum((r.ocr for r in self.runs), Timing()), total=sum((r.total for r in self.runs), Timing()),
                       raw=sum(self.raw, Timing()), scans=scans, pool=pool)


def measure(docs: list[tuple[bytes, list[Page]]], ctx: CaptureContext, repeat: int, raw: bool = True) -> Results:
    """Each document through the pipeline then through the raw CLI (unless not ``raw``), interleaved."""
    results = Results()
    with _progress() as bar:
        task = bar.add_task("OCR: pipeline and raw tesseract, interleaved", total=repeat * len(docs))
        for _ in range(repeat):
            for index, (data, pages) in enumerate(docs):
                # interleaved per document, so a burst of load elsewhere hits both sides alike
                results.keep(index, pipeline(index, data, ctx), raw_cli(pages, ctx) if raw else Timing())
                bar.advance(task)
    return results


def main() -> None:
    """Generate the pages, run both sides document by document, report."""
    options = _arguments()
    ctx = CaptureContext(ocr_workers=options.workers, member_pattern=DEFAULT_MEMBER_PATTERN,
                         policy_pattern=DEFAULT_POLICY_PATTERN)
    with tempfile.TemporaryDirectory(prefix="intake-bench-") as folder:
        share = 1.0 if options.wrapped else options.wrap_share
        pages = generate(options.pages, options.seed, folder, ctx.pool_size, share)
        groups = [pages[i : i + options.per_doc] for i in range(0, len(pages), options.per_doc)]
        docs = [(tiff([p.path for p in group]), group) for group in groups]
        results = measure(docs, ctx, options.repeat, raw=not options.fields_only)
        report(console, pages, results.outcome(len(docs), ctx.pool_size))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=48, help="pages to generate (at least 30 for the targets)")
    parser.add_argument("--per-doc", type=int, default=4, help="pages per scanned TIFF document")
    parser.add_argument("--workers", type=int, default=0, help="OCR pool size (0: one per core)")
    parser.add_argument("--repeat", type=int, default=2, help="timed passes of each side; the fastest counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--wrapped", action="store_true", help="every letter cuts every value it can at a line end")
    parser.add_argument("--wrap-share", type=float, default=WRAP_SHARE, help="share of letters that cut values")
    parser.add_argument("--fields-only", action="store_true", help="no raw tesseract side (no OCR time ratio)")
    return parser.parse_args()


if __name__ == "__main__":
    main()
