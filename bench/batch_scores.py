"""Scores of batch separation against a generated batch's truth (used by bench/batches.py).

Page-boundary precision, recall and F1 count the pages where the second and
later letters start (the first always does, so it would only flatter the
figure); a letter with an envelope starts at its envelope page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from capture.batch.firstpage import features
from capture.batch.models import BatchPage, BatchSplit
from capture.batch.readability import known_share
from samples.batches import BatchSpec


@dataclass
class Tally:
    """Counts summed over the batches of one group (tuning or held out, with or without separators)."""

    batches: int = 0
    pages: int = 0
    counts: Counter = field(default_factory=Counter)
    probabilities: list[float] = field(default_factory=list)  # first-page decisions, content method
    labels: list[float] = field(default_factory=list)

    def add(self, spec: BatchSpec, pages: list[BatchPage], split: BatchSplit) -> None:
        """Score one batch."""
        self.batches += 1
        self.pages += len(spec.pages)
        self.counts.update(boundaries(spec, split) | pages_kept(spec, split) | extras(spec, pages, split))
        if split.method == "content":
            self._decisions(spec, split)

    def _decisions(self, spec: BatchSpec, split: BatchSplit) -> None:
        truth = {n: page.starts for n, page in enumerate(spec.pages, start=1)}
        for verdict in split.pages:
            if verdict.decided_by == "detector":
                p = verdict.confidence if verdict.starts_letter else 1 - verdict.confidence
                self.probabilities.append(p)
                self.labels.append(float(truth[verdict.number]))

    def f1(self) -> tuple[float, float, float]:
        """Boundary precision, recall, F1."""
        c = self.counts
        precision = c["boundary_hit"] / max(c["boundary_predicted"], 1)
        recall = c["boundary_hit"] / max(c["boundary_true"], 1)
        return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def boundaries(spec: BatchSpec, split: BatchSplit) -> Counter:
    truth, predicted = spec.boundaries(), {letter.first for letter in split.letters[1:]}
    return Counter(boundary_true=len(truth), boundary_predicted=len(predicted), boundary_hit=len(truth & predicted))


def pages_kept(spec: BatchSpec, split: BatchSplit) -> Counter:
    """Blank backs dropped, content pages lost, and content pages in exactly one letter."""
    content = spec.content_pages()
    placed = Counter(n for letter in split.letters for n in letter.pages)
    blanks_true = {n for n, page in enumerate(spec.pages, start=1) if page.kind == "blank"}
    return Counter(blank_true=len(blanks_true), blank_dropped=len(blanks_true & set(split.blanks)),
                   content_pages=len(content), content_lost=sum(1 for n in content if placed[n] == 0),
                   content_twice=sum(1 for n in content if placed[n] > 1),
                   extra_pages_in_letters=sum(1 for n in placed if n not in content))


def extras(spec: BatchSpec, pages: list[BatchPage], split: BatchSplit) -> Counter:
    """Envelopes, postmarks, case references, unreadable pages and reviews."""
    by_first = {letter.first: letter for letter in split.letters}
    counts = Counter(review=int(split.needs_review), letters_true=len(spec.letters), letters_made=len(split.letters))
    for plan, first in zip(spec.letters, _letter_firsts(spec)):
        made = by_first.get(first)
        counts["envelope_true"] += plan.envelope
        counts["envelope_found"] += bool(plan.envelope and made and made.envelope == first)
        counts["postmark_true"] += plan.postmark is not None
        counts["postmark_read"] += bool(plan.postmark and made and made.postmark == plan.postmark)
        counts["postmark_wrong"] += bool(made and made.postmark and made.postmark != plan.postmark)
        counts["case_ref_true"] += plan.case_ref is not None
        counts["case_ref_joined"] += bool(plan.case_ref and made and made.case_ref == plan.case_ref)
    flagged = {n for letter in split.letters for n in letter.unreadable}
    for n, page in enumerate(spec.pages, start=1):
        written = page.kind in ("handwritten", "note")
        counts["handwritten_true"] += written
        counts["handwritten_flagged"] += written and n in flagged
        counts["typed_flagged"] += not written and n in flagged
    return counts


def _letter_firsts(spec: BatchSpec) -> list[int]:
    firsts = {}
    for n, page in enumerate(spec.pages, start=1):
        if page.starts:
            firsts[page.letter] = n
    return [firsts[plan.index] for plan in spec.letters]


def page_measures(spec: BatchSpec, pages: list[BatchPage]) -> dict[str, list[float]]:
    """Coverage of blank backs and near-empty pages; OCR confidence and French-word share of typed and handwritten pages."""
    out: dict[str, list[float]] = {"blank": [], "near_empty": [], "typed_conf": [], "typed_known": [],
                                   "hand_conf": [], "hand_known": [], "content_coverage": []}
    for page, read in zip(spec.pages, pages):
        if page.kind == "blank":
            out["blank"].append(read.facts.coverage)
        elif page.kind in ("signature", "stamp"):
            out["near_empty"].append(read.facts.coverage)
        elif page.kind in ("letter", "continuation", "invoice", "reply", "handwritten", "note") and read.reading:
            prefix = "hand" if page.kind in ("handwritten", "note") else "typed"
            out[f"{prefix}_conf"].append(read.reading.confidence or 0.0)
            out[f"{prefix}_known"].append(known_share(read.reading.text))
            out["content_coverage"].append(read.facts.coverage)
    return out


def training_rows(spec: BatchSpec, pages: list[BatchPage], split: BatchSplit) -> tuple[list[np.ndarray], list[float]]:
    """First-page features and truth of the pages the detector decides (content method, no forced decision)."""
    rows, labels = [], []
    previous = None
    verdicts = {v.number: v for v in split.pages}
    for n, (page, read) in enumerate(zip(spec.pages, pages), start=1):
        verdict = verdicts[n]
        if verdict.kind != "content":
            previous = None if verdict.kind in ("separator", "envelope") else previous
            continue
        if verdict.decided_by == "detector":
            rows.append(features(read.reading.text, read.facts.layout, previous, bool(verdict.unreadable)))
            labels.append(float(page.starts))
        previous = read.reading.text
    return rows, labels
