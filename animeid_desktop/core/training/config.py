"""Training settings, progress events and results (the data side of :mod:`training`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Callable, Dict, List, Optional

from animeid_desktop.core.engine.registry import DEFAULT_MODEL, ModelSpec
from animeid_desktop.core.progress import ProgressFn
from animeid_desktop.core.training.finetune import (
    FINAL_FITS,
    FINETUNE_EPOCHS,
    FINETUNE_FREEZE,
    FINETUNE_REFIT,
    FINETUNE_SIZE_SCALE,
    FINETUNE_VIEWS,
)
from animeid_desktop.core.training.head import HEAD_EPOCHS

MODES = ("head", "finetune")
PROBE_EPOCHS = 30  # linear probe that initialises fc before fine-tuning


@dataclass
class TrainConfig:
    """Settings of one training run (``None`` = the mode's default)."""

    model: str = DEFAULT_MODEL
    mode: str = "head"
    epochs: Optional[int] = None
    batch_size: int = 32
    lr: float = 8e-4
    weight_decay: float = 3e-4
    mixup_alpha: float = 0.4
    label_smoothing: float = 0.08
    image_size: Optional[int] = None
    val_fraction: float = 0.2
    seed: int = 0
    device: Optional[str] = None
    incremental: bool = True
    resize: str = "fit"  # how images become squares: fit (pad), crop (centre) or squash
    tta_flip: Optional[bool] = None  # average with the mirror image; None = on for finetune, off for head
    allow_download: bool = True
    duplicate_aware_split: bool = True  # keep each near-duplicate group on one side of the validation split
    freeze_fraction: Optional[float] = None  # finetune: share of early backbone layers kept frozen (None = default)
    views: Optional[str] = None  # preprocess.VIEWS, or "auto" (finetune: best on validation); None = per mode
    refit: Optional[bool] = None  # finetune: after validating, train again on every image (None = default: on)
    final_fits: Optional[int] = None  # finetune: how many final fits (seeds) are averaged (None = default)

    def resolved_epochs(self) -> int:
        return int(self.epochs) if self.epochs else (HEAD_EPOCHS if self.mode == "head" else FINETUNE_EPOCHS)

    def resolved_flip(self) -> bool:
        return self.mode == "finetune" if self.tta_flip is None else bool(self.tta_flip)

    def resolved_size(self, spec: ModelSpec) -> int:
        if self.image_size:
            return int(self.image_size)
        return spec.input_size if self.mode == "head" else int(round(spec.input_size * FINETUNE_SIZE_SCALE / 32) * 32)

    def resolved_views(self) -> str:
        return self.views or ("full" if self.mode == "head" else FINETUNE_VIEWS)

    def resolved_refit(self) -> bool:
        return self.mode == "finetune" and (FINETUNE_REFIT if self.refit is None else bool(self.refit))

    def resolved_final_fits(self) -> int:
        return FINAL_FITS if self.final_fits is None else int(self.final_fits)

    def resolved_freeze(self) -> float:
        return FINETUNE_FREEZE if self.freeze_fraction is None else float(self.freeze_fraction)


@dataclass
class TrainEvent:
    """A progress event for live views: ``stage`` | ``batch`` | ``epoch`` | ``log``."""

    kind: str
    epoch: int = 0
    epochs: int = 0
    step: int = 0
    steps: int = 0
    train_loss: Optional[float] = None
    val_loss: Optional[float] = None
    val_acc: Optional[float] = None
    message: str = ""


@dataclass
class TrainResult:
    """What a run produced (also stored in ``training_runs`` and the model's ``meta.json``)."""

    run_id: str
    model: str
    mode: str
    classes: List[str]
    pretrained: bool
    best_val_acc: float
    final_val_acc: float
    per_class_acc: Dict[str, float]
    confusion: List[List[int]]
    val_items: List[dict]
    seconds: float
    path: str
    history: List[dict]
    previous_per_class_acc: Optional[Dict[str, float]]
    cancelled: bool
    threshold: float = 0.5
    previous_best_val_acc: Optional[float] = None
    parent_run_id: Optional[str] = None
    incremental: bool = False
    train_count: int = 0
    val_count: int = 0
    skipped: Dict[str, str] = field(default_factory=dict)  # path -> reason for unreadable images
    duplicate_groups: int = 0  # near-duplicate groups the validation split kept together
    final_fit: Optional[dict] = None  # finetune: {"images", "epochs", "seconds"} of the fit on every image

    def to_json(self) -> dict:
        """The result as plain JSON-able data."""
        return asdict(self)


class Reporter:
    """Turns training progress into ``TrainEvent``s and ``on_progress`` calls."""

    def __init__(self, on_progress: Optional[ProgressFn], on_event: Optional[Callable[[TrainEvent], None]]) -> None:
        self.on_progress = on_progress
        self.on_event = on_event
        self.epochs = 0

    def event(self, ev: TrainEvent) -> None:
        if self.on_event:
            self.on_event(ev)

    def stage(self, message: str) -> None:
        self.event(TrainEvent("stage", message=message))
        if self.on_progress:
            self.on_progress(0, 0, message)

    def log(self, message: str) -> None:
        self.event(TrainEvent("log", message=message))

    def progress(self, done: int, total: int, message: str) -> None:
        if self.on_progress:
            self.on_progress(done, total, message)

    def batch(self, epoch: int, step: int, steps: int, loss: float) -> None:
        self.event(TrainEvent("batch", epoch, self.epochs, step, steps, train_loss=loss))
        if self.on_progress:
            self.on_progress((epoch - 1) * steps + step, self.epochs * steps, f"epoch {epoch}/{self.epochs}")

    def epoch(self, record: dict) -> None:
        self.event(TrainEvent("epoch", record["epoch"], self.epochs, train_loss=record["train_loss"],
                              val_loss=record["val_loss"], val_acc=record["val_acc"],
                              message=_epoch_line(record, self.epochs)))


def _epoch_line(record: dict, epochs: int) -> str:
    val = "" if record["val_acc"] is None else f"  val loss {record['val_loss']:.3f}  val acc {record['val_acc']:.1%}"
    return f"epoch {record['epoch']:>3}/{epochs}  train loss {record['train_loss']:.3f}{val}"
