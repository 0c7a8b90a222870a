"""Open-set calibration during a run: hold some labelled characters out to learn where "not one of mine"
begins (no unlabelled pictures needed). Works on general backbone features in both modes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, List, Optional, Tuple

import numpy as np

from animeid_desktop.core.engine import openset as ops
from animeid_desktop.core.engine.features import EmbeddingCache, FeatureExtractor, cached_features
from animeid_desktop.core.engine.openset_text import sentence
from animeid_desktop.core.engine.preprocess import Preprocessing
from animeid_desktop.core.engine.weights import pretrained_backbone
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.training.config import (
    HEAD_EPOCHS,
    HEAD_LR_SCALE,
    OPENSET_HEAD_EPOCHS,
    OPENSET_HELD_OUT_SHARE,
    OPENSET_KEEP,
    OPENSET_MAX_FOLDS,
    OPENSET_MIN_CLASSES,
)
from animeid_desktop.core.training.data import RunContext, Split
from animeid_desktop.core.training.face_rows import detected_by_run
from animeid_desktop.core.training.head import fit_head

HeadFit = Callable[[np.ndarray, np.ndarray, int], Tuple[np.ndarray, np.ndarray]]  # (x, y, classes) -> (W, b)


@dataclass(frozen=True)
class GeneralFeatures:
    """General backbone features of a split's rows and the embedding-cache key they come from."""

    x: np.ndarray
    source: dict  # {"weights_id", "preprocessing"}


@dataclass(frozen=True)
class Signals:
    """Both signals of the calibration folds: known (validation) and unseen (held-out characters) pictures."""

    known_cos: np.ndarray
    known_prob: np.ndarray
    unseen_cos: np.ndarray
    unseen_prob: np.ndarray
    held_out: int  # characters held out over all folds
    folds: int


def general_features(lib: Library, ctx: RunContext, split: Split, prep: Preprocessing) -> Optional[GeneralFeatures]:
    """The split's features when its backbone is a general one; else the general weights' features
    (through their own embedding cache). None when some picture has none."""
    info = ctx.start.backbone_info
    if info.get("source") != "run":  # the run's features are already general (not a fine-tuned backbone)
        return GeneralFeatures(split.x, {"weights_id": str(info["weights_id"]), "preprocessing": prep.to_json()})
    ws = ops.general_weights(ctx.spec.name)
    assert ws is not None
    cache = EmbeddingCache.for_library(lib.embeddings_dir, ctx.spec.name, ws.weights_id, prep)
    ctx.report.stage("computing general features")
    feats, _errors, _new = cached_features(
        cache, lambda: FeatureExtractor(pretrained_backbone(ctx.spec, ws), prep, ctx.device), split.rows,
        max(ctx.config.batch_size, 32), ctx.report.progress, ctx.should_stop)
    if any(r["sha256"] not in feats for r in split.rows):
        return None
    x = np.stack([feats[r["sha256"]] for r in split.rows])
    return GeneralFeatures(x, {"weights_id": ws.weights_id, "preprocessing": prep.to_json()})


def head_fitter(ctx: RunContext, epochs: int = OPENSET_HEAD_EPOCHS) -> HeadFit:
    """A quick linear head on features with the run's recipe (no validation, last epoch kept)."""
    c = ctx.config

    def fit(x: np.ndarray, y: np.ndarray, n_classes: int) -> Tuple[np.ndarray, np.ndarray]:
        out = fit_head(x, y, x[:0], y[:0], n_classes, epochs=epochs, lr=c.lr, weight_decay=c.weight_decay,
                       batch_size=c.batch_size, mixup_alpha=c.mixup_alpha, label_smoothing=c.label_smoothing,
                       seed=c.seed)
        return out.state["fc.weight"].numpy(), out.state["fc.bias"].numpy()

    return fit


def head_mode_head(ctx: RunContext, general: GeneralFeatures, split: Split) -> Tuple[np.ndarray, np.ndarray]:
    """The head a head-mode run would train on these general features (same split, recipe and epochs):
    a fine-tuned run's open set is then the one a head run on the same labels has."""
    c = ctx.config
    x, y, tr, va = general.x, split.y, split.train_idx, split.val_idx
    out = fit_head(x[tr], y[tr], x[va], y[va], len(split.classes), epochs=HEAD_EPOCHS, lr=c.lr * HEAD_LR_SCALE,
                   weight_decay=c.weight_decay, batch_size=c.batch_size, mixup_alpha=c.mixup_alpha,
                   label_smoothing=c.label_smoothing, seed=c.seed)
    return out.state["fc.weight"].numpy(), out.state["fc.bias"].numpy()


def held_out_groups(n_classes: int, seed: int, *, share: float = OPENSET_HELD_OUT_SHARE,
                    max_folds: int = OPENSET_MAX_FOLDS) -> List[List[int]]:
    """Groups of characters, each held out by one fold (at least two characters stay known)."""
    size = min(max(1, round(n_classes * share)), n_classes - 2)
    order = np.random.default_rng(seed).permutation(n_classes).tolist()
    return [order[i : i + size] for i in range(0, n_classes, size)][:max_folds]


