"""Accuracy against coverage: the most confident items are kept for automatic routing."""

from __future__ import annotations

from classify.coverage import at_coverage, coverage_for, curve

CORRECT = [True, True, True, False, True, False, True, True, False, True]
CONFIDENCE = [0.99, 0.98, 0.97, 0.50, 0.96, 0.40, 0.95, 0.94, 0.30, 0.93]


def test_accuracy_at_a_coverage_counts_the_most_confident_items_only():
    point = at_coverage(CORRECT, CONFIDENCE, 0.7)
    assert (point.kept, point.accuracy, point.threshold) == (7, 1.0, 0.93)
    assert at_coverage(CORRECT, CONFIDENCE, 1.0).accuracy == 0.7
    assert [p.coverage for p in curve(CORRECT, CONFIDENCE)] == [0.8, 0.85, 0.9, 1.0]


def test_the_coverage_for_an_accuracy_is_the_largest_share_that_keeps_it():
    reach = coverage_for(CORRECT, CONFIDENCE, accuracy=0.98)
    assert (reach.coverage, reach.kept, reach.threshold) == (0.7, 7, 0.93)
    assert coverage_for(CORRECT, CONFIDENCE, accuracy=0.85).kept == 8  # 7 of 8 right


def test_the_cut_never_falls_inside_a_tie_of_confidences():
    reach = coverage_for([True, False, True], [0.9, 0.9, 0.8], accuracy=0.98)
    assert reach.kept == 0
