"""Measure the classifier on held-out cases: combined, model alone, rules alone.

Every case goes through the public ``classify`` function, as a real
envelope would (screening included), once with the model and once without.
Scores are per label (precision, recall, F1), macro-F1 over the labels, a
confusion matrix per head, the recall and precision of high and critical
urgency together, and accuracy against coverage (``coverage.py``) ranked by
the calibrated confidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from classify import classify
from classify.coverage import CoveragePoint, coverage_for, curve
from classify.heldout import Case
from classify.model import HEADS, TextModel
from intake.models import Classification

SYSTEMS = ("combined", "model", "rules")
# Issue #21's bar on the independent set: printed, never asserted.
TARGETS = {"topic": 0.95, "complexity": 0.95}
URGENT = ("high", "critical")
URGENT_TARGETS = {"recall": 0.95, "precision": 0.90}


@dataclass(frozen=True)
class LabelScore:
    """Precision, recall and F1 of one label, and how many gold samples it has."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class HeadReport:
    """Scores of one head (topic, complexity or urgency) for one system."""

    head: str
    labels: tuple[str, ...]
    per_label: dict[str, LabelScore]
    macro_f1: float
    accuracy: float
    confusion: Counter = field(default_factory=Counter)  # (gold, predicted) -> count


def score_head(head: str, gold: list[str], predicted: list[str]) -> HeadReport:
    """Per-label and macro scores of ``predicted`` against ``gold``."""
    labels = HEADS[head]
    confusion = Counter(zip(gold, predicted, strict=True))
    per_label = {label: _label_score(label, confusion) for label in labels}
    present = [s.f1 for label, s in per_label.items() if s.support]  # absent labels would count as 0
    macro = sum(present) / len(present) if present else 0.0
    accuracy = sum(n for (g, p), n in confusion.items() if g == p) / max(1, len(gold))
    return HeadReport(head, labels, per_label, round(macro, 4), round(accuracy, 4), confusion)


def _label_score(label: str, confusion: Counter) -> LabelScore:
    true_pos = confusion[(label, label)]
    predicted = sum(n for (_, p), n in confusion.items() if p == label)
    support = sum(n for (g, _), n in confusion.items() if g == label)
    precision = true_pos / predicted if predicted else 0.0
    recall = true_pos / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LabelScore(round(precision, 4), round(recall, 4), round(f1, 4), support)


@dataclass(frozen=True)
class Evaluation:
    """Scores per system and head, the combined classifications, and the coverage curves."""

    results: dict[str, dict[str, HeadReport]]
    classifications: list[Classification]
    urgent: LabelScore
    coverage: dict[str, list[CoveragePoint]]
    reach: dict[str, CoveragePoint]  # the coverage at which accuracy reaches the target


def evaluate(cases: list[Case], model: TextModel | None, step: Callable[[], None] | None = None) -> Evaluation:
    """Scores of ``cases`` classified with ``model`` (combined), by the model alone and by the rules alone."""
    predicted: dict[str, list[dict[str, str]]] = {system: [] for system in SYSTEMS}
    combined = []
    model_only = model.predict_many([c.text for c in cases]) if model else []
    for index, case in enumerate(cases):
        combined.append(classify(case.envelope, case.capture, model=model))
        predicted["combined"].append(_labels(combined[-1]))
        predicted["rules"].append(_labels(classify(case.envelope, case.capture)))
        predicted["model"].append({h: model_only[index].best(h)[0] for h in HEADS} if model else predicted["rules"][-1])
        if step:
            step()
    results = {system: _reports(cases, rows) for system, rows in predicted.items()}
    urgent = urgent_score([c.gold["urgency"] for c in cases], [r.urgency for r in combined])
    right = correctness(cases, combined)
    confidence = confidences(combined)
    return Evaluation(results, combined, urgent, {k: curve(right[k], confidence[k]) for k in right},
                      {k: coverage_for(right[k], confidence[k]) for k in right})


def urgent_score(gold: Sequence[str], predicted: Sequence[str]) -> LabelScore:
    """High and critical urgency taken together: precision, recall, F1 and support."""
    return _label_score("urgent", Counter(zip(map(_urgent, gold), map(_urgent, predicted), strict=True)))


def correctness(cases: list[Case], results: list[Classification]) -> dict[str, list[bool]]:
    """Per head and for all three heads together, whether each decision was right."""
    right = {h: [getattr(r, h) == c.gold[h] for c, r in zip(cases, results, strict=True)] for h in HEADS}
    right["all"] = [all(right[h][i] for h in HEADS) for i in range(len(cases))]
    return right


def confidences(results: list[Classification]) -> dict[str, list[float]]:
    """Per head its calibrated confidence; for all three the least sure head's (what routing reads)."""
    found = {h: [getattr(r, f"{h}_confidence") for r in results] for h in HEADS}
    found["all"] = [r.confidence for r in results]
    return found


def _urgent(level: str) -> str:
    return "urgent" if level in URGENT else "not"


def _labels(result: Classification) -> dict[str, str]:
    return {"topic": result.topic, "complexity": result.complexity, "urgency": result.urgency}


def _reports(cases: list[Case], rows: list[dict[str, str]]) -> dict[str, HeadReport]:
    return {head: score_head(head, [c.gold[head] for c in cases], [r[head] for r in rows]) for head in HEADS}
