"""Training a recogniser on a library's labelled images: ``head`` (default) or ``finetune`` mode.

Both modes: stratified validation split with a fixed seed, per-epoch history, best and final
validation accuracy, confusion matrix and per-class accuracy, a calibrated "unknown" threshold,
incremental start from the active model when the architecture matches, the best checkpoint
kept on cancel, atomic safetensors + JSON model files; the new run becomes the active model.
"""

from __future__ import annotations

import time
from dataclasses import asdict, replace
from typing import Callable, List, Optional

import numpy as np
import torch

from animeid_desktop import __version__
from animeid_desktop.core.engine import metrics
from animeid_desktop.core.engine.devices import pick_device, precision_name
from animeid_desktop.core.engine.features import EmbeddingCache, FeatureExtractor, cached_features, decode_stream
from animeid_desktop.core.engine.model_files import save_model
from animeid_desktop.core.engine.preprocess import (
    AUTO_VIEWS,
    METHODS,
    VIEW_CANDIDATES,
    VIEWS,
    Preprocessing,
    default_preprocessing,
    load_input,
)
from animeid_desktop.core.engine.registry import ModelSpec, Network, get_spec
from animeid_desktop.core.engine.splits import stratified_split
from animeid_desktop.core.errors import Cancelled, UserError
from animeid_desktop.core.library.folder import Library, utcnow
from animeid_desktop.core.library.runs import create_run, finish_run, new_run_id, run_dir, set_active
from animeid_desktop.core.progress import ProgressFn, StopFn
from animeid_desktop.core.training.config import (
    MODES,
    PROBE_EPOCHS,
    Reporter,
    TrainConfig,
    TrainEvent,
    TrainResult,
)
from animeid_desktop.core.training.data import (
    LabelledSet,
    StartPoint,
    active_parent,
    labelled_set,
    previous_per_class,
    require_trainable,
    start_point,
)
from animeid_desktop.core.training.finetune import (
    FACE_CROPS,
    MAX_FINAL_FITS,
    average_states,
    final_fit_epochs,
    finetune,
    training_store,
)
from animeid_desktop.core.training.head import HEAD_LR_SCALE, fit_head

__all__ = ["MODES", "TrainConfig", "TrainEvent", "TrainResult", "labelled_set_changed", "train"]


def labelled_set_changed(lib: Library) -> bool:
    """True when the labelled images/characters differ from what the active model was trained on."""
    current = labelled_set(lib)
    parent = active_parent(lib)
    if parent is None:
        return len(current.rows) > 0
    return parent.metrics.get("labelled_fingerprint") != current.fingerprint


def _check_config(config: TrainConfig) -> ModelSpec:
    spec = get_spec(config.model)
    if config.mode not in MODES:
        raise UserError(f"unknown training mode {config.mode!r}; use head or finetune")
    if config.resize not in METHODS:
        raise UserError(f"unknown resize method {config.resize!r}; use one of {', '.join(METHODS)}")
    if config.epochs is not None and config.epochs < 1:
        raise UserError("--epochs must be at least 1")
    if config.batch_size < 2:
        raise UserError("--batch-size must be at least 2")
    if config.image_size is not None and not 32 <= config.image_size <= 1024:
        raise UserError("--image-size must be between 32 and 1024 pixels")
    if config.views is not None and config.views not in VIEWS + (AUTO_VIEWS,):
        raise UserError(f"unknown views {config.views!r}; use one of {', '.join(VIEWS + (AUTO_VIEWS,))}")
    if config.views == AUTO_VIEWS and config.mode != "finetune":
        raise UserError("views 'auto' are chosen on validation while fine-tuning; use --mode finetune or "
                        "name the views")
    if config.freeze_fraction is not None and not 0.0 <= config.freeze_fraction < 1.0:
        raise UserError("the frozen share of the backbone must be between 0 and 1")
    if config.final_fits is not None and not 1 <= config.final_fits <= MAX_FINAL_FITS:
        raise UserError(f"the number of final fits must be between 1 and {MAX_FINAL_FITS}")
    if not 0.0 <= config.val_fraction < 0.9:
        raise UserError("the validation fraction must be between 0 and 0.9")
    return spec


def train(
    lib: Library,
    config: TrainConfig,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
    on_event: Optional[Callable[[TrainEvent], None]] = None,
) -> TrainResult:
    """Train a model on the library's labelled images; the new run becomes the active model.

    Raises :class:`UserError` for unusable settings or too little labelled data, and
    :class:`Cancelled` when stopped before the first epoch finished (later, the best checkpoint
    so far is saved and returned with ``cancelled=True``).
    """
    t0 = time.monotonic()
    spec = _check_config(config)
    report = Reporter(on_progress, on_event)
    data = labelled_set(lib)
    require_trainable(data)
    device = pick_device(config.device)
    report.stage("preparing")
    start = start_point(lib, spec, config.incremental, config.allow_download, report.progress, should_stop, report.log)
    run_id = new_run_id(spec.name)
    create_run(lib, run_id, spec.name, config.mode, start.parent.id if start.parent else None)
    try:
        result = _run(lib, run_id, spec, config, data, start, device, report, should_stop, t0)
    except Cancelled:
        finish_run(lib, run_id, "cancelled", seconds=time.monotonic() - t0)
        raise
    except BaseException:
        finish_run(lib, run_id, "failed", seconds=time.monotonic() - t0)
        raise
    return result


