"""Head training: a linear classifier on frozen, cached features, in seconds.

Features are centred with the training mean and scaled by their average standard deviation, the
layer is trained there (AdamW, mixup, label smoothing, cosine schedule) and the scaling is folded back
into the weights at the end, so the saved ``fc`` works on raw backbone features.
"""

from __future__ import annotations

import contextlib
import copy
import math
from typing import Iterator, List, Optional, Tuple

import numpy as np
import torch

from animeid_desktop.core.engine.devices import torch_threads
from animeid_desktop.core.progress import StopFn
from animeid_desktop.core.training.config import (
    BATCH_SIZE,
    HEAD_EPOCHS,
    HEAD_L2,
    HEAD_LR_SCALE,
    HEAD_MIN_BATCH,
    HEAD_MIN_STEPS,
    LABEL_SMOOTHING,
    LR,
    MIXUP_ALPHA,
    WEIGHT_DECAY,
)
from animeid_desktop.core.training.loop import (
    BatchFn,
    BestEpoch,
    EpochFn,
    FitOutcome,
    State,
    Validation,
    evaluate_logits,
    run_epochs,
    soft_cross_entropy,
    soft_targets,
    standard_hooks,
)

HeadInit = Tuple[torch.Tensor, torch.Tensor, List[Optional[int]]]  # raw-space weight, bias, class row map


class AdamW:
    """Plain AdamW for a few tensors.

    ``torch.optim`` imports ``torch._dynamo`` on first use, which costs seconds; the head trainer's
    budget is a few seconds in all, so it uses this instead.
    """

    def __init__(self, params: List[torch.Tensor], lr: float, weight_decay: float,
                 betas: Tuple[float, float] = (0.9, 0.999), eps: float = 1e-8) -> None:
        self.params = params
        self.lr, self.weight_decay, self.betas, self.eps = lr, weight_decay, betas, eps
        self.m = [torch.zeros_like(p) for p in params]
        self.v = [torch.zeros_like(p) for p in params]
        self.t = 0

    @torch.no_grad()
    def step(self, lr: float) -> None:
        self.t += 1
        b1, b2 = self.betas
        c1, c2 = 1 - b1**self.t, 1 - b2**self.t
        for p, m, v in zip(self.params, self.m, self.v):
            if p.grad is None:
                continue
            g = p.grad
            m.mul_(b1).add_(g, alpha=1 - b1)
            v.mul_(b2).addcmul_(g, g, value=1 - b2)
            p.mul_(1 - lr * self.weight_decay)
            p.addcdiv_(m / c1, (v / c2).sqrt_().add_(self.eps), value=-lr)
            p.grad = None


