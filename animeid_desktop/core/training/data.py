"""What a training run starts from: the labelled set, its fingerprint, the starting model and the split."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import numpy as np
import torch
from torch import nn

from animeid_desktop.core.engine.model_files import load_meta
from animeid_desktop.core.engine.registry import ModelSpec
from animeid_desktop.core.engine.saved_models import read_classifier, saved_backbone
from animeid_desktop.core.engine.weights import find_weights, pretrained_backbone, resolve_weights
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.labels import training_problem
from animeid_desktop.core.library.runs import USABLE, Run, SkippedImage, active_run_id, get_run
from animeid_desktop.core.progress import ProgressFn, StopFn
from animeid_desktop.core.training.config import Reporter, TrainConfig, default_model
from animeid_desktop.core.training.face_rows import training_rows


@dataclass
class LabelledSet:
    """The labelled, ok images of a library: rows ``id, sha256, path, character`` and class indices.

    Rows are the single-character images (the whole picture stands for its character) and the crops
    of labels with a face box (:mod:`~animeid_desktop.core.training.face_rows`); group shots lacking
    boxes are left out, each with the reason, for the run's skipped-images report.
    """

    rows: List[dict]
    classes: List[str]
    y: np.ndarray
    fingerprint: str
    group_shots: Tuple[SkippedImage, ...] = ()

    @property
    def labelled_count(self) -> int:
        """Labelled ok images, group shots included (an image with crops counts once)."""
        return len({r["id"] for r in self.rows}) + len(self.group_shots)


def fingerprint_rows(rows: List[dict]) -> str:
    """A hash of (image content, character) pairs: changes exactly when the labelled set changes."""
    h = hashlib.sha256()
    for line in sorted(f"{r['sha256']}\t{r['character']}" for r in rows):
        h.update(line.encode("utf-8") + b"\n")
    return h.hexdigest()[:32]


def labelled_set(lib: Library) -> LabelledSet:
    """The current labelled set; classes sorted by name."""
    found = training_rows(lib)
    rows = found.rows
    classes = sorted({r["character"] for r in rows}, key=lambda n: (n.casefold(), n))
    index = {c: i for i, c in enumerate(classes)}
    y = np.array([index[r["character"]] for r in rows], dtype=np.int64)
    return LabelledSet(rows, classes, y, fingerprint_rows(rows), found.left_out)


def require_trainable(data: LabelledSet) -> None:
    """A :class:`UserError` unless the labelled set passes :func:`training_problem`."""
    problem = training_problem({c: int((data.y == i).sum()) for i, c in enumerate(data.classes)})
    if problem:
        raise UserError(problem)


@dataclass
class StartPoint:
    """Where a new run's weights come from."""

    backbone_info: dict  # {"source", "weights_id", "path", "in_file", ...}
    pretrained: bool
    backbone_factory: Callable[[], nn.Module]
    parent: Optional[Run] = None  # the active run's row, when there is one
    incremental: bool = False  # True when the run starts from the parent's weights
    parent_classes: List[str] = field(default_factory=list)
    parent_fc: Optional[tuple] = None  # (weight, bias) of the parent, raw-feature space

    def rows_for(self, classes: List[str]) -> List[Optional[int]]:
        """For each parent class row, its index among ``classes`` (None when the class is gone)."""
        index = {c: i for i, c in enumerate(classes)}
        return [index.get(c) for c in self.parent_classes]

    def init_for(self, classes: List[str]) -> Optional[tuple]:
        """``(weight, bias, rows)`` for the head trainer, or None when not incremental."""
        if not self.incremental or self.parent_fc is None:
            return None
        return self.parent_fc[0], self.parent_fc[1], self.rows_for(classes)


def active_parent(lib: Library) -> Optional[Run]:
    """The active run's row when its model files are present."""
    run_id = active_run_id(lib)
    if not run_id:
        return None
    try:
        run = get_run(lib, run_id)
    except UserError:
        return None
    if run.status not in USABLE or not run.path or not Path(run.path).is_dir():
        return None
    return run


