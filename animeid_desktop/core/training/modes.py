"""The two training modes on a prepared split: ``head`` (a linear layer on cached features) and
``finetune`` (the whole network from a probe-initialised classifier, then the final fits on every image)."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch

from animeid_desktop.core.engine.features import decode_stream
from animeid_desktop.core.engine.preprocess import (
    AUTO_VIEWS,
    VIEW_CANDIDATES,
    Preprocessing,
    default_preprocessing,
    load_input,
)
from animeid_desktop.core.engine.registry import Network
from animeid_desktop.core.errors import Cancelled
from animeid_desktop.core.training.bookkeeping import Trained
from animeid_desktop.core.training.config import FACE_CROPS, HEAD_LR_SCALE, PROBE_EPOCHS, SkippedImage
from animeid_desktop.core.training.data import RunContext, Split
from animeid_desktop.core.training.finetune import average_states, final_fit_epochs, finetune, training_store
from animeid_desktop.core.training.head import fit_head
from animeid_desktop.core.training.loop import BatchFn, EpochFn, FitOutcome


def _fit_head(ctx: RunContext, split: Split, train_idx: List[int], val_idx: List[int], *, epochs: int,
              on_epoch: Optional[EpochFn] = None, on_batch: Optional[BatchFn] = None) -> FitOutcome:
    """The run's head fit (or linear probe) on the cached features of ``train_idx``, validated on ``val_idx``."""
    c = ctx.config
    return fit_head(split.x[train_idx], split.y[train_idx], split.x[val_idx], split.y[val_idx], len(split.classes),
                    epochs=epochs, lr=c.lr * HEAD_LR_SCALE, weight_decay=c.weight_decay, batch_size=c.batch_size,
                    mixup_alpha=c.mixup_alpha, label_smoothing=c.label_smoothing, seed=c.seed,
                    init=ctx.start.init_for(split.classes), on_epoch=on_epoch, on_batch=on_batch,
                    should_stop=ctx.should_stop)


def train_head(ctx: RunContext, split: Split, prep: Preprocessing, *, head_views: Optional[dict] = None) -> Trained:
    """Head mode: the linear layer is the model; the backbone is referenced, or stored when it must be.
    ``head_views``: how the views were chosen (kept in the run's figures)."""
    epochs = ctx.config.resolved_epochs()
    ctx.report.epochs = epochs
    ctx.report.stage("training head")
    fit = _fit_head(ctx, split, split.train_idx, split.val_idx, epochs=epochs, on_epoch=ctx.report.epoch,
                    on_batch=ctx.report.batch)
    tensors = dict(fit.state)
    backbone_info = dict(ctx.start.backbone_info)
    if backbone_info.get("in_file"):
        tensors.update({f"backbone.{k}": v for k, v in ctx.start.backbone_factory().state_dict().items()})
    return Trained(fit=fit, tensors=tensors, prep=prep, backbone_info=backbone_info, head_views=head_views)


def _probed_network(ctx: RunContext, split: Split, train_idx: List[int], val_idx: List[int]) -> Network:
    """A fresh network from the start point whose classifier starts from a linear probe on cached features."""
    probe = _fit_head(ctx, split, train_idx, val_idx, epochs=PROBE_EPOCHS)
    network = Network(ctx.start.backbone_factory(), ctx.spec.feature_dim, len(split.classes))
    with torch.no_grad():
        network.fc.weight.copy_(probe.weight)
        network.fc.bias.copy_(probe.bias)
    return network


def train_finetune(ctx: RunContext, split: Split, run_id: str) -> Trained:
    """Finetune mode: probe, fine-tune with validation, then (by default) the final fits on every image."""
    config, report = ctx.config, ctx.report
    size, flip, views, epochs = (config.resolved_size(ctx.spec), config.resolved_flip(), config.resolved_views(),
                                 config.resolved_epochs())
    report.epochs = PROBE_EPOCHS
    report.stage("initialising the classifier")
    network = _probed_network(ctx, split, split.train_idx, split.val_idx)
    choices = VIEW_CANDIDATES if views == AUTO_VIEWS else ()
    prep = default_preprocessing(ctx.spec, size, config.resize, flip=flip,
                                 views=VIEW_CANDIDATES[-1] if choices else views)
    report.stage("decoding validation images")
    val_images = _decode_uint8(split.paths(split.val_idx), prep, size)
    report.epochs = epochs
    report.stage("fine-tuning")
    fit = finetune(network, prep, train_paths=split.paths(split.train_idx), y_train=split.y[split.train_idx],
                   val_images=val_images, y_val=split.y[split.val_idx], recipe=config.finetune_recipe(epochs),
                   device=ctx.device, tta_flip=flip, view_choices=choices, on_epoch=report.epoch,
                   on_batch=report.batch, on_progress=report.progress, should_stop=ctx.should_stop)
    prep = replace(prep, views=fit.views)
    if choices:
        report.log(f"test-time views: {fit.views} (best on validation)")
    tensors, final_fit, skipped = dict(fit.state), None, fit.skipped
    if config.resolved_refit() and len(split.val_idx) and not fit.cancelled:
        finals = _final_fits(ctx, prep, split, epochs)
        if finals is not None:
            tensors, final_fit, skipped = finals.state, finals.summary, skipped + finals.skipped
    backbone_info = {"source": "finetuned", "weights_id": f"run:{run_id}", "in_file": True,
                     "initial": ctx.start.backbone_info}
    return Trained(fit=fit, tensors=tensors, prep=prep, backbone_info=backbone_info, final_fit=final_fit,
                   skipped=skipped)