def fold_signals(x: np.ndarray, y: np.ndarray, *, train_idx: List[int], val_idx: List[int], n_classes: int,
                 fit: HeadFit, seed: int, labelled: Optional[np.ndarray] = None) -> Signals:
    """Pool both signals over the folds: prototypes and head from the known characters' training part
    (prototypes only from its ``labelled`` rows, a boolean mask; default all); known = their validation
    pictures, unseen = every picture of the held-out characters."""
    parts: dict = {k: [] for k in ("kc", "kp", "uc", "up")}
    groups = held_out_groups(n_classes, seed)
    train_idx, val_idx = np.asarray(train_idx, dtype=np.int64), np.asarray(val_idx, dtype=np.int64)
    for held in groups:
        known = np.array([c for c in range(n_classes) if c not in held])
        remap = np.full(n_classes, -1)
        remap[known] = np.arange(len(known))
        tr = train_idx[np.isin(y[train_idx], known)]
        kv = val_idx[np.isin(y[val_idx], known)]
        unseen = np.flatnonzero(np.isin(y, held))
        own = tr if labelled is None else tr[labelled[tr]]
        protos = ops.prototypes(x[own], remap[y[own]], len(known))
        weight, bias = fit(x[tr], remap[y[tr]], len(known))
        for idx, cos_key, prob_key in ((kv, "kc", "kp"), (unseen, "uc", "up")):
            parts[cos_key].append(ops.max_cosine(x[idx], protos))
            parts[prob_key].append(ops.softmax_top(x[idx], weight, bias))
    kc, kp, uc, up = (np.concatenate(parts[k]) for k in ("kc", "kp", "uc", "up"))
    return Signals(kc, kp, uc, up, held_out=sum(len(g) for g in groups), folds=len(groups))


def calibration_report(signals: Signals, scale: ops.Scale, threshold: float, keep: float) -> dict:
    """The figures of a calibration (open set and, for comparison, the top probability alone)."""
    known = scale.combine(signals.known_cos, signals.known_prob)
    unseen = scale.combine(signals.unseen_cos, signals.unseen_prob)
    prob_threshold = ops.keep_threshold(signals.known_prob, keep)
    return {
        "keep": keep,
        "known_kept": round(float((known >= threshold).mean()), 4),
        "unseen_flagged": round(float((unseen < threshold).mean()), 4),
        "auroc": _rounded(ops.auroc(known, unseen)),
        "softmax_unseen_flagged": round(float((signals.unseen_prob < prob_threshold).mean()), 4),
        "softmax_auroc": _rounded(ops.auroc(signals.known_prob, signals.unseen_prob)),
        "held_out_characters": signals.held_out,
        "folds": signals.folds,
        "known_pictures": len(known),
        "unseen_pictures": len(unseen),
    }


def _rounded(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 4)


def calibrate(general: GeneralFeatures, split: Split, *, head: Tuple[np.ndarray, np.ndarray], fit: HeadFit,
              seed: int, keep: float = OPENSET_KEEP) -> Optional[ops.OpenSet]:
    """The run's open set: prototypes of every labelled picture (and labelled box: not of the detected faces'
    crops, which pulled them towards faces in general and let other characters' faces in, decision 0024),
    ``head`` on general features, and the standardisation and threshold learnt by holding characters out.
    None with too few characters or no validation pictures."""
    n_classes = len(split.classes)
    if n_classes < OPENSET_MIN_CLASSES or not len(split.val_idx):
        return None
    labelled = np.array([not detected_by_run(r) for r in split.rows], dtype=bool)
    signals = fold_signals(general.x, split.y, train_idx=split.train_idx, val_idx=split.val_idx,
                           n_classes=n_classes, fit=fit, seed=seed, labelled=labelled)
    if not len(signals.known_cos) or not len(signals.unseen_cos):
        return None
    scale = ops.Scale.fit(signals.known_cos, signals.known_prob)
    threshold = round(ops.keep_threshold(scale.combine(signals.known_cos, signals.known_prob), keep), 6)
    report = calibration_report(signals, scale, threshold, keep)
    protos = ops.prototypes(general.x[labelled], split.y[labelled], n_classes)
    weight, bias = head
    return ops.OpenSet(protos, np.asarray(weight, np.float32), np.asarray(bias, np.float32), scale, threshold,
                       general.source, report)


def calibrate_run(lib: Library, ctx: RunContext, split: Split, prep: Preprocessing, *,
                  fc: Optional[Tuple[np.ndarray, np.ndarray]]) -> Optional[ops.OpenSet]:
    """The open set of a finished fit; ``fc`` = the model's own head when it reads the split's features
    (head mode), else the head a head-mode run would train on the general features."""
    ctx.report.stage("calibrating 'unknown'")
    general = general_features(lib, ctx, split, prep)
    if general is None:
        ctx.report.log("open set: some pictures have no general features; the probability threshold decides")
        return None
    fit = head_fitter(ctx)
    head = fc if fc is not None and general.x is split.x else head_mode_head(ctx, general, split)
    result = calibrate(general, split, head=head, fit=fit, seed=ctx.config.seed)
    if result is None:
        ctx.report.log(f"open set: needs {OPENSET_MIN_CLASSES}+ characters and validation pictures; "
                       "the probability threshold decides")
    else:
        ctx.report.log(sentence(result.report))
    return result