def model_for(lib: Library, config: TrainConfig) -> str:
    """The model a run of ``config`` trains: the named one; unnamed, a head run that continues a model whose
    backbone was fine-tuned keeps that backbone, any other run takes its mode's default."""
    if config.model:
        return config.model
    parent = active_parent(lib) if config.mode == "head" and config.incremental else None
    if parent is not None and load_meta(parent.path).get("backbone", {}).get("source") in ("finetuned", "run"):
        return parent.model
    return default_model(config.mode)


def start_point(
    lib: Library,
    spec: ModelSpec,
    incremental: bool,
    allow_download: bool = True,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
    on_log: Optional[Callable[[str], None]] = None,
) -> StartPoint:
    """Start from the active model when it has the same architecture, else from pretrained weights."""
    parent = active_parent(lib)
    if incremental and parent is not None and parent.model == spec.name:
        try:
            meta, weight, bias = read_classifier(parent.path)
            info = dict(meta["backbone"])
            if not info.get("in_file"):
                found = find_weights(spec.name)
                if found is None or found.weights_id != info["weights_id"]:
                    raise UserError(f"its pretrained weights {info['weights_id']} are no longer available")
            if meta["mode"] == "finetune":
                info = {"source": "run", "run_id": parent.id, "weights_id": info["weights_id"], "in_file": True}
            path = parent.path
            return StartPoint(
                backbone_info=info,
                pretrained=bool(meta.get("pretrained")),
                backbone_factory=lambda: saved_backbone(path),
                parent=parent,
                incremental=True,
                parent_classes=list(meta["classes"]),
                parent_fc=(weight.float(), bias.float()),
            )
        except UserError as exc:
            if on_log:
                on_log(f"cannot start from the active model {parent.id} ({exc}); starting afresh")
    ws = resolve_weights(spec.name, allow_download, on_progress, should_stop, on_log)
    info = {"source": ws.source, "weights_id": ws.weights_id, "path": ws.path, "in_file": not ws.pretrained}
    return StartPoint(info, ws.pretrained, lambda: pretrained_backbone(spec, ws), parent=parent)


def previous_per_class(
    start: StartPoint, classes: List[str], val_features: np.ndarray, y_val: np.ndarray
) -> Optional[Dict[str, float]]:
    """Per-class validation accuracy of the starting (parent) model on this run's validation images.

    Only for classes the parent knew; the parent answers among its own classes. None when the run
    is not incremental.
    """
    if not start.incremental or start.parent_fc is None or len(y_val) == 0:
        return None
    weight, bias = start.parent_fc
    rows = start.rows_for(classes)
    with torch.no_grad():
        logits = torch.as_tensor(val_features, dtype=torch.float32) @ weight.T + bias
    parent_pred = logits.argmax(1).numpy()
    mapped = np.array([rows[p] if rows[p] is not None else -1 for p in parent_pred])
    out: Dict[str, float] = {}
    for old in start.parent_classes:
        if old not in classes:
            continue
        i = classes.index(old)
        mask = y_val == i
        if mask.any():
            out[old] = float((mapped[mask] == i).mean())
    return out


@dataclass(frozen=True)
class Split:
    """The usable labelled rows of a run, their labels and cached features, split for validation."""

    rows: List[dict]
    y: np.ndarray
    x: np.ndarray  # features (cached, from the starting backbone)
    train_idx: List[int]
    val_idx: List[int]
    classes: List[str]

    def paths(self, indices: List[int]) -> List[str]:
        return [self.rows[i]["path"] for i in indices]


@dataclass(frozen=True)
class RunContext:
    """What every stage of a run uses: settings, starting point, device, reporting and cancelling."""

    spec: ModelSpec
    config: TrainConfig
    start: StartPoint
    device: torch.device
    report: Reporter
    should_stop: Optional[StopFn]
