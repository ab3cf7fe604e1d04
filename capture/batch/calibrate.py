"""Logistic regression with an L2 penalty (Newton's method), and how well its probabilities are calibrated.

Used by ``bench/batches.py --fit`` to fit the first-page detector's weights
on tuning seeds, and to score its calibration on held-out seeds. The penalty
keeps the weights finite where generated pages separate perfectly, so the
probabilities stay honest rather than all 0 or 1.
"""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function, safe for large inputs."""
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def fit_logistic(features: np.ndarray, labels: np.ndarray, penalty: float = 1.0, steps: int = 50) -> np.ndarray:
    """Weights (the last column of ``features`` is the bias, not penalised) that maximise the penalised likelihood."""
    weights = np.zeros(features.shape[1])
    ridge = np.eye(features.shape[1]) * penalty
    ridge[-1, -1] = 0.0
    for _ in range(steps):
        p = sigmoid(features @ weights)
        gradient = features.T @ (p - labels) + ridge @ weights
        hessian = (features * (p * (1 - p))[:, None]).T @ features + ridge + np.eye(len(weights)) * 1e-9
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-9:
            break
    return weights


def expected_calibration_error(probabilities: np.ndarray, labels: np.ndarray, bins: int = 10) -> float:
    """Mean gap between predicted probability and observed frequency, over equal-width bins, weighted by count."""
    edges = np.minimum((probabilities * bins).astype(int), bins - 1)
    error = 0.0
    for b in range(bins):
        inside = edges == b
        if inside.any():
            error += inside.sum() * abs(probabilities[inside].mean() - labels[inside].mean())
    return float(error / max(len(labels), 1))


def brier(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """Mean squared error of the probabilities."""
    return float(np.mean((probabilities - labels) ** 2)) if len(labels) else 0.0
