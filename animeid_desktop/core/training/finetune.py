"""Fine-tuning the network: the reference recipe, with what measurably helped on top, made fast on a CPU.

Recipe: AdamW (lr 8e-4, weight decay 3e-4), Mixup alpha 0.4, label smoothing 0.08, cosine
annealing with warm restarts, random-resized crop + horizontal flip, each model's normalisation.
On top (defaults, each overridable; see benchmarks/accuracy.py): the classifier starts from a
linear probe on cached features (the caller's job) and the learning rate warms up over the first
epoch, so the first steps do not wreck the pretrained features; the input-side half of the
backbone stays frozen (half the backward pass, less overfitting on a few hundred images); the
input is 10/7 of the model's size (faces in full artworks are small); 30% of the training crops
come from the upper-centre "face" square (``FACE_CROPS``); at test time the whole picture is
averaged with its top square and its face square, and with their mirror images. The caller
(``core.training``) then fits the same recipe again on every labelled image, twice with different
seeds, and averages the two networks weight by weight (``FINAL_FITS``: one network, so recognition
costs what one model costs). Measured on newgame8 (test top-1, mean of 3 seeds, final fits alone):
one final fit 83.6%; with face crops 85.4%; two fits averaged 86.9% (each pair >= 85.8%).
Tried on newgame8 and left out (no gain within noise): an exponential moving average of the
weights, half the training crops drawn from the top square, class-balanced sampling,
prior-corrected logits, 384 px or larger test inputs, 30 epochs, a quarter instead of half frozen,
averaging the validated network into the final one, two final fits of 12 epochs instead of 20.
Speed: every image is decoded once into a small uint8 canvas kept in memory (within a budget), a
background thread augments the next batch while the current one trains, channels-last layout
and bf16 autocast where the hardware has it; each epoch is validated on one view without mirror.
"""

from __future__ import annotations

import math
import queue
import threading
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
from torchvision.transforms.v2 import functional as TF

from animeid_desktop.core.engine.devices import autocast, needs_grad_scaler
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
from animeid_desktop.core.training.head import evaluate_logits, mixup, soft_cross_entropy, soft_targets

FINETUNE_EPOCHS = 20
FINETUNE_SIZE_SCALE = 10 / 7  # default input: the model's size x 10/7 (224 -> 320): faces in artworks are small
FINETUNE_REFIT = True  # after validating, fit again on every labelled image (the model that is saved)
FINAL_FITS = 2  # final fits (different seeds) averaged weight by weight: +1.5 points, about +50% time on newgame8
MAX_FINAL_FITS = 4
FINAL_FIT_EPOCHS = 1.0  # each final fit's epochs, as a share of the validated run's (0.6 measured worse)
FINETUNE_FREEZE = 0.5  # the input-side half of the backbone stays frozen: faster, and less overfitting
FINETUNE_VIEWS = "full+top+face"  # test time: the whole picture, its top and its face square ("auto": best on val)
CANVAS_SCALE = 1.15  # training canvases are this much larger than the input, so crops keep detail
CROP_SCALE = (0.3, 1.0)
CROP_RATIO = (3 / 4, 4 / 3)
MEMORY_SHARE = 0.3  # at most this share of available memory holds decoded images
WARMUP_EPOCHS = 1.0  # linear learning-rate warm-up: protects the pretrained features from the first steps
BACKBONE_LR_SCALE = 1.0  # backbone learning rate relative to the classifier's
FACE_CROPS = 0.3  # share of training crops drawn from the upper-centre "face" square instead of the picture
FACE_CANVAS_SHARE = 0.85  # that square's side, as a share of the picture's shorter side

EpochFn = Callable[[dict], None]
BatchFn = Callable[[int, int, int, float], None]


@dataclass
class FinetuneResult:
    """Best network state (CPU), its validation probabilities and the per-epoch history."""

    state: Dict[str, torch.Tensor]
    val_probs: np.ndarray
    history: List[dict] = field(default_factory=list)
    best_epoch: int = 0
    best_val_acc: float = 0.0
    final_val_acc: float = 0.0
    cancelled: bool = False
    kept_epoch: int = 0  # the epoch whose weights ``state`` holds
    kept_val_acc: float = 0.0  # validation accuracy of ``state`` with every test-time view and mirror
    refit: Optional[dict] = None  # set by the caller when a final fit on every image replaced ``state``
    views: str = "full"  # the test-time views that validated best (of ``view_choices``)


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
            logits = network(x).float()
            if flip:
                logits = (logits + network(x.flip(3)).float()) / 2
        logits = logits.view(len(chunk), views, -1)
        out.append((logits if per_view else logits.mean(1)).cpu())
    return torch.cat(out) if out else torch.zeros((0, network.fc.out_features))


