"""Scores and tables of the capture benchmark (bench/capture.py): CER, fields, speed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from rich.console import Console
from rich.table import Table

from capture.ocr.deskew import estimate_skew
from capture.quality import edit_distance, normalize_space

KINDS = ("member_number", "policy_number", "case_ref", "date", "amount", "iban", "nir", "phone", "email", "person",
         "organisation")
TARGETS = {"cer": 0.02, "precision": 0.98, "recall": 0.98, "ratio": 1.10}
MAX_MISSES = 40
Found = list[dict[str, set[str]]]  # per page: kind -> normalized values


@dataclass(frozen=True)
class Page:
    """One generated page: where its PNG is, what is written on it, how it was skewed."""

    path: Path
    truth: str
    fields: dict[str, list[str]]
    skew: float
    wrapped: dict[str, list[str]] = field(default_factory=dict)  # the values cut at a line end, by kind


@dataclass
class Timing:
    """Wall and CPU seconds (this process and its children) of one run."""

    wall: float = 0.0
    cpu: float = 0.0

    def __add__(self, other: "Timing") -> "Timing":
        return Timing(self.wall + other.wall, self.cpu + other.cpu)


@dataclass
class Outcome:
    """What the pipeline read on every page, and the summed timings of both sides."""

    texts: list[str]
    found: Found
    ocr: Timing
    total: Timing
    raw: Timing
    scans: int
    pool: int


def field_scores(pages: list[Page], found: Found) -> dict[str, tuple[int, int, int]]:
    """(true positives, false positives, false negatives) per field kind."""
    scores = {}
    for kind in KINDS:
        pairs = [(set(page.fields.get(kind, [])), got.get(kind, set())) for page, got in zip(pages, found)]
        scores[kind] = (sum(len(w & g) for w, g in pairs), sum(len(g - w) for w, g in pairs),
                        sum(len(w - g) for w, g in pairs))
    return scores


def wrapped_scores(pages: list[Page], found: Found) -> dict[str, tuple[int, int, int]]:
    """(true positives, false positives, false negatives) per kind, over the values cut at a line end.

    A miss is a cut value not found; a false positive is a wrong value of that kind on a page that cuts one.
    """
    scores = {}
    for kind in KINDS:
        pages_cut = [(page, got.get(kind, set())) for page, got in zip(pages, found) if kind in page.wrapped]
        cut = [(set(page.wrapped[kind]), got) for page, got in pages_cut]
        wrong = sum(len(got - set(page.fields.get(kind, []))) for page, got in pages_cut)
        scores[kind] = (sum(len(w & g) for w, g in cut), wrong, sum(len(w - g) for w, g in cut))
    return {kind: score for kind, score in scores.items() if any(score)}


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _meets(value: float | None, target: float) -> bool:
    return value is None or value >= target


def _mark(ok: bool) -> str:
    return "[green]ok[/]" if ok else "[red]below target[/]"


def report(console: Console, pages: list[Page], outcome: Outcome) -> None:
    """Print the summary table, the fields table and the pages where fields were missed."""
    console.print(_summary(pages, outcome))
    console.print(_fields_table(field_scores(pages, outcome.found)))
    if any(page.wrapped for page in pages):
        console.print(_fields_table(wrapped_scores(pages, outcome.found), "Values cut at a line end (joined) vs truth"))
    for line in _misses(pages, outcome.found)[:MAX_MISSES]:
        console.print(line, markup=False, highlight=False)


def _summary(pages: list[Page], outcome: Outcome) -> Table:
    edits = [edit_distance(normalize_space(t), normalize_space(p.truth)) for t, p in zip(outcome.texts, pages)]
    lengths = [len(normalize_space(p.truth)) for p in pages]
    cer, worst = sum(edits) / sum(lengths), max(e / n for e, n in zip(edits, lengths))
    skew_error = [abs(estimate_skew(Image.open(p.path)) + p.skew) for p in pages]
    table = Table(title=f"Capture benchmark: {len(pages)} pages in {outcome.scans} scans, OCR pool of {outcome.pool}")
    for column in ("measure", "value", "target", ""):
        table.add_column(column)
    table.add_row("character error rate", f"{cer:.3%}", f"≤ {TARGETS['cer']:.0%}", _mark(cer <= TARGETS["cer"]))
    table.add_row("worst page CER", f"{worst:.3%}", "", "")
    table.add_row("skew estimate error, mean / max", f"{sum(skew_error) / len(skew_error):.2f}° / "
                  f"{max(skew_error):.2f}°", "", "")
    table.add_row("pages per second (whole capture)", f"{len(pages) / outcome.total.wall:.2f}", "", "")
    ocr, raw = outcome.ocr, outcome.raw
    if not raw.wall:  # --fields-only: the raw CLI was not run
        return table
    ratio = ocr.wall / raw.wall
    table.add_row("OCR wall time: pipeline / raw CLI", f"{ocr.wall:.1f} s / {raw.wall:.1f} s = {ratio:.3f}",
                  f"≤ {TARGETS['ratio']:.2f}", _mark(ratio <= TARGETS["ratio"]))
    table.add_row("OCR CPU time: pipeline / raw CLI", f"{ocr.cpu:.1f} s / {raw.cpu:.1f} s = "
                  f"{ocr.cpu / raw.cpu:.3f}", "", "")
    return table


def _misses(pages: list[Page], found: Found) -> list[str]:
    """One line per page and kind where the values found differ from the truth."""
    lines = []
    for page, got in zip(pages, found):
        for kind in KINDS:
            want, have = set(page.fields.get(kind, [])), got.get(kind, set())
            if want != have:
                lines.append(f"{page.path.name} {kind}: missed {sorted(want - have)}, wrong {sorted(have - want)}")
    return lines


def _fields_table(scores: dict[str, tuple[int, int, int]],
                  title: str = "Fields (valid values, normalized) vs ground truth") -> Table:
    table = Table(title=title)
    for column in ("field", "expected", "found", "precision", "recall", ""):
        table.add_column(column)
    for kind, (tp, fp, fn) in scores.items():
        precision, recall = (tp / (tp + fp) if tp + fp else None), (tp / (tp + fn) if tp + fn else None)
        ok = _meets(precision, TARGETS["precision"]) and _meets(recall, TARGETS["recall"])
        table.add_row(kind, str(tp + fn), str(tp + fp), _ratio(precision), _ratio(recall), _mark(ok))
    return table
