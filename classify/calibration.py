"""Calibrated confidence: what share of decisions like this one were right on held-out data.

Each head's decision comes from a source (an explicit cue, the model alone,
the model with the rules agreeing, the rules alone) with a raw confidence (a
probability, or a rule's fixed confidence). Calibration is Platt scaling per
head and source: ``p = sigmoid(a * logit(raw) + b)``, fitted by maximum
likelihood on held-out decisions (the generated dev split and the
independent set's dev items, each weighing half), with Platt's smoothed
targets and a small pull towards the identity (``a = 1, b = 0``) so that a
source seen a few times keeps a sane value. Within one head and source the
map is monotonic: a surer raw score is never less confident. The result is
stored next to the model (``calibration.json``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np

FILE = "calibration.json"
EPSILON = 1e-4
PULL = 1.0  # weight of the pull towards the identity map (in items)
STEPS = 100
PER_LABEL_MIN = 30
IDENTITY_PARAMS = np.array([1.0, 0.0])


class Outcome(NamedTuple):
    """One held-out decision: which head, from which source, how sure, whether right, how much it weighs."""

    head: str
    source: str
    raw: float
    correct: bool
    weight: float = 1.0
    label: str = ""  # the label decided (the rules alone are calibrated per label, see ``fit``)


def logit(p: float, epsilon: float = EPSILON) -> float:
    """log(p / (1 - p)), clipped ``epsilon`` away from 0 and 1."""
    p = min(1 - epsilon, max(epsilon, p))
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class Calibration:
    """Platt parameters (a, b) per "head/source"; identity where none was fitted."""

    params: dict[str, tuple[float, float]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    epsilon: float = EPSILON  # raw scores are clipped this far from 0 and 1 (a rule's 0.0 is not infinitely sure)

    def apply(self, head: str, source: str, raw: float, label: str = "") -> float:
        """The calibrated confidence of a decision (per label where one was fitted, else per head and source)."""
        a, b = self.params.get(f"{head}/{source}/{label}") or self.params.get(f"{head}/{source}", (1.0, 0.0))
        return round(1 / (1 + math.exp(-max(-30.0, min(30.0, a * logit(raw, self.epsilon) + b)))), 4)

    def save(self, directory: Path, name: str = FILE) -> None:
        """Write the calibration (``calibration.json``) into ``directory``."""
        data = {"method": "platt per head and source", "params": self.params, "counts": self.counts,
                "epsilon": self.epsilon}
        (directory / name).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")

    @classmethod
    def load(cls, directory: Path, name: str = FILE) -> "Calibration":
        """The calibration stored in ``directory`` (the identity if there is none)."""
        path = directory / name
        if not path.is_file():
            return cls()
        data = json.loads(path.read_text())
        return cls({k: (float(a), float(b)) for k, (a, b) in data["params"].items()}, data.get("counts", {}),
                   float(data.get("epsilon", EPSILON)))


def fit(outcomes: Iterable[Outcome], per_label: tuple[str, ...] = (), epsilon: float = EPSILON) -> Calibration:
    """Platt parameters for every head and source seen in ``outcomes``, and for the heads in ``per_label``
    for every source and label seen ``PER_LABEL_MIN`` times (the topic rules' raw score says little about
    how often their "other" is right; a label of its own does)."""
    groups: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        groups.setdefault(f"{outcome.head}/{outcome.source}", []).append(outcome)
        if outcome.head in per_label:
            groups.setdefault(f"{outcome.head}/{outcome.source}/{outcome.label}", []).append(outcome)
    groups = {key: group for key, group in groups.items() if key.count("/") == 1 or len(group) >= PER_LABEL_MIN}
    return Calibration({key: fit_platt(group, epsilon) for key, group in sorted(groups.items())},
                       {key: len(group) for key, group in sorted(groups.items())}, epsilon)


def fit_platt(outcomes: list[Outcome], epsilon: float = EPSILON) -> tuple[float, float]:
    """(a, b) minimising the weighted log-loss of smoothed targets plus a pull towards (1, 0)."""
    x = np.array([logit(o.raw, epsilon) for o in outcomes])
    w = np.array([o.weight for o in outcomes])
    y = _smoothed_targets(np.array([o.correct for o in outcomes], dtype=float), w)
    params = IDENTITY_PARAMS.copy()
    for _ in range(STEPS):  # damped Newton steps on a convex 2-parameter problem
        p = _sigmoid(params[0] * x + params[1])
        grad = np.array([np.sum(w * (p - y) * x), np.sum(w * (p - y))]) + PULL * (params - IDENTITY_PARAMS)
        s = w * p * (1 - p)
        hess = np.array([[np.sum(s * x * x), np.sum(s * x)], [np.sum(s * x), np.sum(s)]]) + PULL * np.eye(2)
        step = np.linalg.solve(hess, grad)
        scale = 1.0
        while _loss(params - scale * step, x, y, w) > _loss(params, x, y, w) and scale > 1e-6:
            scale /= 2  # backtrack: never a step that makes the fit worse
        params = params - scale * step
        if np.max(np.abs(scale * step)) < 1e-9:
            break
    return round(max(0.0, float(params[0])), 5), round(float(params[1]), 5)  # a >= 0: never reversed


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(z, -30, 30)))


def _loss(params: np.ndarray, x: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    p = np.clip(_sigmoid(params[0] * x + params[1]), EPSILON, 1 - EPSILON)
    pull = 0.5 * PULL * float(np.sum((params - IDENTITY_PARAMS) ** 2))
    return float(-np.sum(w * (y * np.log(p) + (1 - y) * np.log(1 - p)))) + pull


def _smoothed_targets(y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Platt's targets: (N+ + 1) / (N+ + 2) for right, 1 / (N- + 2) for wrong (weighted counts)."""
    right, wrong = float(np.sum(w * y)), float(np.sum(w * (1 - y)))
    return np.where(y > 0, (right + 1) / (right + 2), 1 / (wrong + 2))