def finetune(
    network: Network,
    prep: Preprocessing,
    train_paths: Sequence[str],
    y_train: np.ndarray,
    val_images: torch.Tensor,
    y_val: np.ndarray,
    epochs: int,
    lr: float,
    weight_decay: float,
    batch_size: int,
    mixup_alpha: float,
    label_smoothing: float,
    device: torch.device,
    seed: int = 0,
    tta_flip: bool = True,
    warmup_epochs: float = WARMUP_EPOCHS,
    backbone_lr_scale: float = BACKBONE_LR_SCALE,
    freeze_fraction: float = 0.0,
    face_crops: float = 0.0,
    store: Optional[ImageStore] = None,
    view_choices: Sequence[str] = (),
    on_epoch: Optional[EpochFn] = None,
    on_batch: Optional[BatchFn] = None,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> FinetuneResult:
    """Fine-tune ``network`` in place; returns the best state by validation accuracy.

    ``val_images`` are uint8 (N, 3, S, S), or (N, V, 3, S, S) with several views, already resized per
    ``prep``. Each epoch is validated quickly (whole picture, no mirror: a quarter of the full test-time
    cost); the kept state is then validated once as recognition runs it (every view, mirrored), which
    gives ``val_probs`` and ``kept_val_acc``; with ``view_choices`` (combinations of the views in
    ``prep.views``) the combination that validates best is kept in ``views``. Cancelling between
    batches returns the best state so far (``cancelled=True``), or raises ``Cancelled`` before the
    first epoch.
    """
    n_classes = network.fc.out_features
    if store is None:
        store = training_store(train_paths, prep, face_crops, on_progress, should_stop)
    usable = np.array([i for i in range(len(train_paths)) if i not in store.errors], dtype=np.int64)
    if len(usable) == 0:
        raise Cancelled() if should_stop and should_stop() else ValueError("no readable training images")
    rng = np.random.default_rng(seed)  # order and mixup (training thread)
    aug_rng = np.random.default_rng([seed, 1])  # crops and flips (augmentation thread)
    torch.manual_seed(seed)
    channels_last = device.type != "mps"
    network.to(device)
    if channels_last:
        network.to(memory_format=torch.channels_last)
    frozen = freeze_early(network.backbone, freeze_fraction)
    groups = [{"params": [p for p in network.backbone.parameters() if p.requires_grad], "lr": lr * backbone_lr_scale},
              {"params": list(network.fc.parameters()), "lr": lr}]
    opt = torch.optim.AdamW(groups, lr=lr, weight_decay=weight_decay)
    sched = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=restart_period(epochs), T_mult=2)
    scaler = torch.amp.GradScaler(device.type) if needs_grad_scaler(device) else None
    yv = torch.as_tensor(y_val, dtype=torch.long)
    quick_val = val_images[:, 0] if val_images.dim() == 5 else val_images  # per epoch: whole picture, no mirror
    result = FinetuneResult({}, np.zeros((len(y_val), n_classes), dtype=np.float32))
    best_key: Optional[Tuple[float, float]] = None
    per_epoch = len(usable) - (1 if len(usable) > batch_size and len(usable) % batch_size == 1 else 0)
    steps = max(1, math.ceil(per_epoch / batch_size))
    for epoch in range(1, epochs + 1):
        network.train()
        keep_frozen_eval(frozen)
        order = usable[_epoch_order(len(usable), batch_size, rng)]
        q: queue.Queue = queue.Queue(maxsize=3)
        stop = threading.Event()
        producer = threading.Thread(target=_batches, daemon=True, name="augment",
                                    args=(store, order, y_train, batch_size, prep.size, aug_rng, q, stop, face_crops))
        producer.start()
        total, seen, step = 0.0, 0, 0
        try:
            while True:
                if should_stop is not None and should_stop():
                    result.cancelled = True
                    break
                item = q.get()
                if item is None:
                    break
                if isinstance(item, BaseException):
                    raise item
                images, labels = item
                x = normalise_uint8(images.to(device, non_blocking=True), prep)
                targets = soft_targets(labels.to(device), n_classes, label_smoothing)
                x, targets = mixup(x, targets, mixup_alpha, rng)
                _set_lr(sched, opt, epoch - 1 + step / steps, warmup_epochs)
                with autocast(device):
                    loss = soft_cross_entropy(network(x), targets)
                opt.zero_grad(set_to_none=True)
                if scaler is not None:
                    scaler.scale(loss).backward()
                    scaler.step(opt)
                    scaler.update()
                else:
                    loss.backward()
                    opt.step()
                step += 1
                total += float(loss.detach()) * len(labels)
                seen += len(labels)
                if on_batch:
                    on_batch(epoch, step, steps, total / seen)
        finally:
            stop.set()
            while producer.is_alive():  # unblock a producer waiting on a full queue
                try:
                    q.get_nowait()
                except queue.Empty:
                    producer.join(0.05)
        if result.cancelled:
            break
        val_loss, val_acc, probs = evaluate_logits(predict_logits(network, quick_val, prep, device, False), yv)
        record = {"epoch": epoch, "train_loss": total / max(seen, 1),
                  "val_loss": val_loss if len(yv) else None, "val_acc": val_acc if len(yv) else None}
        result.history.append(record)
        result.final_val_acc = val_acc
        key = (val_acc, -val_loss) if len(yv) else (float(epoch), 0.0)
        if best_key is None or key > best_key:
            best_key = key
            result.state = {k: v.detach().to("cpu", copy=True) for k, v in network.state_dict().items()}
            result.best_epoch, result.best_val_acc, result.val_probs = epoch, val_acc, probs
        if on_epoch:
            on_epoch(record)
    if best_key is None:
        raise Cancelled()
    # The best epoch on validation is kept (completed or cancelled). Tried on newgame8: keeping the
    # last epoch instead gave 78.4% vs 80.4% top-1 on the test part (within run-to-run noise).
    result.kept_epoch = result.best_epoch
    result.state = {k: v.contiguous() for k, v in result.state.items()}
    network.load_state_dict(result.state)
    result.views = view_choices[0] if view_choices else prep.views
    if len(yv) and (tta_flip or val_images.dim() == 5):  # the kept network as recognition will run it
        logits = predict_logits(network, val_images, prep, device, tta_flip, per_view=True)
        names = prep.views.split("+")
        best = None
        for choice in view_choices or (prep.views,):
            picked = logits[:, [names.index(v) for v in choice.split("+")]].mean(1)
            _, acc, probs = evaluate_logits(picked, yv)
            if best is None or acc > best[1]:
                best = (choice, acc, probs)
        result.views, result.kept_val_acc, result.val_probs = best
    else:
        result.kept_val_acc = result.best_val_acc
    network.to("cpu").to(memory_format=torch.contiguous_format).eval()
    return result
