"""Open-set scores: is a picture one of the trained characters, or someone else?

A picture's score mixes two standardised signals computed on GENERAL backbone features (the frozen
pretrained backbone that head mode uses, never fine-tuned ones, whose spread "not one of mine" needs):
(a) its largest cosine similarity to a character's prototype (the mean of that character's unit
feature vectors), (b) the top probability of a linear head on the same features. Each is standardised
with its mean and spread on known pictures; the score is their average; below the calibrated
threshold the picture is "unknown". Stored in a model's files as ``openset.*`` tensors (safetensors)
and ``meta["openset"]`` (JSON); models without them keep the plain probability threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Mapping, Optional, Tuple

import numpy as np
import torch

from animeid_desktop.core.engine.preprocess import Preprocessing
from animeid_desktop.core.engine.weights import WeightsSource, find_weights, random_weights_id
from animeid_desktop.core.errors import UserError

TENSOR_PREFIX = "openset."
FORMAT = 1


def unit_rows(x: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (zero rows stay zero)."""
    x = np.asarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def prototypes(x: np.ndarray, y: np.ndarray, n_classes: int) -> np.ndarray:
    """(C, D) unit prototypes: the normalised mean of each class's unit feature vectors."""
    ux = unit_rows(x)
    out = np.zeros((n_classes, ux.shape[1]), dtype=np.float32)
    for c in range(n_classes):
        members = ux[np.asarray(y) == c]
        if len(members):
            out[c] = members.mean(0)
    return unit_rows(out)


def max_cosine(x: np.ndarray, protos: np.ndarray) -> np.ndarray:
    """Largest cosine similarity of each row of ``x`` to any prototype."""
    if not len(x):
        return np.zeros(0, dtype=np.float32)
    return (unit_rows(x) @ protos.T).max(1)


