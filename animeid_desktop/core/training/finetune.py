"""Fine-tuning the network: the reference recipe, with what measurably helped on top, made fast on a CPU.

Recipe: AdamW, mixup, label smoothing, cosine annealing with warm restarts, random-resized crop +
horizontal flip, each model's normalisation; on top, a learning-rate warm-up, a frozen input-side
half of the backbone, larger inputs, face crops and test-time views (defaults in
:mod:`~animeid_desktop.core.training.config`). Why each default: docs/decisions/ (what was
measured, on which set, what was chosen). Speed: every image is decoded once into a small uint8
canvas kept in memory (within a budget), a background thread augments the next batch while the
current one trains, channels-last layout and bf16 autocast where the hardware has it; each epoch is
validated on one view without mirror.
"""

from __future__ import annotations

import contextlib
import math
import queue
import threading
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

import numpy as np
import torch
from torchvision.transforms.v2 import functional as TF

from animeid_desktop.core.engine.devices import autocast, forward_in_passes, needs_grad_scaler
from animeid_desktop.core.engine.features import decode_stream
from animeid_desktop.core.engine.preprocess import (
    Preprocessing,
    face_square,
    load_array,
    normalise_uint8,
    resize_to_array,
)
from animeid_desktop.core.engine.registry import Network, freeze_early, keep_frozen_eval
from animeid_desktop.core.errors import Cancelled
from animeid_desktop.core.media.images import load_rgb
from animeid_desktop.core.progress import ProgressFn, StopFn
from animeid_desktop.core.training.config import (
    CANVAS_SCALE,
    CROP_RATIO,
    CROP_SCALE,
    FACE_CANVAS_SHARE,
    FINAL_FIT_EPOCHS,
    MEMORY_SHARE,
    Recipe,
    SkippedImage,
)
from animeid_desktop.core.training.loop import (
    BatchFn,
    BestEpoch,
    EpochFn,
    FitOutcome,
    State,
    Validation,
    evaluate_logits,
    run_epochs,
    soft_cross_entropy,
    soft_targets,
    standard_hooks,
)


def final_fit_epochs(epochs: int) -> int:
    """Epochs of each final fit for a validated run of ``epochs`` (the fits together cost about as much)."""
    return max(1, int(round(epochs * FINAL_FIT_EPOCHS)))


def restart_period(epochs: int) -> int:
    """First period of CosineAnnealingWarmRestarts (T_mult=2): two cycles (T, 2T) that end at or just
    after the last epoch, so training ends at a low learning rate and never on a fresh restart."""
    return max(1, math.ceil(epochs / 3)) if epochs >= 6 else max(1, epochs)


def average_states(states: Sequence[Dict[str, torch.Tensor]]) -> Dict[str, torch.Tensor]:
    """The element-wise mean of several networks' weights and batch-norm statistics (a "model soup": one
    network, so recognition costs what a single model costs); integer buffers come from the first."""
    first = states[0]
    return {k: (sum(s[k].double() for s in states) / len(states)).to(v.dtype).contiguous()
            if v.is_floating_point() else v for k, v in first.items()}


def _memory_budget() -> int:
    try:
        import psutil

        return int(psutil.virtual_memory().available * MEMORY_SHARE)
    except Exception:  # psutil missing: assume a modest machine
        return 1 << 30


def load_canvases(path: str, prep: Preprocessing) -> np.ndarray:
    """The whole picture per ``prep`` and its upper-centre face square (squashed), as (2, S, S, 3) uint8."""
    img = load_rgb(path, target=int(round(prep.size / FACE_CANVAS_SHARE)))
    full = resize_to_array(img, prep.size, prep.method)
    return np.stack([full, resize_to_array(face_square(img, FACE_CANVAS_SHARE), prep.size, "squash")])