class HeadTrainer:
    """A linear layer on centred, scaled features (the :class:`~loop.Trainer` of head mode)."""

    def __init__(self, xt: torch.Tensor, yt: torch.Tensor, xv: torch.Tensor, yv: torch.Tensor, n_classes: int, *,
                 epochs: int, lr: float, weight_decay: float, batch_size: int, label_smoothing: float, l2: float,
                 rng: np.random.Generator) -> None:
        self.xt, self.yt, self.xv, self.yv, self.n_classes = xt, yt, xv, yv, n_classes
        self.lr, self.label_smoothing, self.l2, self.rng = lr, label_smoothing, l2, rng
        self.has_val = len(yv) > 0
        self.layer = torch.nn.Linear(xt.shape[1], n_classes)
        with torch.no_grad():
            self.layer.weight.zero_()
            self.layer.bias.zero_()
        self.batch = min(max(batch_size, HEAD_MIN_BATCH, math.ceil(len(xt) / 50)), max(len(xt), 1))
        self.steps = max(math.ceil(len(xt) / self.batch), math.ceil(HEAD_MIN_STEPS / max(epochs, 1)))
        self.total_steps = max(1, epochs * self.steps)
        self.opt = AdamW([self.layer.weight, self.layer.bias], lr=lr, weight_decay=weight_decay)

    def batches(self, epoch: int) -> contextlib.nullcontext:
        self.layer.train()
        passes = math.ceil(self.steps * self.batch / len(self.xt))
        order = torch.from_numpy(np.concatenate([self.rng.permutation(len(self.xt)) for _ in range(passes)]))
        return contextlib.nullcontext(self._slices(order))

    def _slices(self, order: torch.Tensor) -> Iterator[torch.Tensor]:
        for step in range(self.steps):
            yield order[step * self.batch : (step + 1) * self.batch]

    def inputs(self, idx: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        return self.xt[idx], soft_targets(self.yt[idx], self.n_classes, self.label_smoothing)

    def step(self, x: torch.Tensor, targets: torch.Tensor, epoch: int, step: int) -> float:
        loss = soft_cross_entropy(self.layer(x), targets)
        (loss + self.l2 * self.layer.weight.pow(2).sum()).backward()
        done = (epoch - 1) * self.steps + step
        self.opt.step(self.lr * 0.5 * (1 + math.cos(math.pi * done / self.total_steps)))
        return float(loss.detach())

    def validate(self) -> Validation:
        self.layer.eval()
        with torch.no_grad():
            return evaluate_logits(self.layer(self.xv), self.yv)

    def snapshot(self) -> State:
        return copy.deepcopy(self.layer.state_dict())


def fit_head(
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_val: np.ndarray,
    y_val: np.ndarray,
    n_classes: int,
    *,
    epochs: int = HEAD_EPOCHS,
    lr: float = LR * HEAD_LR_SCALE,
    weight_decay: float = WEIGHT_DECAY,
    batch_size: int = BATCH_SIZE,
    mixup_alpha: float = MIXUP_ALPHA,
    label_smoothing: float = LABEL_SMOOTHING,
    seed: int = 0,
    init: Optional[HeadInit] = None,
    on_epoch: Optional[EpochFn] = None,
    on_batch: Optional[BatchFn] = None,
    should_stop: Optional[StopFn] = None,
    l2: float = HEAD_L2,
) -> FitOutcome:
    """Train a linear layer on features; keeps the epoch with the best validation accuracy.

    ``init`` = (weight, bias, rows): raw-space rows of an earlier model copied into the listed
    class indices (incremental training); the other rows start at zero. Raises ``Cancelled`` when
    stopped before the first epoch finished.
    """
    with torch_threads(1):  # tiny matrices: one thread is several times faster than many
        rng = np.random.default_rng(seed)
        xt = torch.as_tensor(np.ascontiguousarray(x_train), dtype=torch.float32)
        xv = torch.as_tensor(np.ascontiguousarray(x_val), dtype=torch.float32).reshape(-1, xt.shape[1])
        # Centre per feature, scale by one number: per-feature scaling would blow up the weights of
        # features that barely vary in training (and the logits of images where they do vary).
        mu = xt.mean(0)
        spread = float(xt.std(0, unbiased=False).mean()) if len(xt) > 1 else 1.0
        sd = torch.full_like(mu, max(spread, 1e-6))
        trainer = HeadTrainer((xt - mu) / sd, torch.as_tensor(y_train, dtype=torch.long), (xv - mu) / sd,
                              torch.as_tensor(y_val, dtype=torch.long), n_classes, epochs=epochs, lr=lr,
                              weight_decay=weight_decay, batch_size=batch_size, label_smoothing=label_smoothing,
                              l2=l2, rng=rng)
        if init is not None:
            _copy_rows(trainer.layer, init, mu, sd)
        best = BestEpoch(trainer.snapshot, trainer.has_val)
        hooks = standard_hooks(mixup_alpha=mixup_alpha, rng=rng, best=best, should_stop=should_stop,
                               on_batch=on_batch, on_epoch=on_epoch)
        log = run_epochs(trainer, epochs=epochs, hooks=hooks)
        w = best.state["weight"] / sd
        state = {"fc.weight": w, "fc.bias": best.state["bias"] - (w * mu).sum(1)}
    return FitOutcome(state=state, val_probs=best.probs, history=log.history, best_epoch=best.epoch,
                      best_val_acc=best.val_acc, final_val_acc=log.final_val_acc, cancelled=log.cancelled,
                      kept_epoch=best.epoch, kept_val_acc=best.val_acc)


def _copy_rows(layer: torch.nn.Linear, init: HeadInit, mu: torch.Tensor, sd: torch.Tensor) -> None:
    """An earlier model's raw-space rows, moved into the centred, scaled space of ``layer``."""
    w_raw, b_raw, rows = init
    with torch.no_grad():
        for src, dst in enumerate(rows):
            if dst is None:
                continue
            layer.weight[dst] = w_raw[src] * sd
            layer.bias[dst] = b_raw[src] + (w_raw[src] * mu).sum()
