"""Head training: a linear classifier on frozen, cached features, in seconds.

Features are centred with the training mean and scaled by their average standard deviation, the
layer is trained there (AdamW, mixup, label smoothing, cosine schedule) and the scaling is folded back
into the weights at the end, so the saved ``fc`` works on raw backbone features.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Tuple

import numpy as np
import torch
import torch.nn.functional as F

from animeid_desktop.core.engine.devices import torch_threads
from animeid_desktop.core.errors import Cancelled
from animeid_desktop.core.progress import StopFn

EpochFn = Callable[[dict], None]
BatchFn = Callable[[int, int, int, float], None]  # epoch, step, steps, running loss

HEAD_EPOCHS = 30
HEAD_LR_SCALE = 1.0  # head learning rate relative to the configured (recipe) one
HEAD_MIN_BATCH = 64
HEAD_MIN_STEPS = 400  # small libraries get several passes per epoch so that the layer converges
HEAD_L2 = 1e-3  # L2 penalty on the weights (centred, scaled features): what keeps a linear probe honest


@dataclass
class HeadFit:
    """The trained (best) linear layer in raw-feature space and what happened on the way."""

    weight: torch.Tensor
    bias: torch.Tensor
    val_probs: np.ndarray
    history: List[dict] = field(default_factory=list)
    best_epoch: int = 0
    best_val_acc: float = 0.0
    final_val_acc: float = 0.0
    cancelled: bool = False
    kept_epoch: int = 0  # the epoch whose weights ``weight``/``bias`` are


def soft_targets(y: torch.Tensor, n_classes: int, smoothing: float) -> torch.Tensor:
    """One-hot targets with label smoothing."""
    t = torch.full((len(y), n_classes), smoothing / n_classes, device=y.device)
    t.scatter_(1, y.view(-1, 1), 1.0 - smoothing + smoothing / n_classes)
    return t


def mixup(
    x: torch.Tensor, t: torch.Tensor, alpha: float, rng: np.random.Generator
) -> Tuple[torch.Tensor, torch.Tensor]:
    """Mix each sample with a random partner (Beta(alpha, alpha) weight); identity for alpha <= 0."""
    if alpha <= 0 or len(x) < 2:
        return x, t
    lam = float(rng.beta(alpha, alpha))
    perm = torch.from_numpy(rng.permutation(len(x))).to(x.device)
    return lam * x + (1 - lam) * x[perm], lam * t + (1 - lam) * t[perm]


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


def soft_cross_entropy(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    return -(targets * F.log_softmax(logits.float(), dim=1)).sum(1).mean()


def evaluate_logits(logits: torch.Tensor, y: torch.Tensor) -> Tuple[float, float, np.ndarray]:
    """(loss, accuracy, probabilities) of logits against labels; zeros for an empty set."""
    if len(y) == 0:
        return 0.0, 0.0, np.zeros((0, logits.shape[1]), dtype=np.float32)
    logits = logits.float()
    loss = float(F.cross_entropy(logits, y))
    acc = float((logits.argmax(1) == y).float().mean())
    return loss, acc, torch.softmax(logits, 1).numpy()


def fit_head(
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_val: np.ndarray,
    y_val: np.ndarray,
    n_classes: int,
    epochs: int = HEAD_EPOCHS,
    lr: float = 8e-4 * HEAD_LR_SCALE,
    weight_decay: float = 3e-4,
    batch_size: int = 32,
    mixup_alpha: float = 0.4,
    label_smoothing: float = 0.08,
    seed: int = 0,
    init: Optional[Tuple[torch.Tensor, torch.Tensor, List[int]]] = None,
    on_epoch: Optional[EpochFn] = None,
    on_batch: Optional[BatchFn] = None,
    should_stop: Optional[StopFn] = None,
    l2: float = HEAD_L2,
) -> HeadFit:
    """Train a linear layer on features; keeps the epoch with the best validation accuracy.

    ``init`` = (weight, bias, rows): raw-space rows of an earlier model copied into the listed
    class indices (incremental training); the other rows start at zero.
    """
    with torch_threads(1):  # tiny matrices: one thread is several times faster than many
        return _fit_head(x_train, y_train, x_val, y_val, n_classes, epochs, lr, weight_decay, batch_size,
                         mixup_alpha, label_smoothing, seed, init, on_epoch, on_batch, should_stop, l2)


def _fit_head(x_train, y_train, x_val, y_val, n_classes, epochs, lr, weight_decay, batch_size, mixup_alpha,
              label_smoothing, seed, init, on_epoch, on_batch, should_stop, l2) -> HeadFit:
    rng = np.random.default_rng(seed)
    xt = torch.as_tensor(np.ascontiguousarray(x_train), dtype=torch.float32)
    yt = torch.as_tensor(y_train, dtype=torch.long)
    xv = torch.as_tensor(np.ascontiguousarray(x_val), dtype=torch.float32).reshape(-1, xt.shape[1])
    yv = torch.as_tensor(y_val, dtype=torch.long)
    # Centre per feature, scale by one number: per-feature scaling would blow up the weights of
    # features that barely vary in training (and the logits of images where they do vary).
    mu = xt.mean(0)
    spread = float(xt.std(0, unbiased=False).mean()) if len(xt) > 1 else 1.0
    sd = torch.full_like(mu, max(spread, 1e-6))
    xt = (xt - mu) / sd
    xv = (xv - mu) / sd

    layer = torch.nn.Linear(xt.shape[1], n_classes)
    with torch.no_grad():
        layer.weight.zero_()
        layer.bias.zero_()
        if init is not None:
            w_raw, b_raw, rows = init
            for src, dst in enumerate(rows):
                if dst is None:
                    continue
                layer.weight[dst] = w_raw[src] * sd
                layer.bias[dst] = b_raw[src] + (w_raw[src] * mu).sum()

    batch = min(max(batch_size, HEAD_MIN_BATCH, math.ceil(len(xt) / 50)), max(len(xt), 1))
    steps = max(math.ceil(len(xt) / batch), math.ceil(HEAD_MIN_STEPS / max(epochs, 1)))
    opt = AdamW([layer.weight, layer.bias], lr=lr, weight_decay=weight_decay)
    total_steps = max(1, epochs * steps)
    fit = HeadFit(layer.weight.detach().clone(), layer.bias.detach().clone(), np.zeros((len(yv), n_classes)))
    best_state = None
    best_key = (-1.0, 0.0)
    for epoch in range(1, epochs + 1):
        layer.train()
        passes = math.ceil(steps * batch / len(xt))
        order = torch.from_numpy(np.concatenate([rng.permutation(len(xt)) for _ in range(passes)]))
        total, seen = 0.0, 0
        for step in range(steps):
            if should_stop is not None and should_stop():
                fit.cancelled = True
                break
            idx = order[step * batch : (step + 1) * batch]
            xb, tb = mixup(xt[idx], soft_targets(yt[idx], n_classes, label_smoothing), mixup_alpha, rng)
            loss = soft_cross_entropy(layer(xb), tb)
            (loss + l2 * layer.weight.pow(2).sum()).backward()
            done = (epoch - 1) * steps + step
            opt.step(lr * 0.5 * (1 + math.cos(math.pi * done / total_steps)))
            total += float(loss.detach()) * len(idx)
            seen += len(idx)
            if on_batch:
                on_batch(epoch, step + 1, steps, total / seen)
        if fit.cancelled:
            break
        layer.eval()
        with torch.no_grad():
            val_loss, val_acc, probs = evaluate_logits(layer(xv), yv)
        record = {"epoch": epoch, "train_loss": total / max(seen, 1), "val_loss": val_loss if len(yv) else None,
                  "val_acc": val_acc if len(yv) else None}
        fit.history.append(record)
        fit.final_val_acc = val_acc
        key = (val_acc, -val_loss) if len(yv) else (float(epoch), 0.0)
        if key > best_key:
            best_key = key
            best_state = copy.deepcopy(layer.state_dict())
            fit.best_epoch, fit.best_val_acc, fit.val_probs = epoch, val_acc, probs
        if on_epoch:
            on_epoch(record)
    if best_state is None:
        raise Cancelled()
    fit.kept_epoch = fit.best_epoch  # the best epoch on validation, as in training_finetune
    w = best_state["weight"] / sd
    fit.weight = w
    fit.bias = best_state["bias"] - (w * mu).sum(1)
    return fit
