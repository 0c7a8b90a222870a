"""The epoch loop both trainers share, with small hooks (fastai-style callbacks, reduced to what is used).

A trainer (:class:`Trainer`) knows its model: its batches, one optimisation step, validation and a
copy of its weights. :func:`run_epochs` drives it epoch by epoch and lets hooks act on the way:
:class:`Mixup` mixes each batch, :class:`Cancel` stops between batches, :class:`BestEpoch` keeps the
weights of the best epoch on validation and :class:`Progress` reports batches and epochs. Also here:
the loss, target and evaluation helpers both trainers use, and :class:`FitOutcome`, what they return.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, ContextManager, Dict, Iterator, List, Optional, Protocol, Sequence, Tuple

import numpy as np
import torch
import torch.nn.functional as F

from animeid_desktop.core.errors import Cancelled
from animeid_desktop.core.progress import StopFn
from animeid_desktop.core.training.config import SkippedImage

EpochFn = Callable[[dict], None]
BatchFn = Callable[[int, int, int, float], None]  # epoch, step, steps, running loss
State = Dict[str, torch.Tensor]


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


def soft_cross_entropy(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    return -(targets * F.log_softmax(logits.float(), dim=1)).sum(1).mean()


@dataclass(frozen=True)
class Validation:
    """Loss, accuracy and class probabilities on the validation images (zeros when there are none)."""

    loss: float
    acc: float
    probs: np.ndarray


def evaluate_logits(logits: torch.Tensor, y: torch.Tensor) -> Validation:
    """Loss, accuracy and probabilities of logits against labels; zeros for an empty set."""
    if len(y) == 0:
        return Validation(0.0, 0.0, np.zeros((0, logits.shape[1]), dtype=np.float32))
    logits = logits.float()
    loss = float(F.cross_entropy(logits, y))
    acc = float((logits.argmax(1) == y).float().mean())
    return Validation(loss, acc, torch.softmax(logits, 1).numpy())


@dataclass(frozen=True)
class FitOutcome:
    """What a trainer returns: the kept weights and how training went."""

    state: State  # the kept weights; a head's are ``fc.weight``/``fc.bias`` in raw-feature space
    val_probs: np.ndarray  # validation probabilities of the kept weights
    history: List[dict]
    best_epoch: int
    best_val_acc: float
    final_val_acc: float
    cancelled: bool
    kept_epoch: int  # the epoch whose weights ``state`` holds
    kept_val_acc: float  # validation accuracy of ``state`` as recognition runs it
    views: Optional[str] = None  # finetune: the test-time views that validated best
    skipped: Tuple[SkippedImage, ...] = ()  # training images that could not be decoded

    @property
    def weight(self) -> torch.Tensor:
        return self.state["fc.weight"]

    @property
    def bias(self) -> torch.Tensor:
        return self.state["fc.bias"]


class Trainer(Protocol):
    """What :func:`run_epochs` drives."""

    steps: int  # optimisation steps per epoch
    has_val: bool  # whether there are validation images

    def batches(self, epoch: int) -> ContextManager[Iterator[Any]]: ...

    def inputs(self, batch: Any) -> Tuple[torch.Tensor, torch.Tensor]: ...  # (inputs, soft targets)

    def step(self, x: torch.Tensor, targets: torch.Tensor, epoch: int, step: int) -> float: ...  # the loss

    def validate(self) -> Validation: ...

    def snapshot(self) -> State: ...


class Hook:
    """Loop events; every method is optional."""

    def stop(self) -> bool:
        return False

    def before_step(self, x: torch.Tensor, t: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        return x, t

    def after_batch(self, epoch: int, step: int, steps: int, loss: float) -> None:
        pass

    def after_epoch(self, record: dict, val: Validation) -> None:
        pass


class Mixup(Hook):
    """Mixes each batch (``mixup``) with the trainer's order generator, so the random draws interleave as before."""

    def __init__(self, alpha: float, rng: np.random.Generator) -> None:
        self.alpha, self.rng = alpha, rng

    def before_step(self, x: torch.Tensor, t: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        return mixup(x, t, self.alpha, self.rng)


class Cancel(Hook):
    """Stops between batches when ``should_stop`` says so."""

    def __init__(self, should_stop: Optional[StopFn]) -> None:
        self.should_stop = should_stop

    def stop(self) -> bool:
        return self.should_stop is not None and bool(self.should_stop())


class Progress(Hook):
    """Hands batches and epoch records to the caller's callbacks."""

    def __init__(self, on_batch: Optional[BatchFn], on_epoch: Optional[EpochFn]) -> None:
        self.on_batch, self.on_epoch = on_batch, on_epoch

    def after_batch(self, epoch: int, step: int, steps: int, loss: float) -> None:
        if self.on_batch:
            self.on_batch(epoch, step, steps, loss)

    def after_epoch(self, record: dict, val: Validation) -> None:
        if self.on_epoch:
            self.on_epoch(record)


class BestEpoch(Hook):
    """Keeps a copy of the weights of the best epoch: highest validation accuracy, then lowest loss;
    without validation images, the latest epoch."""

    def __init__(self, snapshot: Callable[[], State], has_val: bool) -> None:
        self.snapshot, self.has_val = snapshot, has_val
        self.key: Optional[Tuple[float, float]] = None
        self.state: State = {}
        self.epoch, self.val_acc = 0, 0.0
        self.probs = np.zeros((0, 0), dtype=np.float32)

    def after_epoch(self, record: dict, val: Validation) -> None:
        key = (val.acc, -val.loss) if self.has_val else (float(record["epoch"]), 0.0)
        if self.key is None or key > self.key:
            self.key, self.state = key, self.snapshot()
            self.epoch, self.val_acc, self.probs = record["epoch"], val.acc, val.probs


@dataclass
class LoopLog:
    """Per-epoch records, the last epoch's validation accuracy and whether the loop was cancelled."""

    history: List[dict] = field(default_factory=list)
    final_val_acc: float = 0.0
    cancelled: bool = False


def standard_hooks(*, mixup_alpha: float, rng: np.random.Generator, best: BestEpoch,
                   should_stop: Optional[StopFn], on_batch: Optional[BatchFn],
                   on_epoch: Optional[EpochFn]) -> List[Hook]:
    """The hooks of both trainers, in the order they act."""
    return [Mixup(mixup_alpha, rng), Cancel(should_stop), best, Progress(on_batch, on_epoch)]


def run_epochs(trainer: Trainer, *, epochs: int, hooks: Sequence[Hook]) -> LoopLog:
    """Train ``epochs`` epochs (validated after each) unless a hook stops it between batches.

    Raises :class:`Cancelled` when stopped before the first epoch finished.
    """
    log = LoopLog()
    for epoch in range(1, epochs + 1):
        total, seen, step = 0.0, 0, 0
        with trainer.batches(epoch) as batches:
            while True:
                if any(h.stop() for h in hooks):
                    log.cancelled = True
                    break
                batch = next(batches, None)
                if batch is None:
                    break
                x, t = trainer.inputs(batch)
                for h in hooks:
                    x, t = h.before_step(x, t)
                loss = trainer.step(x, t, epoch, step)
                step, total, seen = step + 1, total + loss * len(x), seen + len(x)
                for h in hooks:
                    h.after_batch(epoch, step, trainer.steps, total / seen)
        if log.cancelled:
            break
        val = trainer.validate()
        record = {"epoch": epoch, "train_loss": total / max(seen, 1), "val_loss": val.loss if trainer.has_val else None,
                  "val_acc": val.acc if trainer.has_val else None}
        log.history.append(record)
        log.final_val_acc = val.acc
        for h in hooks:
            h.after_epoch(record, val)
    if not log.history:
        raise Cancelled()
    return log
