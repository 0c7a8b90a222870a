"""Anime-aware eyes: train ImageNet EfficientNet-Lite0 into a character-embedding backbone (CosFace margins).

Builds the ``anime_lite0`` weights that ship in ``animeid_desktop/resources/`` (``packaging/build_anime_backbone.py``
runs it on ../shared/datasets; docs/decisions/0018 has what was measured). Input: folder-per-character sets;
output: the backbone's state dict as fp16 safetensors, loadable as ``anime_lite0`` like any imported weights.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn
from torchvision.transforms import v2 as T

from animeid_desktop.core.engine.model_files import save_tensors
from animeid_desktop.core.engine.registry import freeze_early, get_spec, keep_frozen_eval
from animeid_desktop.core.engine.weights import pretrained_backbone, resolve_weights
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.media.images import IMAGE_EXTENSIONS, ImageError, load_rgb
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop

START_MODEL = "efficientnet_lite0"  # the ImageNet weights it starts from (same architecture as anime_lite0)
DECODED_SIDE = 320  # pictures are held in memory with their longer side at most this


@dataclass(frozen=True)
class BackboneRecipe:
    """How the backbone is trained (fixed before any evaluation; see docs/decisions/0018)."""

    epochs: int = 8
    size: int = 192  # training input (features are read at 224: a little larger than trained is no loss)
    freeze: float = 0.4  # input-side share of the backbone kept at ImageNet (faster; generic edges stay)
    lr: float = 3e-4  # backbone; the margin head learns 10x faster
    weight_decay: float = 1e-4
    batch_size: int = 32
    margin: float = 0.25  # CosFace: cosine margin of the true character
    scale: float = 30.0  # CosFace: logit scale
    upper_square: float = 0.5  # chance of keeping only the top square of a tall picture (where faces are)
    seed: int = 0


@dataclass(frozen=True)
class BackboneOutcome:
    """What a build made: the file, from what, and its training figures (loss per epoch, last accuracy)."""

    path: Path
    images: int
    characters: List[str]
    losses: List[float]
    train_accuracy: float
    seconds: float


class CosFace(nn.Module):
    """Large-margin cosine loss: unit features against unit character weights, the true one's cosine lowered."""

    def __init__(self, dim: int, classes: int, *, scale: float, margin: float) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.randn(classes, dim) * 0.01)
        self.scale, self.margin = scale, margin

    def cosines(self, feats: torch.Tensor) -> torch.Tensor:
        return F.normalize(feats) @ F.normalize(self.weight).t()

    def forward(self, feats: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        cos = self.cosines(feats)
        return F.cross_entropy(self.scale * (cos - self.margin * F.one_hot(labels, cos.shape[1])), labels)


def character_folders(roots: Sequence[Path]) -> List[Tuple[str, List[Path]]]:
    """(``set/character``, picture files) for every character folder of every set folder in ``roots``."""
    found = []
    for root in roots:
        for folder in sorted(p for p in Path(root).iterdir() if p.is_dir()):
            files = sorted(f for f in folder.iterdir() if f.is_file() and f.suffix.lower() in IMAGE_EXTENSIONS)
            if files:
                found.append((f"{Path(root).name}/{folder.name}", files))
    if len({name for name, _ in found}) < 2:
        raise UserError("an anime backbone needs at least two character folders with pictures")
    return found


def _decoded(folders: List[Tuple[str, List[Path]]]) -> Tuple[List[Image.Image], np.ndarray]:
    images, labels = [], []
    for label, (_name, files) in enumerate(folders):
        for f in files:
            try:
                img = load_rgb(f, target=DECODED_SIDE)
            except ImageError as exc:
                raise UserError(f"{f}: cannot be decoded ({exc}); remove it or fix it") from exc
            img.thumbnail((DECODED_SIDE, DECODED_SIDE))
            images.append(img)
            labels.append(label)
    return images, np.array(labels)


class _UpperSquare:
    """With probability ``p``, keep the top square of a tall picture."""

    def __init__(self, p: float, rng: np.random.Generator) -> None:
        self.p, self.rng = p, rng

    def __call__(self, img: Image.Image) -> Image.Image:
        w, h = img.size
        return img.crop((0, 0, w, w)) if h > 1.1 * w and self.rng.random() < self.p else img


def augmentation(recipe: BackboneRecipe, rng: np.random.Generator) -> T.Compose:
    """Crops (often of the upper part), flips, colour jitter and grey scale: what varies between drawings."""
    spec = get_spec(START_MODEL)
    return T.Compose([
        _UpperSquare(recipe.upper_square, rng),
        T.RandomResizedCrop(recipe.size, scale=(0.35, 1.0), ratio=(0.75, 4 / 3)),
        T.RandomHorizontalFlip(),
        T.RandomApply([T.ColorJitter(0.3, 0.3, 0.3, 0.05)], p=0.8),
        T.RandomGrayscale(0.15),
        T.ToImage(), T.ToDtype(torch.float32, scale=True), T.Normalize(spec.mean, spec.std),
    ])


def build_anime_backbone(
    roots: Sequence[Path],
    *,
    out: Path,
    recipe: BackboneRecipe = BackboneRecipe(),
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> BackboneOutcome:
    """Train the backbone on the character folders of the set folders ``roots``; write ``out`` (fp16)."""
    t0 = time.perf_counter()
    torch.manual_seed(recipe.seed)
    rng = np.random.default_rng(recipe.seed)
    folders = character_folders(roots)
    images, labels = _decoded(folders)
    backbone = pretrained_backbone(get_spec(START_MODEL), resolve_weights(START_MODEL, allow_download=False))
    frozen = freeze_early(backbone, recipe.freeze)
    head = CosFace(get_spec(START_MODEL).feature_dim, len(folders), scale=recipe.scale, margin=recipe.margin)
    opt = torch.optim.AdamW([{"params": [p for p in backbone.parameters() if p.requires_grad], "lr": recipe.lr},
                             {"params": head.parameters(), "lr": 10 * recipe.lr}], weight_decay=recipe.weight_decay)
    per_epoch = math.ceil(len(images) / recipe.batch_size)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[recipe.lr, 10 * recipe.lr],
                                                total_steps=recipe.epochs * per_epoch, pct_start=0.1)
    aug = augmentation(recipe, rng)
    losses: List[float] = []
    correct = seen = 0.0
    for epoch in range(recipe.epochs):
        backbone.train()
        keep_frozen_eval(frozen)
        loss_sum = correct = seen = 0.0
        order = rng.permutation(len(images))
        for step, start in enumerate(range(0, len(order), recipe.batch_size)):
            check_stop(should_stop)
            idx = order[start:start + recipe.batch_size]
            x = torch.stack([aug(images[i]) for i in idx])
            y = torch.as_tensor(labels[idx])
            feats = backbone(x)
            loss = head(feats, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            loss_sum += float(loss.detach()) * len(idx)
            correct += int((head.cosines(feats.detach()).argmax(1) == y).sum())
            seen += len(idx)
            if on_progress:
                on_progress(epoch * per_epoch + step + 1, recipe.epochs * per_epoch,
                            f"epoch {epoch + 1}/{recipe.epochs}: loss {loss_sum / seen:.3f}")
        losses.append(loss_sum / seen)
    state = {k: v.detach().to(torch.float16) if v.is_floating_point() else v.detach()
             for k, v in backbone.state_dict().items()}
    names = [name for name, _files in folders]
    save_tensors(out, {k: v.contiguous() for k, v in state.items()},
                 {"model": "anime_lite0", "started_from": START_MODEL, "characters": ",".join(names),
                  "images": len(images), **asdict(recipe)})
    return BackboneOutcome(path=Path(out), images=len(images), characters=names, losses=losses,
                           train_accuracy=correct / max(1, seen), seconds=time.perf_counter() - t0)
