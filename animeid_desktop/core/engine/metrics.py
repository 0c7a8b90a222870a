"""Validation metrics: accuracy, confusion matrix, per-class accuracy, the "unknown" threshold."""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence

import numpy as np

# The unknown threshold keeps this share of the correct validation predictions above it.
KEEP_CORRECT = 0.95
MIN_THRESHOLD = 0.2
MAX_THRESHOLD = 0.9


def accuracy(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """Share of equal entries (0.0 for empty input)."""
    t, p = np.asarray(y_true), np.asarray(y_pred)
    return float((t == p).mean()) if len(t) else 0.0


def confusion_matrix(y_true: Sequence[int], y_pred: Sequence[int], n_classes: int) -> List[List[int]]:
    """``m[true][pred]`` counts."""
    m = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(m, (np.asarray(y_true, dtype=np.int64), np.asarray(y_pred, dtype=np.int64)), 1)
    return m.tolist()


def per_class_accuracy(
    y_true: Sequence[int], y_pred: Sequence[int], classes: Sequence[str]
) -> Dict[str, float]:
    """Accuracy per class name, for the classes that have validation images."""
    t, p = np.asarray(y_true), np.asarray(y_pred)
    out: Dict[str, float] = {}
    for i, name in enumerate(classes):
        mask = t == i
        if mask.any():
            out[name] = float((p[mask] == i).mean())
    return out



def calibrate_threshold(top_prob: Sequence[float], correct: Sequence[bool], n_classes: int) -> float:
    """The "unknown" threshold from validation: keep 95% of correct predictions above it.

    Clipped to [max(0.2, 1.5 / classes), 0.9]; with no correct predictions the lower bound is used.
    """
    lower = max(MIN_THRESHOLD, 1.5 / max(n_classes, 1))
    probs = np.asarray(top_prob, dtype=np.float64)[np.asarray(correct, dtype=bool)]
    if probs.size == 0:
        return round(lower, 4)
    value = float(np.quantile(probs, 1.0 - KEEP_CORRECT))
    return round(min(MAX_THRESHOLD, max(lower, value)), 4)


def threshold_report(
    top_prob: Sequence[float], correct: Sequence[bool], threshold: float
) -> Dict[str, Optional[float]]:
    """How a threshold behaves on validation: share flagged unknown, accuracy of the rest."""
    probs = np.asarray(top_prob, dtype=np.float64)
    ok = np.asarray(correct, dtype=bool)
    if probs.size == 0:
        return {"unknown_share": None, "accepted_accuracy": None}
    accepted = probs >= threshold
    return {
        "unknown_share": float(1.0 - accepted.mean()),
        "accepted_accuracy": float(ok[accepted].mean()) if accepted.any() else None,
    }
