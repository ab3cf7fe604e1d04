"""Accuracy against coverage: how right the items kept for automatic routing are.

Items are ranked by confidence, most confident first; at coverage ``c`` the
first ``c`` of them are routed automatically and the rest go to review. The
curve says how accurate the automatic part is at each coverage, and how far
coverage can go while accuracy stays at a target.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

COVERAGES = (0.80, 0.85, 0.90, 1.00)
TARGET_ACCURACY = 0.98


@dataclass(frozen=True)
class CoveragePoint:
    """Accuracy of the ``kept`` most confident items (``coverage`` of all)."""

    coverage: float
    kept: int
    accuracy: float
    threshold: float  # the lowest confidence kept


def ranked(correct: Sequence[bool], confidence: Sequence[float]) -> list[tuple[float, bool]]:
    """(confidence, correct) pairs, most confident first (ties keep their order)."""
    return sorted(zip(confidence, correct, strict=True), key=lambda pair: -pair[0])


def at_coverage(correct: Sequence[bool], confidence: Sequence[float], coverage: float) -> CoveragePoint:
    """Accuracy of the most confident ``coverage`` share of the items."""
    pairs = ranked(correct, confidence)
    kept = max(1, math.ceil(coverage * len(pairs) - 1e-9)) if pairs else 0
    right = sum(ok for _, ok in pairs[:kept])
    return CoveragePoint(coverage, kept, right / kept if kept else 0.0, pairs[kept - 1][0] if kept else 1.0)


def curve(correct: Sequence[bool], confidence: Sequence[float],
          coverages: Sequence[float] = COVERAGES) -> list[CoveragePoint]:
    """Accuracy at each of ``coverages``."""
    return [at_coverage(correct, confidence, c) for c in coverages]


def coverage_for(correct: Sequence[bool], confidence: Sequence[float],
                 accuracy: float = TARGET_ACCURACY) -> CoveragePoint:
    """The largest coverage whose kept items are at least ``accuracy`` right (cut between distinct confidences)."""
    pairs = ranked(correct, confidence)
    best, right = CoveragePoint(0.0, 0, 1.0, 1.0), 0
    for kept, (conf, ok) in enumerate(pairs, 1):
        right += ok
        tied = kept < len(pairs) and pairs[kept][0] == conf  # cannot cut inside a tie
        if not tied and right / kept >= accuracy:
            best = CoveragePoint(kept / len(pairs), kept, right / kept, conf)
    return best