class ImageStore:
    """Decoded uint8 images by index, (H, W, 3) or with ``faces`` (2, H, W, 3) (picture, face square):
    in memory within a budget, else decoded on demand."""

    def __init__(self, paths: Sequence[str], prep: Preprocessing, on_progress: Optional[ProgressFn] = None,
                 should_stop: Optional[StopFn] = None, faces: bool = False) -> None:
        self.paths = list(paths)
        self.prep = prep
        self.faces = faces
        self.arrays: List[Optional[np.ndarray]] = [None] * len(self.paths)
        self.errors: Dict[int, str] = {}
        budget = _memory_budget()
        used = 0
        for i, dec in enumerate(decode_stream(range(len(self.paths)), lambda j: self._load(j))):
            if should_stop is not None and should_stop():
                raise Cancelled()
            if dec.array is None:
                self.errors[i] = dec.error or "unreadable"
            elif used + dec.array.nbytes <= budget:
                self.arrays[i] = dec.array
                used += dec.array.nbytes
            if on_progress:
                on_progress(i + 1, len(self.paths), "decoding images")

    def _load(self, i: int) -> np.ndarray:
        return load_canvases(self.paths[i], self.prep) if self.faces else load_array(self.paths[i], self.prep)

    def get(self, i: int) -> np.ndarray:
        arr = self.arrays[i]
        return arr if arr is not None else self._load(i)


def training_store(paths: Sequence[str], prep: Preprocessing, face_crops: float,
                   on_progress: Optional[ProgressFn] = None, should_stop: Optional[StopFn] = None) -> ImageStore:
    """The decoded training canvases for ``prep`` (with face squares when ``face_crops``); one store can
    serve several fits over the same images."""
    canvas = prep.single_view().with_size(int(round(prep.size * CANVAS_SCALE)))
    return ImageStore(paths, canvas, on_progress, should_stop, faces=face_crops > 0)


def random_resized_crop(img: torch.Tensor, size: int, rng: np.random.Generator) -> torch.Tensor:
    """Random area/aspect crop of a (3, H, W) uint8 tensor resized to ``size`` x ``size``, random flip."""
    _, h, w = img.shape
    area = h * w
    for _ in range(10):
        target = area * rng.uniform(*CROP_SCALE)
        ratio = math.exp(rng.uniform(math.log(CROP_RATIO[0]), math.log(CROP_RATIO[1])))
        cw, ch = int(round(math.sqrt(target * ratio))), int(round(math.sqrt(target / ratio)))
        if 0 < cw <= w and 0 < ch <= h:
            top, left = int(rng.integers(0, h - ch + 1)), int(rng.integers(0, w - cw + 1))
            break
    else:
        top, left, ch, cw = 0, 0, h, w
    out = TF.resized_crop(img, top, left, ch, cw, [size, size], antialias=True)
    return out.flip(2) if rng.random() < 0.5 else out


def _canvas(store: ImageStore, i: int, face_crops: float, rng: np.random.Generator) -> np.ndarray:
    arr = store.get(i)
    if arr.ndim == 3:
        return arr
    return arr[1] if rng.random() < face_crops else arr[0]


def _batches(store: ImageStore, indices: np.ndarray, labels: np.ndarray, batch: int, size: int,
             rng: np.random.Generator, out: queue.Queue, stop: threading.Event, face_crops: float = 0.0) -> None:
    """Producer: augmented uint8 batches for one epoch, then None (``face_crops`` of the crops come from
    the face square when the store holds it)."""
    try:
        for start in range(0, len(indices), batch):
            if stop.is_set():
                break
            idx = indices[start : start + batch]
            imgs = [random_resized_crop(torch.from_numpy(_canvas(store, int(i), face_crops, rng)).permute(2, 0, 1),
                                        size, rng) for i in idx]
            out.put((torch.stack(imgs), torch.as_tensor(labels[idx])))
    except BaseException as exc:  # hand the error to the training thread
        out.put(exc)
        return
    out.put(None)


def _epoch_order(n: int, batch: int, rng: np.random.Generator) -> np.ndarray:
    order = rng.permutation(n)
    if n > batch and n % batch == 1:  # never a batch of one (batch norm cannot train on it)
        order = order[:-1]
    return order


def _set_lr(sched, opt, position: float, warmup_epochs: float) -> None:
    """Learning rates for the step at ``position`` (epochs, fractional): warm restarts, then warm-up."""
    sched.step(position)
    if position < warmup_epochs:
        factor = (position + 1e-3) / warmup_epochs
        for group in opt.param_groups:
            group["lr"] *= factor


