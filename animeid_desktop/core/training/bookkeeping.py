"""Run bookkeeping: a run's figures computed once, its model files saved, its row finished, made active."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch

from animeid_desktop import __version__
from animeid_desktop.core.engine import metrics
from animeid_desktop.core.engine.devices import precision_name
from animeid_desktop.core.engine.model_files import save_model
from animeid_desktop.core.engine.openset import OpenSet
from animeid_desktop.core.engine.openset_text import summary
from animeid_desktop.core.engine.preprocess import Preprocessing
from animeid_desktop.core.library.folder import Library, utcnow
from animeid_desktop.core.library.runs import finish_run, get_run, run_dir, set_active
from animeid_desktop.core.training.config import SkippedImage, TrainResult
from animeid_desktop.core.training.data import LabelledSet, RunContext, Split
from animeid_desktop.core.training.face_rows import detected_by_run
from animeid_desktop.core.training.loop import FitOutcome


@dataclass(frozen=True)
class RunRecord:
    """What a run trained on, apart from the fit itself."""

    run_id: str
    ctx: RunContext
    data: LabelledSet
    split: Split
    skipped: Tuple[SkippedImage, ...]  # labelled images without features (unreadable, missing, ...)
    duplicate_groups: int  # near-duplicate groups the validation split kept together
    previous_per_class: Optional[Dict[str, float]]
    started: float  # ``time.monotonic()`` when the run started
    openset: Optional[OpenSet] = None  # the open-set calibration ("unknown"), when the run has one


@dataclass(frozen=True)
class Trained:
    """What a training mode produced: the validated fit and the files to save."""

    fit: FitOutcome
    tensors: Dict[str, torch.Tensor]
    prep: Preprocessing
    backbone_info: dict
    final_fit: Optional[dict] = None  # finetune: {"images", "epochs", "fits", "seconds"} of the final fits
    skipped: Tuple[SkippedImage, ...] = ()  # training images the fits could not decode
    head_views: Optional[dict] = None  # head "auto": the chosen views and every candidate's CV accuracy


def skipped_images(lib: Library, run_id: str) -> List[SkippedImage]:
    """The labelled images run ``run_id`` could not use (empty for runs stored before the list was kept)."""
    return get_run(lib, run_id).skipped


def _all_skipped(run: RunRecord, trained: Trained) -> List[SkippedImage]:
    seen = {s.path for s in run.skipped}
    return [*run.data.group_shots, *run.skipped, *(s for s in dict.fromkeys(trained.skipped) if s.path not in seen)]


def _figures(run: RunRecord, trained: Trained) -> dict:
    """The run's figures, computed once: the run row's metrics, ``meta.json``'s and the result's."""
    split, fit, classes = run.split, trained.fit, run.data.classes
    y_val = split.y[split.val_idx]
    probs = fit.val_probs
    pred = probs.argmax(1) if len(y_val) else np.zeros(0, dtype=np.int64)
    top = probs.max(1) if len(y_val) else np.zeros(0)
    threshold = metrics.calibrate_threshold(top, pred == y_val, len(classes))
    parent = run.ctx.start.parent
    return {
        "per_class_acc": metrics.per_class_accuracy(y_val, pred, classes),
        "confusion": metrics.confusion_matrix(y_val, pred, len(classes)),
        "history": fit.history,
        "best_epoch": fit.best_epoch,
        "kept_epoch": fit.kept_epoch,
        "kept_val_acc": fit.kept_val_acc,
        "final_fit": trained.final_fit,
        "head_views": trained.head_views,
        "val_items": [{"image_id": int(split.rows[i]["id"]), "true": classes[int(t)], "pred": classes[int(p)],
                       "score": round(float(s), 4)} for i, t, p, s in zip(split.val_idx, y_val, pred, top)],
        "threshold": threshold,
        "threshold_report": metrics.threshold_report(top, pred == y_val, threshold),
        "previous_best_val_acc": parent.best_val_acc if parent else None,
        "previous_per_class_acc": run.previous_per_class,
        "incremental": run.ctx.start.incremental,
        "train_count": len(split.train_idx),
        "val_count": len(split.val_idx),
        "duplicate_groups": run.duplicate_groups,
        "labelled_count": run.data.labelled_count,
        "detected_face_crops": sum(map(detected_by_run, split.rows)),
        "skipped": [asdict(s) for s in _all_skipped(run, trained)],
        "labelled_fingerprint": run.data.fingerprint,
        "config": asdict(run.ctx.config),
        "device": str(run.ctx.device),
        "precision": precision_name(run.ctx.device),
        "openset": summary(run.openset.figures) if run.openset else None,
    }


def finish(lib: Library, *, run: RunRecord, trained: Trained) -> TrainResult:
    """Save the model files, finish the run's row with its figures and make it the active model."""
    ctx, fit, classes = run.ctx, trained.fit, run.data.classes
    figures = _figures(run, trained)
    tensors, openset_meta = dict(trained.tensors), None
    if run.openset is not None:
        extra, openset_meta = run.openset.to_files()
        tensors.update(extra)
    parent_id = ctx.start.parent.id if ctx.start.parent else None
    meta = {
        "run_id": run.run_id, "model": ctx.spec.name, "mode": ctx.config.mode, "classes": classes,
        "preprocessing": trained.prep.to_json(), "backbone": trained.backbone_info,
        "pretrained": ctx.start.pretrained, "threshold": figures["threshold"],
        "metrics": {k: v for k, v in figures.items() if k != "val_items"},
        "parent_run_id": parent_id, "created_at": utcnow(), "app_version": __version__,
        "torch_version": torch.__version__, "openset": openset_meta,
    }
    path = str(save_model(run_dir(lib, run.run_id), tensors, meta))
    seconds = time.monotonic() - run.started
    finish_run(lib, run.run_id, "cancelled" if fit.cancelled else "done", classes=classes,
               pretrained=ctx.start.pretrained, best_val_acc=fit.best_val_acc, final_val_acc=fit.final_val_acc,
               seconds=seconds, path=path, metrics=figures)
    set_active(lib, run.run_id)
    shared = ("per_class_acc", "confusion", "val_items", "history", "threshold", "previous_best_val_acc",
              "incremental", "train_count", "val_count", "duplicate_groups", "labelled_count", "detected_face_crops",
              "final_fit", "head_views", "openset")
    return TrainResult(
        run_id=run.run_id, model=ctx.spec.name, mode=ctx.config.mode, classes=classes,
        pretrained=ctx.start.pretrained, best_val_acc=fit.best_val_acc, final_val_acc=fit.final_val_acc,
        seconds=seconds, path=path, previous_per_class_acc=figures["previous_per_class_acc"],
        cancelled=fit.cancelled, parent_run_id=parent_id,
        skipped=[SkippedImage(**s) for s in figures["skipped"]], **{k: figures[k] for k in shared},
    )
