"""Head mode's views, chosen by cross-validation on the run's training images (views "auto", the default).

The views that help full illustrations (the top and face squares averaged with the whole picture)
hurt tight face crops, and the other way round, so no fixed choice suits every collection. Each view
of each image is embedded once (:mod:`~animeid_desktop.core.engine.view_features`); every candidate of
``HEAD_VIEW_CANDIDATES`` (those with the detected face only where OpenCV can find faces) is then scored
by stratified k-fold cross-validation of the head fit inside the training images only (the validation
images are left alone, so the run's validation figures stay honest), and the best is what the run trains
and saves.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from animeid_desktop.core.engine.features import FeatureExtractor
from animeid_desktop.core.engine.preprocess import Preprocessing, uses_detector
from animeid_desktop.core.engine.splits import stratified_folds
from animeid_desktop.core.engine.view_features import ViewFeatures, cached_view_features, view_cache, view_names
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.media import face_detection
from animeid_desktop.core.training.config import (
    HEAD_CV_FOLDS,
    HEAD_CV_MEMORY,
    HEAD_LR_SCALE,
    HEAD_VIEW_CANDIDATES,
    HEAD_VIEWS_KEPT_CHANGE,
    HEAD_VIEWS_KEPT_MIN_IMAGES,
)
from animeid_desktop.core.training.data import RunContext, Split
from animeid_desktop.core.training.head_cv import HeadRecipe, fold_predictions


@dataclass(frozen=True)
class HeadViewChoice:
    """The views a head run chose, and how every candidate cross-validated."""

    chosen: str  # a name of HEAD_VIEW_CANDIDATES
    prep: Preprocessing  # the run's preprocessing with the chosen views (what recognition uses)
    folds: int  # 0 when there were too few training images to cross-validate
    images: int  # training images cross-validated on
    scores: Dict[str, float]  # candidate -> accuracy on the held-out folds, pooled
    labelled: int  # labelled images of the run that cross-validated (the measure of "changed since")
    kept_from: Optional[str] = None  # the run that cross-validated, when this run kept its choice

    def to_json(self) -> dict:
        out = {"chosen": self.chosen, "folds": self.folds, "images": self.images, "labelled": self.labelled,
               "scores": {k: round(v, 4) for k, v in self.scores.items()}}
        return {**out, "kept_from": self.kept_from} if self.kept_from else out

    def line(self) -> str:
        """One log line: the choice and every candidate's score."""
        if self.kept_from:
            return (f"head views: {self.chosen}, kept from run {self.kept_from} (cross-validated on {self.images} "
                    f"training images; chosen again when the labelled images change by more than "
                    f"{HEAD_VIEWS_KEPT_CHANGE:.0%})")
        if not self.scores:
            return f"head views: {self.chosen} (too few training images to cross-validate)"
        scores = ", ".join(f"{k} {v:.1%}" for k, v in self.scores.items())
        return (f"head views: {self.chosen}, best of {self.folds}-fold cross-validation on {self.images} "
                f"training images ({scores})")


def candidate_prep(name: str, base: Preprocessing) -> Preprocessing:
    """``base`` with a candidate's views ("full+face") and resize method ("crop full+face": centre crop)."""
    method, _, views = name.rpartition(" ")
    return replace(base, method=method or base.method, views=views)


def candidates() -> Tuple[str, ...]:
    """``HEAD_VIEW_CANDIDATES``, without those that need the face detector where it is missing."""
    usable = face_detection.available()
    return tuple(c for c in HEAD_VIEW_CANDIDATES if usable or not uses_detector(c))


def candidate_views(base: Preprocessing) -> List[str]:
    """Every view any candidate needs, once each, by name."""
    names = [n for c in candidates() for n in view_names(candidate_prep(c, base))]
    return list(dict.fromkeys(names))


def kept_head_views(ctx: RunContext, base: Preprocessing, labelled: int) -> Optional[HeadViewChoice]:
    """The views the head run this one continues cross-validated on at least ``HEAD_VIEWS_KEPT_MIN_IMAGES``
    training images, while the labelled images (``labelled`` now) number within ``HEAD_VIEWS_KEPT_CHANGE`` of
    those they were chosen on; None: choose again."""
    parent = ctx.start.parent
    if not ctx.start.incremental or parent is None or parent.mode != "head":
        return None
    record = parent.metrics.get("head_views") or {}
    chosen, before = record.get("chosen"), record.get("labelled")
    if chosen not in candidates() or not record.get("folds") or not before:
        return None
    if record.get("images", 0) < HEAD_VIEWS_KEPT_MIN_IMAGES:  # a small library: choosing again is cheap and steadier
        return None
    if abs(labelled - before) > HEAD_VIEWS_KEPT_CHANGE * before:
        return None
    return HeadViewChoice(chosen=chosen, prep=candidate_prep(chosen, base), folds=int(record["folds"]),
                          images=int(record["images"]), scores=dict(record["scores"]), labelled=int(before),
                          kept_from=record.get("kept_from") or parent.id)