@torch.inference_mode()
def predict_logits(network: Network, images: torch.Tensor, prep: Preprocessing, device: torch.device,
                   flip: bool, batch: int = 64, per_view: bool = False) -> torch.Tensor:
    """Logits (CPU, float) of uint8 (N, 3, S, S) images, or (N, V, 3, S, S) with several views
    (averaged, or (N, V, classes) when ``per_view``); mirror-averaged too when ``flip``."""
    network.eval()
    out = []
    for start in range(0, len(images), batch):
        chunk = images[start : start + batch]
        views = chunk.shape[1] if chunk.dim() == 5 else 1
        x = normalise_uint8(chunk.reshape(-1, *chunk.shape[-3:]).to(device), prep)
        with autocast(device):
            logits = forward_in_passes(network, x, device).float()
            if flip:
                logits = (logits + forward_in_passes(network, x.flip(3), device).float()) / 2
        logits = logits.view(len(chunk), views, -1)
        out.append((logits if per_view else logits.mean(1)).cpu())
    return torch.cat(out) if out else torch.zeros((0, network.fc.out_features))


class FinetuneTrainer:
    """The whole network on augmented image batches (the :class:`~loop.Trainer` of finetune mode)."""

    def __init__(self, network: Network, prep: Preprocessing, *, store: ImageStore, usable: np.ndarray,
                 y_train: np.ndarray, quick_val: torch.Tensor, y_val: torch.Tensor, recipe: Recipe,
                 device: torch.device, rng: np.random.Generator) -> None:
        self.network, self.prep, self.store, self.usable, self.y_train = network, prep, store, usable, y_train
        self.quick_val, self.yv, self.recipe, self.device, self.rng = quick_val, y_val, recipe, device, rng
        self.aug_rng = np.random.default_rng([recipe.seed, 1])  # crops and flips (augmentation thread)
        self.has_val = len(y_val) > 0
        self.n_classes = network.fc.out_features
        torch.manual_seed(recipe.seed)
        network.to(device)
        if device.type != "mps":
            network.to(memory_format=torch.channels_last)
        self.frozen = freeze_early(network.backbone, recipe.freeze_fraction)
        groups = [{"params": [p for p in network.backbone.parameters() if p.requires_grad],
                   "lr": recipe.lr * recipe.backbone_lr_scale},
                  {"params": list(network.fc.parameters()), "lr": recipe.lr}]
        self.opt = torch.optim.AdamW(groups, lr=recipe.lr, weight_decay=recipe.weight_decay)
        self.sched = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(
            self.opt, T_0=restart_period(recipe.epochs), T_mult=2)
        self.scaler = torch.amp.GradScaler(device.type) if needs_grad_scaler(device) else None
        batch = recipe.batch_size
        per_epoch = len(usable) - (1 if len(usable) > batch and len(usable) % batch == 1 else 0)
        self.steps = max(1, math.ceil(per_epoch / batch))

    @contextlib.contextmanager
    def batches(self, epoch: int) -> Iterator[Iterator[tuple]]:
        """This epoch's augmented batches, made by a background thread while the current one trains."""
        self.network.train()
        keep_frozen_eval(self.frozen)
        order = self.usable[_epoch_order(len(self.usable), self.recipe.batch_size, self.rng)]
        q: queue.Queue = queue.Queue(maxsize=3)
        stop = threading.Event()
        producer = threading.Thread(target=_batches, daemon=True, name="augment",
                                    args=(self.store, order, self.y_train, self.recipe.batch_size, self.prep.size,
                                          self.aug_rng, q, stop, self.recipe.face_crops))
        producer.start()
        try:
            yield _drain(q)
        finally:
            stop.set()
            while producer.is_alive():  # unblock a producer waiting on a full queue
                try:
                    q.get_nowait()
                except queue.Empty:
                    producer.join(0.05)

    def inputs(self, batch: tuple) -> Tuple[torch.Tensor, torch.Tensor]:
        images, labels = batch
        x = normalise_uint8(images.to(self.device, non_blocking=True), self.prep)
        return x, soft_targets(labels.to(self.device), self.n_classes, self.recipe.label_smoothing)

    def step(self, x: torch.Tensor, targets: torch.Tensor, epoch: int, step: int) -> float:
        _set_lr(self.sched, self.opt, epoch - 1 + step / self.steps, self.recipe.warmup_epochs)
        with autocast(self.device):
            loss = soft_cross_entropy(self.network(x), targets)
        self.opt.zero_grad(set_to_none=True)
        if self.scaler is not None:
            self.scaler.scale(loss).backward()
            self.scaler.step(self.opt)
            self.scaler.update()
        else:
            loss.backward()
            self.opt.step()
        return float(loss.detach())

    def validate(self) -> Validation:
        return evaluate_logits(predict_logits(self.network, self.quick_val, self.prep, self.device, False), self.yv)

    def snapshot(self) -> State:
        return {k: v.detach().to("cpu", copy=True) for k, v in self.network.state_dict().items()}