def _features(lib: Library, spec: ModelSpec, start: StartPoint, prep: Preprocessing, data: LabelledSet,
              device: torch.device, batch_size: int, report: Reporter, should_stop: Optional[StopFn]):
    cache = EmbeddingCache.for_library(lib.embeddings_dir, spec.name, start.backbone_info["weights_id"], prep)
    report.stage("computing features")
    feats, errors, new = cached_features(
        cache, lambda: FeatureExtractor(start.backbone_factory(), prep, device), data.rows, max(batch_size, 32),
        report.progress, should_stop,
    )
    report.log(f"features: {len(data.rows) - new - len(errors)} from cache, {new} computed")
    return feats, errors


def _run(lib: Library, run_id: str, spec: ModelSpec, config: TrainConfig, data: LabelledSet, start: StartPoint,
         device: torch.device, report: Reporter, should_stop: Optional[StopFn], t0: float) -> TrainResult:
    size = config.resolved_size(spec)
    flip = config.resolved_flip()
    views = config.resolved_views()
    probe_size = size if config.mode == "head" else spec.input_size  # the linear probe only initialises fc
    probe_prep = default_preprocessing(spec, probe_size, config.resize, flip=flip and config.mode == "head",
                                       views=views if config.mode == "head" else "full")
    feats, errors = _features(lib, spec, start, probe_prep, data, device, config.batch_size, report, should_stop)
    ok = [i for i, r in enumerate(data.rows) if r["sha256"] in feats]
    skipped = {data.rows[i]["path"]: errors.get(data.rows[i]["sha256"], "unreadable")
               for i in range(len(data.rows)) if data.rows[i]["sha256"] not in feats}
    for path, reason in list(skipped.items())[:20]:
        report.log(f"skipped {path}: {reason}")
    rows = [data.rows[i] for i in ok]
    y = data.y[ok]
    missing = [c for i, c in enumerate(data.classes) if not (y == i).any()]
    if missing:
        raise UserError(f"no readable image of {', '.join(missing)}; fix or relabel those files, then train again")
    groups, group_count = _duplicate_groups(lib, rows, config, report, should_stop)
    train_idx, val_idx = stratified_split([r["sha256"] for r in rows], y, config.val_fraction, config.seed, groups)
    x_all = np.stack([feats[r["sha256"]] for r in rows])
    epochs = config.resolved_epochs()
    previous = previous_per_class(start, data.classes, x_all[val_idx], y[val_idx])

    if config.mode == "head":
        report.epochs = epochs
        report.stage("training head")
        fit = fit_head(x_all[train_idx], y[train_idx], x_all[val_idx], y[val_idx], len(data.classes), epochs,
                       config.lr * HEAD_LR_SCALE, config.weight_decay, config.batch_size, config.mixup_alpha,
                       config.label_smoothing, config.seed, start.init_for(data.classes), report.epoch,
                       report.batch, should_stop)
        tensors = {"fc.weight": fit.weight, "fc.bias": fit.bias}
        backbone_info = dict(start.backbone_info)
        if backbone_info.get("in_file"):
            tensors.update({f"backbone.{k}": v for k, v in start.backbone_factory().state_dict().items()})
        prep, outcome = probe_prep, fit
    else:
        report.epochs = PROBE_EPOCHS
        report.stage("initialising the classifier")
        network = _probed_network(spec, config, start, x_all[train_idx], y[train_idx], x_all[val_idx], y[val_idx],
                                  data.classes, should_stop)
        choices = VIEW_CANDIDATES if views == AUTO_VIEWS else ()
        prep = default_preprocessing(spec, size, config.resize, flip=flip,
                                     views=VIEW_CANDIDATES[-1] if choices else views)
        report.stage("decoding validation images")
        val_images = _decode_uint8([rows[i]["path"] for i in val_idx], prep, size)
        report.epochs = epochs
        report.stage("fine-tuning")
        outcome = finetune(network, prep, [rows[i]["path"] for i in train_idx], y[train_idx], val_images, y[val_idx],
                           epochs, config.lr, config.weight_decay, config.batch_size, config.mixup_alpha,
                           config.label_smoothing, device, seed=config.seed, tta_flip=flip,
                           freeze_fraction=config.resolved_freeze(), face_crops=FACE_CROPS, view_choices=choices,
                           on_epoch=report.epoch,
                           on_batch=report.batch, on_progress=report.progress, should_stop=should_stop)
        tensors = dict(outcome.state)
        prep = replace(prep, views=outcome.views)
        if choices:
            report.log(f"test-time views: {outcome.views} (best on validation)")
        if config.resolved_refit() and len(val_idx) and not outcome.cancelled:
            refit = _refit_all(spec, config, start, prep, rows, y, x_all, data.classes, epochs, device, report,
                               should_stop)
            if refit is not None:
                tensors, outcome.refit = refit
        backbone_info = {"source": "finetuned", "weights_id": f"run:{run_id}", "in_file": True,
                         "initial": start.backbone_info}

    report.stage("saving")
    return _finish(lib, run_id, spec, config, data, start, rows, y, train_idx, val_idx, prep, outcome, tensors,
                   backbone_info, previous, skipped, device, t0, duplicate_groups=group_count)