def softmax_top(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Top probability of the linear head ``x @ weight.T + bias``."""
    if not len(x):
        return np.zeros(0, dtype=np.float32)
    logits = np.asarray(x, dtype=np.float64) @ np.asarray(weight, dtype=np.float64).T + bias
    logits -= logits.max(1, keepdims=True)
    e = np.exp(logits)
    return (e.max(1) / e.sum(1)).astype(np.float32)


def general_weights(model: str, weights_id: Optional[str] = None) -> Optional[WeightsSource]:
    """The general (pretrained, never fine-tuned) weights of ``model``: the local pretrained file, else
    the seeded random start. With ``weights_id``: only those exact weights, None when they are gone."""
    ws = find_weights(model) or WeightsSource(model, "random", None, random_weights_id())
    if weights_id is not None and ws.weights_id != weights_id:
        return WeightsSource(model, "random", None, weights_id) if weights_id == random_weights_id() else None
    return ws


@dataclass(frozen=True)
class Scale:
    """Mean and spread of each signal on known pictures (their standardisation)."""

    cos_mean: float
    cos_std: float
    prob_mean: float
    prob_std: float

    @classmethod
    def fit(cls, cos: np.ndarray, prob: np.ndarray) -> Scale:
        def spread(v: np.ndarray) -> float:
            return max(float(np.std(v)), 1e-4) if len(v) > 1 else 1.0

        return cls(float(np.mean(cos)), spread(cos), float(np.mean(prob)), spread(prob))

    def combine(self, cos: np.ndarray, prob: np.ndarray) -> np.ndarray:
        """The open-set score: the average of the two standardised signals (higher = more known)."""
        return ((np.asarray(cos) - self.cos_mean) / self.cos_std
                + (np.asarray(prob) - self.prob_mean) / self.prob_std) / 2


def keep_threshold(known: np.ndarray, keep: float) -> float:
    """The score above which a share ``keep`` of the known pictures lie."""
    return float(np.quantile(np.asarray(known, dtype=np.float64), 1.0 - keep)) if len(known) else -np.inf


def auroc(known: np.ndarray, unseen: np.ndarray) -> Optional[float]:
    """Chance that a known picture scores above an unseen one (ties count half); None when one side is empty."""
    known, unseen = np.asarray(known, dtype=np.float64), np.asarray(unseen, dtype=np.float64)
    if not len(known) or not len(unseen):
        return None
    both = np.concatenate([known, unseen])
    order = both.argsort(kind="mergesort")
    ranks = np.empty(len(both))
    ranks[order] = np.arange(1, len(both) + 1)
    for value in np.unique(both):  # average ranks of ties
        tied = both == value
        if tied.sum() > 1:
            ranks[tied] = ranks[tied].mean()
    u = ranks[: len(known)].sum() - len(known) * (len(known) + 1) / 2
    return float(u / (len(known) * len(unseen)))


@dataclass(frozen=True)
class OpenSet:
    """A model's open-set decision: prototypes and head on general features, standardisation, threshold."""

    prototypes: np.ndarray  # (C, D) unit rows, in the model's class order
    weight: np.ndarray  # (C, D) linear head on general features
    bias: np.ndarray  # (C,)
    scale: Scale
    threshold: float
    features: dict  # the general features: {"weights_id", "preprocessing"} (an embedding cache key)
    report: dict = field(default_factory=dict)  # calibration figures (keep share, flagged share, AUROC, ...)

    @property
    def figures(self) -> dict:
        """The calibration figures with the threshold."""
        return {**self.report, "threshold": self.threshold}

    def scores(self, features: np.ndarray) -> np.ndarray:
        """Open-set scores of general feature rows (higher = more like a trained character)."""
        x = np.asarray(features, dtype=np.float32).reshape(-1, self.prototypes.shape[1])
        return self.scale.combine(max_cosine(x, self.prototypes), softmax_top(x, self.weight, self.bias))

    def unknown(self, features: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        """(unknown flags, scores) of general feature rows."""
        s = self.scores(features)
        return s < self.threshold, s

    def to_files(self) -> Tuple[Dict[str, torch.Tensor], dict]:
        """(tensors, ``meta["openset"]``) to save beside the model."""
        tensors = {f"{TENSOR_PREFIX}prototypes": torch.from_numpy(np.ascontiguousarray(self.prototypes)),
                   f"{TENSOR_PREFIX}fc.weight": torch.from_numpy(np.ascontiguousarray(self.weight, np.float32)),
                   f"{TENSOR_PREFIX}fc.bias": torch.from_numpy(np.ascontiguousarray(self.bias, np.float32))}
        meta = {"format": FORMAT, "threshold": self.threshold, "scale": self.scale.__dict__,
                "features": self.features, **self.report}
        return tensors, meta

    @classmethod
    def from_files(cls, meta: Optional[dict], tensors: Mapping[str, torch.Tensor], *, n_classes: int,
                   feature_dim: int, where: str) -> Optional[OpenSet]:
        """The open-set block of a saved model; None for models saved without one."""
        if meta is None:
            return None
        if int(meta.get("format", 0)) > FORMAT:
            raise UserError(f"model in {where}: its open-set block was saved by a newer AnimeID; update the program")
        try:
            scale = Scale(**{k: float(meta["scale"][k]) for k in Scale.__dataclass_fields__})
            threshold = float(meta["threshold"])
            arrays = [tensors[f"{TENSOR_PREFIX}{k}"].float().numpy() for k in ("prototypes", "fc.weight", "fc.bias")]
            features = dict(meta["features"])
            if not isinstance(features["weights_id"], str):
                raise TypeError("features must name their weights")
            Preprocessing.from_json(features["preprocessing"])
        except (KeyError, TypeError, ValueError) as exc:
            raise UserError(f"model in {where}: its open-set block is incomplete ({exc!r}); retrain") from exc
        protos, weight, bias = arrays
        shape = (n_classes, feature_dim)
        if protos.shape != shape or weight.shape != shape or bias.shape != (n_classes,):
            raise UserError(f"model in {where}: its open-set tensors do not fit {n_classes} classes; retrain")
        values = [*(v for v in scale.__dict__.values()), threshold]
        if not all(np.isfinite(a).all() for a in arrays) or not np.isfinite(values).all() \
                or scale.cos_std <= 0 or scale.prob_std <= 0:
            raise UserError(f"model in {where}: its open-set block has invalid numbers; retrain")
        report = {k: v for k, v in meta.items() if k not in ("format", "threshold", "scale", "features")}
        return cls(protos, weight, bias, scale, threshold, features, report)