def head_view_features(lib: Library, ctx: RunContext, base: Preprocessing, rows: List[dict], *,
                       names: Optional[Sequence[str]] = None) -> ViewFeatures:
    """The features of the views ``names`` (default: every candidate's) of ``rows``, from the per-view
    caches, computing only what is missing."""
    weights_id = ctx.start.backbone_info["weights_id"]
    caches = {name: view_cache(lib.embeddings_dir, model=ctx.spec.name, weights_id=weights_id, prep=base, name=name)
              for name in (names or candidate_views(base))}
    ctx.report.stage("computing features")
    features = cached_view_features(
        caches, lambda: FeatureExtractor(ctx.start.backbone_factory(), base, ctx.device), rows,
        batch_size=max(ctx.config.batch_size, 32), on_progress=ctx.report.progress, should_stop=ctx.should_stop)
    cached = len({r["sha256"] for r in rows}) - features.computed - len(features.errors)
    ctx.report.log(f"features: {cached} from cache, {features.computed} computed ({len(caches)} views each)")
    return features


def candidate_matrix(features: ViewFeatures, rows: List[dict], prep: Preprocessing) -> np.ndarray:
    """A candidate's features of ``rows``, row by row (the mean of its views)."""
    combined = features.combined(prep)
    return np.stack([combined[r["sha256"]] for r in rows])


def cross_validate(ctx: RunContext, split: Split, features: ViewFeatures, base: Preprocessing, *,
                   folds: int) -> Dict[str, float]:
    """Each candidate's accuracy on held-out folds of the training images (head fits from zero; the
    candidates whose features fit ``HEAD_CV_MEMORY`` are trained side by side, on the same batches)."""
    c = ctx.config
    rows = [split.rows[i] for i in split.train_idx]
    y = split.y[split.train_idx]
    parts = [np.asarray(p) for p in stratified_folds([r["sha256"] for r in rows], y, folds, c.seed) if p]
    recipe = HeadRecipe(epochs=c.resolved_epochs(), lr=c.lr * HEAD_LR_SCALE, weight_decay=c.weight_decay,
                        batch_size=c.batch_size, mixup_alpha=c.mixup_alpha, label_smoothing=c.label_smoothing,
                        seed=c.seed)
    names = list(candidates())
    group = max(1, HEAD_CV_MEMORY // max(1, len(rows) * split.x.shape[1] * 4))
    scores: Dict[str, float] = {}
    for start in range(0, len(names), group):
        chunk = names[start : start + group]
        ctx.report.progress(start, len(names), f"cross-validating views: {', '.join(chunk)}")
        matrices = [candidate_matrix(features, rows, candidate_prep(name, base)) for name in chunk]
        pred = fold_predictions(matrices, y, parts, len(split.classes), recipe=recipe, should_stop=ctx.should_stop)
        scores.update({name: float((p == y).mean()) for name, p in zip(chunk, pred)})
    ctx.report.progress(len(names), len(names), "cross-validating views")
    return scores


def choose_head_views(ctx: RunContext, split: Split, features: ViewFeatures, base: Preprocessing, *,
                      labelled: int) -> Tuple[Split, HeadViewChoice]:
    """The split with the chosen candidate's features, and the choice (ties: the earlier candidate)."""
    folds = min(HEAD_CV_FOLDS, len(split.train_idx))
    scores: Dict[str, float] = {}
    if folds >= 2:
        ctx.report.stage(f"choosing views ({folds}-fold cross-validation)")
        scores = cross_validate(ctx, split, features, base, folds=folds)
    names = candidates()
    chosen = max(names, key=lambda n: (scores.get(n, 0.0), -names.index(n)))
    choice = HeadViewChoice(chosen=chosen, prep=candidate_prep(chosen, base), folds=folds if scores else 0,
                            images=len(split.train_idx), scores=scores, labelled=labelled)
    ctx.report.log(choice.line())
    return replace(split, x=candidate_matrix(features, split.rows, choice.prep)), choice