def _probed_network(spec: ModelSpec, config: TrainConfig, start: StartPoint, x_train: np.ndarray, y_train: np.ndarray,
                    x_val: np.ndarray, y_val: np.ndarray, classes: List[str],
                    should_stop: Optional[StopFn]) -> Network:
    """A fresh network from the start point whose classifier starts from a linear probe on cached features."""
    probe = fit_head(x_train, y_train, x_val, y_val, len(classes), PROBE_EPOCHS, config.lr * HEAD_LR_SCALE,
                     config.weight_decay, config.batch_size, config.mixup_alpha, config.label_smoothing,
                     config.seed, start.init_for(classes), None, None, should_stop)
    network = Network(start.backbone_factory(), spec.feature_dim, len(classes))
    with torch.no_grad():
        network.fc.weight.copy_(probe.weight)
        network.fc.bias.copy_(probe.bias)
    return network


def _refit_all(spec: ModelSpec, config: TrainConfig, start: StartPoint, prep: Preprocessing, rows: List[dict],
               y: np.ndarray, x_all: np.ndarray, classes: List[str], epochs: int, device: torch.device,
               report: Reporter, should_stop: Optional[StopFn]):
    """The final fit: the same recipe again on every labelled image (validation included), last epoch
    kept; with ``config.final_fits`` > 1, that many with different seeds, averaged weight by weight.

    Returns (tensors, summary), or None when cancelled before the first fit finished (the validated
    network is kept then); cancelled later, the fits that finished are kept."""
    t0 = time.monotonic()
    fits = config.resolved_final_fits()
    fit_epochs = final_fit_epochs(epochs)
    empty = torch.zeros((0, 3, prep.size, prep.size), dtype=torch.uint8)
    states: List[dict] = []
    store = None
    for k in range(fits):
        name = f"final fit {k + 1} of {fits}" if fits > 1 else "final fit"
        report.stage(f"{name} on all {len(rows)} images")

        def on_batch(epoch: int, step: int, steps: int, loss: float, k: int = k, name: str = name) -> None:
            report.progress((k * fit_epochs + epoch - 1) * steps + step, fits * fit_epochs * steps,
                            f"{name}: epoch {epoch}/{fit_epochs}")

        def on_epoch(record: dict, name: str = name) -> None:
            report.log(f"{name}: epoch {record['epoch']}/{fit_epochs}  train loss {record['train_loss']:.3f}")

        try:
            if store is None:  # decoded once for every fit
                store = training_store([r["path"] for r in rows], prep, FACE_CROPS, report.progress, should_stop)
            network = _probed_network(spec, config, start, x_all, y, x_all[:0], y[:0], classes, should_stop)
            out = finetune(network, prep, [r["path"] for r in rows], y, empty, y[:0], fit_epochs, config.lr,
                           config.weight_decay, config.batch_size, config.mixup_alpha, config.label_smoothing,
                           device, seed=config.seed + 1000 * k, tta_flip=False,
                           freeze_fraction=config.resolved_freeze(), face_crops=FACE_CROPS, store=store,
                           on_epoch=on_epoch, on_batch=on_batch, on_progress=report.progress,
                           should_stop=should_stop)
        except Cancelled:
            out = None
        if out is None or out.cancelled:
            break
        states.append(out.state)
    if not states:
        report.log("final fit cancelled: keeping the network trained without the validation images")
        return None
    if len(states) < fits:
        report.log(f"final fit cancelled: keeping the {len(states)} finished fit(s) of {fits}")
    summary = {"images": len(rows), "epochs": fit_epochs, "fits": len(states),
               "seconds": round(time.monotonic() - t0, 1)}
    return average_states(states), summary


