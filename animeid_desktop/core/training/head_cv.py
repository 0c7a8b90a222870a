"""Cross-validated head fits, trained side by side: every fold's linear layer in one batched loop.

The fold layers are independent (each fold's loss touches only its own weights, and AdamW works
element by element), so this is :func:`~animeid_desktop.core.training.head.fit_head`'s recipe (centring
and scaling per fold, AdamW, mixup, label smoothing, L2 penalty, cosine schedule; the last epoch is
kept) at about the cost of one fit instead of one per fold. Only the batch size is shared: the rule of
``fit_head``, capped by the smallest fold's training rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import List, Optional, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from animeid_desktop.core.engine.devices import torch_threads
from animeid_desktop.core.progress import StopFn, check_stop
from animeid_desktop.core.training.config import HEAD_L2, HEAD_MIN_BATCH, HEAD_MIN_STEPS
from animeid_desktop.core.training.head import AdamW
from animeid_desktop.core.training.loop import soft_targets


@dataclass(frozen=True)
class HeadRecipe:
    """The optimisation settings of a head fit."""

    epochs: int
    lr: float
    weight_decay: float
    batch_size: int
    mixup_alpha: float
    label_smoothing: float
    l2: float = HEAD_L2
    seed: int = 0


@dataclass(frozen=True)
class _Heads:
    """One layer per (matrix, fold): its matrix, its training rows and its centring/scaling (as ``fit_head``)."""

    matrix: torch.Tensor  # (K,) index into the stacked matrices
    fold: List[int]  # the fold each layer holds out
    train: List[np.ndarray]
    rngs: List[np.random.Generator]  # one per layer, seeded by its fold: every matrix sees the same batches
    mu: torch.Tensor  # (K, D)
    sd: torch.Tensor  # (K, 1, 1)


def _heads(xs: torch.Tensor, folds: Sequence[np.ndarray], seed: int) -> _Heads:
    train = [np.setdiff1d(np.arange(xs.shape[1]), np.asarray(f, dtype=np.int64)) for f in folds]
    pairs = [(m, f) for m in range(len(xs)) for f in range(len(folds))]
    mu = torch.stack([xs[m, train[f]].mean(0) for m, f in pairs])
    spread = [float(xs[m, train[f]].std(0, unbiased=False).mean()) if len(train[f]) > 1 else 1.0 for m, f in pairs]
    sd = torch.tensor([max(v, 1e-6) for v in spread], dtype=torch.float32).view(-1, 1, 1)
    return _Heads(torch.tensor([m for m, _f in pairs]), [f for _m, f in pairs], [train[f] for _m, f in pairs],
                  [np.random.default_rng([seed, f]) for _m, f in pairs], mu, sd)


def _orders(rngs: List[np.random.Generator], train: List[np.ndarray], length: int) -> torch.Tensor:
    """(K, length) row indices: each layer's training rows in fresh random orders, one pass after another."""
    out = []
    for rng, rows in zip(rngs, train):
        passes = math.ceil(length / len(rows))
        out.append(np.concatenate([rows[rng.permutation(len(rows))] for _ in range(passes)])[:length])
    return torch.from_numpy(np.stack(out))


def _mix(x: torch.Tensor, t: torch.Tensor, alpha: float, rngs: List[np.random.Generator]) -> tuple:
    """Mixup within each layer's batch (a Beta(alpha, alpha) weight and a random partner per layer).

    Applied to the logits: for a linear layer, the logits of a mixed input are the mixed logits, and
    mixing (K, B, classes) is far cheaper than mixing (K, B, features)."""
    k, b = x.shape[:2]
    if alpha <= 0 or b < 2:
        return x, t
    lam = torch.tensor([rng.beta(alpha, alpha) for rng in rngs], dtype=torch.float32).view(k, 1, 1)
    perm = torch.from_numpy(np.stack([rng.permutation(b) for rng in rngs]))
    rows = torch.arange(k).view(k, 1)
    return lam * x + (1 - lam) * x[rows, perm], lam * t + (1 - lam) * t[rows, perm]


def fold_predictions(matrices: Sequence[np.ndarray], y: np.ndarray, folds: Sequence[np.ndarray], n_classes: int, *,
                     recipe: HeadRecipe, should_stop: Optional[StopFn] = None) -> np.ndarray:
    """(M, N) out-of-fold predicted classes: for each of ``M`` feature matrices of the same ``N`` rows,
    each fold's rows scored by a layer trained on the other folds' rows. Raises ``Cancelled`` when stopped."""
    with torch_threads(1):  # small matrices: one thread is faster than many
        xs = torch.as_tensor(np.ascontiguousarray(np.stack(matrices)), dtype=torch.float32)
        targets = soft_targets(torch.as_tensor(y, dtype=torch.long), n_classes, recipe.label_smoothing)
        heads = _heads(xs, folds, recipe.seed)
        n_min, n_max = min(len(t) for t in heads.train), max(len(t) for t in heads.train)
        batch = min(max(recipe.batch_size, HEAD_MIN_BATCH, math.ceil(n_max / 50)), n_min)
        steps = max(math.ceil(n_max / batch), math.ceil(HEAD_MIN_STEPS / max(recipe.epochs, 1)))
        total = max(1, recipe.epochs * steps)
        w = torch.zeros(len(heads.train), xs.shape[2], n_classes, requires_grad=True)
        b = torch.zeros(len(heads.train), 1, n_classes, requires_grad=True)
        opt = AdamW([w, b], lr=recipe.lr, weight_decay=recipe.weight_decay)
        which = heads.matrix.view(-1, 1)
        for epoch in range(recipe.epochs):
            check_stop(should_stop)
            order = _orders(heads.rngs, heads.train, steps * batch)
            for step in range(steps):
                idx = order[:, step * batch : (step + 1) * batch]
                # the layer on centred, scaled rows, computed on the raw rows: (x - mu) w / sd + b
                logits = (torch.bmm(xs[which, idx], w) - torch.bmm(heads.mu[:, None], w)) / heads.sd + b
                logits, tb = _mix(logits, targets[idx], recipe.mixup_alpha, heads.rngs)
                loss = -(tb * F.log_softmax(logits, dim=2)).sum(2).mean(1).sum()
                (loss + recipe.l2 * w.pow(2).sum()).backward()
                opt.step(recipe.lr * 0.5 * (1 + math.cos(math.pi * (epoch * steps + step) / total)))
        return _predict(xs, folds, heads, w.detach(), b.detach())


def _predict(xs: torch.Tensor, folds: Sequence[np.ndarray], heads: _Heads, w: torch.Tensor,
             b: torch.Tensor) -> np.ndarray:
    pred = np.zeros(tuple(xs.shape[:2]), dtype=np.int64)
    for k, (m, f) in enumerate(zip(heads.matrix.tolist(), heads.fold)):
        rows = np.asarray(folds[f], dtype=np.int64)
        pred[m, rows] = (((xs[m, rows] - heads.mu[k]) / heads.sd[k]) @ w[k] + b[k]).argmax(1).numpy()
    return pred
