"""Training a recogniser on a library's labelled images: ``head`` (default) or ``finetune`` mode.

Both modes: stratified validation split with a fixed seed, per-epoch history, best and final
validation accuracy, confusion matrix and per-class accuracy, a calibrated "unknown" threshold,
incremental start from the active model when the architecture matches, the best checkpoint
kept on cancel, atomic safetensors + JSON model files; the new run becomes the active model.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Callable, Dict, List, Optional, Tuple

import numpy as np

from animeid_desktop.core.engine.devices import pick_device
from animeid_desktop.core.engine.features import EmbeddingCache, FeatureExtractor, cached_features
from animeid_desktop.core.engine.preprocess import AUTO_VIEWS, METHODS, VIEWS, Preprocessing, default_preprocessing
from animeid_desktop.core.engine.registry import ModelSpec, get_spec
from animeid_desktop.core.engine.splits import stratified_split
from animeid_desktop.core.engine.view_features import view_names
from animeid_desktop.core.errors import Cancelled, UserError
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.runs import create_run, finish_run, new_run_id
from animeid_desktop.core.progress import ProgressFn, StopFn
from animeid_desktop.core.training.bookkeeping import RunRecord, finish, skipped_images
from animeid_desktop.core.training.config import (
    HEAD_VIEW_CANDIDATES,
    MAX_FINAL_FITS,
    MODES,
    Reporter,
    SkippedImage,
    TrainConfig,
    TrainEvent,
    TrainResult,
    default_model,
)
from animeid_desktop.core.training.data import (
    LabelledSet,
    RunContext,
    Split,
    active_parent,
    labelled_set,
    model_for,
    previous_per_class,
    require_trainable,
    start_point,
)
from animeid_desktop.core.training.detected_faces import with_detected_faces
from animeid_desktop.core.training.face_rows import detected_by_run, write_crops
from animeid_desktop.core.training.head_views import (
    candidate_prep,
    choose_head_views,
    head_view_features,
    kept_head_views,
)
from animeid_desktop.core.training.modes import train_finetune, train_head
from animeid_desktop.core.training.openset import calibrate_run

__all__ = ["MODES", "SkippedImage", "TrainConfig", "TrainEvent", "TrainResult", "default_model", "model_for",
           "labelled_set_changed", "skipped_images", "train"]


def labelled_set_changed(lib: Library) -> bool:
    """True when the labelled images/characters differ from what the active model was trained on."""
    current = labelled_set(lib)
    parent = active_parent(lib)
    if parent is None:
        return len(current.rows) > 0
    return parent.metrics.get("labelled_fingerprint") != current.fingerprint


def _check_config(config: TrainConfig, model: str) -> ModelSpec:
    spec = get_spec(model)
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
    spec = _check_config(config, model_for(lib, config))
    report = Reporter(on_progress, on_event)
    data = labelled_set(lib)
    require_trainable(data)
    for s in data.group_shots[:20]:
        report.log(f"skipped {s.path}: {s.reason}")
    device = pick_device(config.device)
    report.stage("preparing")
    start = start_point(lib, spec, config.incremental, config.allow_download, report.progress, should_stop, report.log)
    ctx = RunContext(spec=spec, config=config, start=start, device=device, report=report, should_stop=should_stop)
    run_id = new_run_id(spec.name)
    create_run(lib, run_id, spec.name, config.mode, start.parent.id if start.parent else None)
    try:
        return _run(lib, run_id, ctx, data, t0)
    except Cancelled:
        finish_run(lib, run_id, "cancelled", seconds=time.monotonic() - t0)
        raise
    except BaseException:
        finish_run(lib, run_id, "failed", seconds=time.monotonic() - t0)
        raise


def _features(lib: Library, ctx: RunContext, prep: Preprocessing,
              rows: List[dict]) -> Tuple[Dict[str, np.ndarray], Dict[str, str]]:
    """Cached features of the labelled images by content hash, and the reasons of those without any."""
    cache = EmbeddingCache.for_library(lib.embeddings_dir, ctx.spec.name, ctx.start.backbone_info["weights_id"], prep)
    ctx.report.stage("computing features")
    feats, errors, new = cached_features(
        cache, lambda: FeatureExtractor(ctx.start.backbone_factory(), prep, ctx.device), rows,
        max(ctx.config.batch_size, 32), ctx.report.progress, ctx.should_stop,
    )
    ctx.report.log(f"features: {len(rows) - new - len(errors)} from cache, {new} computed")
    return feats, errors


def _run(lib: Library, run_id: str, ctx: RunContext, data: LabelledSet, t0: float) -> TrainResult:
    config, spec = ctx.config, ctx.spec
    if config.detected_faces:
        data = with_detected_faces(lib, data, report=ctx.report, should_stop=ctx.should_stop)
    head = config.mode == "head"
    auto = head and config.resolved_views() == AUTO_VIEWS
    prep = default_preprocessing(spec, config.resolved_size(spec) if head else spec.input_size, config.resize,
                                 flip=config.resolved_flip() and head,
                                 views=config.resolved_views() if head and not auto else "full")
    crop_errors = write_crops(data.rows, ctx.should_stop)  # face crops become files, read like pictures
    rows = [r for r in data.rows if r["sha256"] not in crop_errors]
    kept = kept_head_views(ctx, prep, data.labelled_count) if auto else None  # a retrain's views, when kept
    views = None
    if auto:  # each view embedded once: every candidate's, or the kept choice's
        views = head_view_features(lib, ctx, prep, rows, names=view_names(kept.prep) if kept else None)
        first = kept.prep if kept else candidate_prep(HEAD_VIEW_CANDIDATES[0], prep)
        feats, errors = views.combined(first), views.errors
    else:
        feats, errors = _features(lib, ctx, prep, rows)
    errors = {**errors, **crop_errors}
    skipped = tuple(SkippedImage(r.get("source", r["path"]), errors.get(r["sha256"], "unreadable"))
                    for r in data.rows if r["sha256"] not in feats)
    for s in skipped[:20]:
        ctx.report.log(f"skipped {s.path}: {s.reason}")
    split, groups = _split(lib, ctx, data, feats)
    choice = kept
    if kept is not None:
        ctx.report.log(kept.line())
    elif views is not None:
        split, choice = choose_head_views(ctx, split, views, prep, labelled=data.labelled_count)
    prep = choice.prep if choice else prep
    previous = previous_per_class(ctx.start, data.classes, split.x[split.val_idx], split.y[split.val_idx])
    if head:
        trained = train_head(ctx, split, prep, head_views=choice.to_json() if choice else None)
    else:
        trained = train_finetune(ctx, split, run_id)
    fc = (trained.tensors["fc.weight"].numpy(), trained.tensors["fc.bias"].numpy()) if head else None
    openset = None if trained.fit.cancelled else calibrate_run(lib, ctx, split, prep, fc=fc)
    ctx.report.stage("saving")
    record = RunRecord(run_id=run_id, ctx=ctx, data=data, split=split, skipped=skipped, duplicate_groups=groups,
                       previous_per_class=previous, started=t0, openset=openset)
    return finish(lib, run=record, trained=trained)


def _split(lib: Library, ctx: RunContext, data: LabelledSet, feats: Dict[str, np.ndarray]) -> Tuple[Split, int]:
    """The rows with features, split for validation (near-duplicates kept together), and the group count.
    The split is made without the crops of detected faces, so validation holds exactly the pictures (and
    labelled boxes) it would hold without them; a detected crop trains with its picture, or is left out
    when its picture validates."""
    ok = [i for i, r in enumerate(data.rows) if r["sha256"] in feats]
    rows = [data.rows[i] for i in ok]
    y = data.y[ok]
    missing = [c for i, c in enumerate(data.classes) if not (y == i).any()]
    if missing:
        raise UserError(f"no readable image of {', '.join(missing)}; fix or relabel those files, then train again")
    labelled = [i for i, r in enumerate(rows) if not detected_by_run(r)]
    groups, group_count = _duplicate_groups(lib, [rows[i] for i in labelled], ctx)
    groups = same_image_groups([rows[i]["id"] for i in labelled], groups)
    _, val = stratified_split([rows[i]["sha256"] for i in labelled], y[labelled], ctx.config.val_fraction,
                              ctx.config.seed, groups)
    held = {rows[labelled[i]]["id"] for i in val}
    kept = [i for i, r in enumerate(rows) if not detected_by_run(r) or r["id"] not in held]
    rows, y = [rows[i] for i in kept], y[kept]
    val_idx = [i for i, r in enumerate(rows) if r["id"] in held]
    train_idx = [i for i, r in enumerate(rows) if r["id"] not in held]
    x = np.stack([feats[r["sha256"]] for r in rows])
    return Split(rows=rows, y=y, x=x, train_idx=train_idx, val_idx=val_idx, classes=data.classes), group_count


def _duplicate_groups(lib: Library, rows: List[dict], ctx: RunContext) -> Tuple[Optional[list], int]:
    """Near-duplicate group per row (None = none) for the split, and the number of groups."""
    if not ctx.config.duplicate_aware_split:
        return None, 0
    from animeid_desktop.core.engine.near_duplicates import split_groups

    ctx.report.stage("finding near-duplicates")
    ids = list(dict.fromkeys(r["id"] for r in rows))  # a picture and its crops: one image
    groups, count = split_groups(lib, ids, on_progress=ctx.report.progress, should_stop=ctx.should_stop)
    if count:
        ctx.report.log(f"{count} near-duplicate group(s) kept on one side of the validation split")
    by_id = dict(zip(ids, groups))
    return [by_id[r["id"]] for r in rows], count


def same_image_groups(image_ids: List[int], groups: Optional[List[Optional[int]]]) -> Optional[List[Optional[int]]]:
    """Split groups that also keep the rows of one image (its picture and face crops) on one side.

    ``groups`` (near-duplicate group per row, or None) is extended: rows of an image already in a group
    join it, other images with several rows get a group of their own. None when every image has one row
    and there were no groups.
    """
    repeated = {i for i, n in Counter(image_ids).items() if n > 1}
    if not repeated:
        return groups
    out = list(groups) if groups is not None else [None] * len(image_ids)
    by_image = {i: g for i, g in zip(image_ids, out) if g is not None}
    fresh = max((g for g in out if g is not None), default=-1) + 1
    for n, image_id in enumerate(image_ids):
        if image_id in repeated and image_id not in by_image:
            by_image[image_id], fresh = fresh, fresh + 1
        out[n] = by_image.get(image_id, out[n])
    return out