def _duplicate_groups(lib: Library, rows: List[dict], config: TrainConfig, report: Reporter,
                      should_stop: Optional[StopFn]):
    """Near-duplicate group per row (None = none) for the split, and the number of groups."""
    if not config.duplicate_aware_split:
        return None, 0
    from animeid_desktop.core.engine.near_duplicates import split_groups

    report.stage("finding near-duplicates")
    groups, count = split_groups(lib, [r["id"] for r in rows], on_progress=report.progress, should_stop=should_stop)
    if count:
        report.log(f"{count} near-duplicate group(s) kept on one side of the validation split")
    return groups, count


def _decode_uint8(paths: List[str], prep: Preprocessing, size: int) -> torch.Tensor:
    """uint8 validation images, (N, 3, S, S) or (N, V, 3, S, S) with several views (unreadable
    ones were already excluded by feature extraction)."""
    blank = np.full((prep.n_views, size, size, 3) if prep.n_views > 1 else (size, size, 3), 255, np.uint8)
    arrays = [dec.array if dec.array is not None else blank
              for dec in decode_stream(paths, lambda p: load_input(p, prep))]
    if not arrays:
        return torch.zeros((0, 3, size, size), dtype=torch.uint8)
    return torch.from_numpy(np.stack(arrays)).movedim(-1, -3).contiguous()


def _finish(lib, run_id, spec, config, data, start, rows, y, train_idx, val_idx, prep, outcome, tensors,
            backbone_info, previous, skipped, device, t0, duplicate_groups: int = 0) -> TrainResult:
    y_val = y[val_idx]
    probs = outcome.val_probs
    pred = probs.argmax(1) if len(y_val) else np.zeros(0, dtype=np.int64)
    top = probs.max(1) if len(y_val) else np.zeros(0)
    threshold = metrics.calibrate_threshold(top, pred == y_val, len(data.classes))
    per_class = metrics.per_class_accuracy(y_val, pred, data.classes)
    confusion = metrics.confusion_matrix(y_val, pred, len(data.classes))
    val_items = [{"image_id": int(rows[i]["id"]), "true": data.classes[int(t)], "pred": data.classes[int(p)],
                  "score": round(float(s), 4)} for i, t, p, s in zip(val_idx, y_val, pred, top)]
    parent = start.parent
    prev_best = parent.best_val_acc if parent else None
    seconds = time.monotonic() - t0
    result_metrics = {
        "per_class_acc": per_class,
        "confusion": confusion,
        "history": outcome.history,
        "best_epoch": outcome.best_epoch,
        "kept_epoch": outcome.kept_epoch,
        "kept_val_acc": getattr(outcome, "kept_val_acc", outcome.best_val_acc),
        "final_fit": getattr(outcome, "refit", None),
        "val_items": val_items,
        "threshold": threshold,
        "threshold_report": metrics.threshold_report(top, pred == y_val, threshold),
        "previous_best_val_acc": prev_best,
        "previous_per_class_acc": previous,
        "incremental": start.incremental,
        "train_count": len(train_idx),
        "val_count": len(val_idx),
        "duplicate_groups": duplicate_groups,
        "skipped": len(skipped),
        "labelled_fingerprint": data.fingerprint,
        "config": asdict(config),
        "device": str(device),
        "precision": precision_name(device),
    }
    meta = {
        "run_id": run_id,
        "model": spec.name,
        "mode": config.mode,
        "classes": data.classes,
        "preprocessing": prep.to_json(),
        "backbone": backbone_info,
        "pretrained": start.pretrained,
        "threshold": threshold,
        "metrics": {k: v for k, v in result_metrics.items() if k != "val_items"},
        "parent_run_id": parent.id if parent else None,
        "created_at": utcnow(),
        "app_version": __version__,
        "torch_version": torch.__version__,
    }
    path = save_model(run_dir(lib, run_id), tensors, meta)
    status = "cancelled" if outcome.cancelled else "done"
    finish_run(lib, run_id, status, classes=data.classes, pretrained=start.pretrained,
               best_val_acc=outcome.best_val_acc, final_val_acc=outcome.final_val_acc, seconds=seconds,
               path=str(path), metrics=result_metrics)
    set_active(lib, run_id)
    return TrainResult(
        run_id=run_id, model=spec.name, mode=config.mode, classes=data.classes, pretrained=start.pretrained,
        best_val_acc=outcome.best_val_acc, final_val_acc=outcome.final_val_acc, per_class_acc=per_class,
        confusion=confusion, val_items=val_items, seconds=seconds, path=str(path), history=outcome.history,
        previous_per_class_acc=previous, cancelled=outcome.cancelled, threshold=threshold,
        previous_best_val_acc=prev_best, parent_run_id=parent.id if parent else None,
        incremental=start.incremental, train_count=len(train_idx), val_count=len(val_idx), skipped=skipped,
        duplicate_groups=duplicate_groups, final_fit=result_metrics["final_fit"],
    )