def _drain(q: queue.Queue) -> Iterator[tuple]:
    """The producer's batches until its end mark; its error is raised here."""
    while True:
        item = q.get()
        if item is None:
            return
        if isinstance(item, BaseException):
            raise item
        yield item


def finetune(
    network: Network,
    prep: Preprocessing,
    *,
    train_paths: Sequence[str],
    y_train: np.ndarray,
    val_images: torch.Tensor,
    y_val: np.ndarray,
    recipe: Recipe,
    device: torch.device,
    tta_flip: bool = True,
    store: Optional[ImageStore] = None,
    view_choices: Sequence[str] = (),
    on_epoch: Optional[EpochFn] = None,
    on_batch: Optional[BatchFn] = None,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> FitOutcome:
    """Fine-tune ``network`` in place; returns the best state by validation accuracy.

    ``val_images`` are uint8 (N, 3, S, S), or (N, V, 3, S, S) with several views, already resized per
    ``prep``. Each epoch is validated quickly (whole picture, no mirror: a quarter of the full test-time
    cost); the kept state is then validated once as recognition runs it (every view, mirrored), which
    gives ``val_probs`` and ``kept_val_acc``; with ``view_choices`` (combinations of the views in
    ``prep.views``) the combination that validates best is kept in ``views``. Cancelling between
    batches returns the best state so far (``cancelled=True``), or raises ``Cancelled`` before the
    first epoch. Training images that cannot be decoded are left out and listed in ``skipped``.
    """
    if store is None:
        store = training_store(train_paths, prep, recipe.face_crops, on_progress, should_stop)
    usable = np.array([i for i in range(len(train_paths)) if i not in store.errors], dtype=np.int64)
    if len(usable) == 0:
        raise Cancelled() if should_stop and should_stop() else ValueError("no readable training images")
    rng = np.random.default_rng(recipe.seed)  # order and mixup (training thread)
    yv = torch.as_tensor(y_val, dtype=torch.long)
    quick_val = val_images[:, 0] if val_images.dim() == 5 else val_images  # per epoch: whole picture, no mirror
    trainer = FinetuneTrainer(network, prep, store=store, usable=usable, y_train=y_train, quick_val=quick_val,
                              y_val=yv, recipe=recipe, device=device, rng=rng)
    best = BestEpoch(trainer.snapshot, trainer.has_val)
    hooks = standard_hooks(mixup_alpha=recipe.mixup_alpha, rng=rng, best=best, should_stop=should_stop,
                           on_batch=on_batch, on_epoch=on_epoch)
    log = run_epochs(trainer, epochs=recipe.epochs, hooks=hooks)
    # The best epoch on validation is kept (completed or cancelled); see docs/decisions/.
    state = {k: v.contiguous() for k, v in best.state.items()}
    network.load_state_dict(state)
    views, kept_val_acc, val_probs = view_choices[0] if view_choices else prep.views, best.val_acc, best.probs
    if len(yv) and (tta_flip or val_images.dim() == 5):  # the kept network as recognition will run it
        views, kept_val_acc, val_probs = _best_views(network, val_images, yv, prep, device, tta_flip, view_choices)
    network.to("cpu").to(memory_format=torch.contiguous_format).eval()
    skipped = tuple(SkippedImage(str(train_paths[i]), reason) for i, reason in sorted(store.errors.items()))
    return FitOutcome(state=state, val_probs=val_probs, history=log.history, best_epoch=best.epoch,
                      best_val_acc=best.val_acc, final_val_acc=log.final_val_acc, cancelled=log.cancelled,
                      kept_epoch=best.epoch, kept_val_acc=kept_val_acc, views=views, skipped=skipped)


def _best_views(network: Network, val_images: torch.Tensor, yv: torch.Tensor, prep: Preprocessing,
                device: torch.device, flip: bool, view_choices: Sequence[str]) -> Tuple[str, float, np.ndarray]:
    """(views, accuracy, probabilities) of the view combination that validates best (first on ties)."""
    logits = predict_logits(network, val_images, prep, device, flip, per_view=True)
    names = prep.views.split("+")
    best: Optional[Tuple[str, float, np.ndarray]] = None
    for choice in view_choices or (prep.views,):
        picked = logits[:, [names.index(v) for v in choice.split("+")]].mean(1)
        val = evaluate_logits(picked, yv)
        if best is None or val.acc > best[1]:
            best = (choice, val.acc, val.probs)
    assert best is not None
    return best