@dataclass(frozen=True)
class FinalFits:
    """The averaged network of the final fits, their summary and the images they could not decode."""

    state: Dict[str, torch.Tensor]
    summary: dict  # {"images", "epochs", "fits", "seconds"}
    skipped: Tuple[SkippedImage, ...]


def _final_fits(ctx: RunContext, prep: Preprocessing, split: Split, epochs: int) -> Optional[FinalFits]:
    """The final fit: the same recipe again on every labelled image (validation included), last epoch
    kept; with ``config.final_fits`` > 1, that many with different seeds, averaged weight by weight.

    None when cancelled before the first fit finished (the validated network is kept then);
    cancelled later, the fits that finished are kept."""
    t0, report = time.monotonic(), ctx.report
    fits, fit_epochs = ctx.config.resolved_final_fits(), final_fit_epochs(epochs)
    every = list(range(len(split.rows)))
    paths = split.paths(every)
    empty = torch.zeros((0, 3, prep.size, prep.size), dtype=torch.uint8)
    outs: List[FitOutcome] = []
    store = None
    for k in range(fits):
        name = f"final fit {k + 1} of {fits}" if fits > 1 else "final fit"
        report.stage(f"{name} on all {len(paths)} images")

        def on_batch(epoch: int, step: int, steps: int, loss: float, k: int = k, name: str = name) -> None:
            report.progress((k * fit_epochs + epoch - 1) * steps + step, fits * fit_epochs * steps,
                            f"{name}: epoch {epoch}/{fit_epochs}")

        def on_epoch(record: dict, name: str = name) -> None:
            report.log(f"{name}: epoch {record['epoch']}/{fit_epochs}  train loss {record['train_loss']:.3f}")

        try:
            if store is None:  # decoded once for every fit
                store = training_store(paths, prep, FACE_CROPS, report.progress, ctx.should_stop)
            network = _probed_network(ctx, split, every, [])
            out = finetune(network, prep, train_paths=paths, y_train=split.y, val_images=empty, y_val=split.y[:0],
                           recipe=ctx.config.finetune_recipe(fit_epochs, seed_offset=1000 * k), device=ctx.device,
                           tta_flip=False, store=store, on_epoch=on_epoch, on_batch=on_batch,
                           on_progress=report.progress, should_stop=ctx.should_stop)
        except Cancelled:
            break
        if out.cancelled:
            break
        outs.append(out)
    if not outs:
        report.log("final fit cancelled: keeping the network trained without the validation images")
        return None
    if len(outs) < fits:
        report.log(f"final fit cancelled: keeping the {len(outs)} finished fit(s) of {fits}")
    summary = {"images": len(paths), "epochs": fit_epochs, "fits": len(outs),
               "seconds": round(time.monotonic() - t0, 1)}
    return FinalFits(average_states([o.state for o in outs]), summary, outs[0].skipped)


def _decode_uint8(paths: List[str], prep: Preprocessing, size: int) -> torch.Tensor:
    """uint8 validation images, (N, 3, S, S) or (N, V, 3, S, S) with several views (unreadable
    ones were already excluded by feature extraction)."""
    blank = np.full((prep.n_views, size, size, 3) if prep.n_views > 1 else (size, size, 3), 255, np.uint8)
    arrays = [dec.array if dec.array is not None else blank
              for dec in decode_stream(paths, lambda p: load_input(p, prep))]
    if not arrays:
        return torch.zeros((0, 3, size, size), dtype=torch.uint8)
    return torch.from_numpy(np.stack(arrays)).movedim(-1, -3).contiguous()

