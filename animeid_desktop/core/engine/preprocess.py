"""Turning decoded images into network input: resize method, size, normalisation, flip averaging.

A :class:`Preprocessing` has a stable text :attr:`~Preprocessing.id` that is part of the
embedding-cache key and of every saved model, so features are never mixed across preprocessings.

Methods: ``fit`` scales the whole picture into the square and pads the rest (nothing is cut off:
the default, since collections hold full artworks where a centre crop cuts heads off), ``crop``
scales the shorter side to ``size / 0.875`` and cuts the centre square (the ImageNet habit),
``squash`` stretches the picture to the square.

Views (averaged): the whole picture, its ``top`` square, its upper-centre ``face`` square, and the
``detected`` face: the largest face the anime-face detector finds, with the recognition crop's margin
(the face square where none is found), cut from a copy decoded at :data:`DETECTED_DECODE`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Iterable, List, Optional, Sequence, Tuple

import numpy as np
import torch
from PIL import Image

from animeid_desktop.core.media import face_detection
from animeid_desktop.core.media.face_crops import crop_face
from animeid_desktop.core.media.face_detection import FACE_DECODE_SIDE, Box
from animeid_desktop.core.media.images import load_rgb

METHODS = ("fit", "crop", "squash")
VIEWS = ("full", "full+top", "full+face", "full+top+face", "full+detected", "full+face+detected")
AUTO_VIEWS = "auto"  # finetune: decode every view, keep the combination that validates best
VIEW_CANDIDATES = ("full+face", "full+top", "full+top+face")  # what "auto" chooses from (ties: the first)
FACE_SHARE = 0.7  # the face view: the upper-centre square, this share of the picture's shorter side
DETECTED_DECODE = FACE_DECODE_SIDE  # the detected face view: cut from a copy decoded this large, like face crops
CROP_PCT = 0.875
PAD_RGB = (255, 255, 255)


def uses_detector(views: str) -> bool:
    """Whether views named like ``full+face+detected`` (or one view's name) need the anime-face detector."""
    return "detected" in views.split("+")


@dataclass(frozen=True)
class Preprocessing:
    """How an image becomes a normalised ``size`` x ``size`` tensor."""

    size: int
    mean: Tuple[float, float, float]
    std: Tuple[float, float, float]
    method: str = "fit"
    flip: bool = False  # average the features of the image and its mirror image
    views: str = "full"  # "+top": also the top (left) square; "+face": the upper-centre square; averaged

    @property
    def id(self) -> str:
        norm = ",".join(f"{v:g}" for v in (*self.mean, *self.std))
        views = "" if self.views == "full" else f":views={self.views}"
        if uses_detector(self.views):
            views += f":faces={face_detection.default_tag()}"
        return f"{self.method}{self.size}:norm={norm}" + (":flipavg" if self.flip else "") + views

    @property
    def n_views(self) -> int:
        return len(self.views.split("+"))

    def to_json(self) -> dict:
        return {"size": self.size, "mean": list(self.mean), "std": list(self.std), "method": self.method,
                "flip": self.flip, "views": self.views, "id": self.id}

    @classmethod
    def from_json(cls, data: dict) -> Preprocessing:
        views = data.get("views", "full")
        return cls(int(data["size"]), tuple(data["mean"]), tuple(data["std"]), data.get("method", "fit"),
                   bool(data.get("flip", False)), views if views in VIEWS else "full")

    def single_view(self) -> Preprocessing:
        return replace(self, views="full")

    def with_size(self, size: int) -> Preprocessing:
        return replace(self, size=int(size))

    @property
    def decode_target(self) -> int:
        """Shorter side to decode at (JPEG draft / reduce) so that nothing is upscaled needlessly."""
        return int(round(self.size / CROP_PCT)) if self.method == "crop" else self.size


def resize_to_array(img: Image.Image, size: int, method: str) -> np.ndarray:
    """Resize an RGB image per ``method`` into a ``size`` x ``size`` x 3 uint8 array."""
    w, h = img.size
    if method == "squash":
        return np.asarray(img.resize((size, size), Image.Resampling.BILINEAR, reducing_gap=3.0))
    if method == "crop":
        short = int(round(size / CROP_PCT))
        scale = short / min(w, h)
        nw, nh = max(size, round(w * scale)), max(size, round(h * scale))
        img = img.resize((nw, nh), Image.Resampling.BILINEAR, reducing_gap=3.0)
        left, top = (nw - size) // 2, (nh - size) // 2
        return np.asarray(img.crop((left, top, left + size, top + size)))
    if method != "fit":
        raise ValueError(f"unknown resize method {method!r}; use one of {', '.join(METHODS)}")
    scale = size / max(w, h)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    img = img.resize((nw, nh), Image.Resampling.BILINEAR, reducing_gap=3.0)
    out = np.empty((size, size, 3), dtype=np.uint8)
    out[...] = PAD_RGB
    left, top = (size - nw) // 2, (size - nh) // 2
    out[top : top + nh, left : left + nw] = np.asarray(img)
    return out


def load_array(source: str | os.PathLike | bytes, prep: Preprocessing) -> np.ndarray:
    """Decode (at reduced scale where possible) and resize one image; raises ``ImageError``."""
    return resize_to_array(load_rgb(source, target=prep.decode_target), prep.size, prep.method)


def image_to_array(img: Image.Image, prep: Preprocessing) -> np.ndarray:
    """Resize an already decoded PIL image (any mode) for ``prep`` (the full view only)."""
    if img.mode != "RGB":
        img = img.convert("RGB")
    return resize_to_array(img, prep.size, prep.method)


def top_square(img: Image.Image) -> Image.Image:
    """The square at the top of a portrait picture (left end of a landscape one): where faces usually are."""
    w, h = img.size
    side = min(w, h)
    return img.crop((0, 0, side, side))


def face_square(img: Image.Image, share: float = FACE_SHARE) -> Image.Image:
    """The upper-centre square, ``share`` of the shorter side: where the face of a portrait, a bust
    or a standing figure usually is (measured on newgame8: +1.9 points top-1 on average over five
    fine-tuned models when averaged with the whole picture, instead of the top square)."""
    w, h = img.size
    side = max(1, int(round(min(w, h) * share)))
    left = (w - side) // 2
    return img.crop((left, 0, left + side, side))


def detected_face(img: Image.Image, faces: Optional[Sequence[Box]] = None) -> Image.Image:
    """The largest detected anime face with the recognition crop's margin; the face square where none is found.
    ``faces``: the default detector's boxes of this very picture, largest first, when already found."""
    box = face_detection.largest_face_box(img) if faces is None else (faces[0] if faces else None)
    return crop_face(img, box) if box is not None else face_square(img)


CROPS = {"top": top_square, "face": face_square, "detected": detected_face}


def image_to_input(img: Image.Image, prep: Preprocessing, *, faces: Optional[Sequence[Box]] = None) -> np.ndarray:
    """All views of an image for ``prep``: (S, S, 3) for a single view, else (V, S, S, 3) in the order
    the views are named. ``faces``: see :func:`detected_face` (found once for the view and the face crops)."""
    if img.mode != "RGB":
        img = img.convert("RGB")
    full = resize_to_array(img, prep.size, prep.method)
    if prep.views == "full":
        return full
    views = [detected_face(img, faces) if v == "detected" else CROPS[v](img) for v in prep.views.split("+")[1:]]
    return np.stack([full] + [resize_to_array(v, prep.size, "squash") for v in views])


def multi_view_target(size: int, views: str = "") -> int:
    """Shorter side to decode at when several views are cut from the picture (the squares need detail,
    a detected face more)."""
    return DETECTED_DECODE if uses_detector(views) else int(size * 1.5)


def input_decode_side(prep: Preprocessing) -> int:
    """The shorter side :func:`load_input` decodes at for ``prep``."""
    return prep.decode_target if prep.views == "full" else multi_view_target(prep.size, prep.views)


def load_input(source: str | os.PathLike | bytes, prep: Preprocessing) -> np.ndarray:
    """Decode an image and prepare all its views (see :func:`image_to_input`); raises ``ImageError``."""
    return image_to_input(load_rgb(source, target=input_decode_side(prep)), prep)


def flatten_views(arrays: Sequence[np.ndarray]) -> Tuple[list, int]:
    """(one list of single-view arrays, views per image) from single- or multi-view inputs."""
    if not len(arrays) or arrays[0].ndim == 3:
        return list(arrays), 1
    return [v for a in arrays for v in a], int(arrays[0].shape[0])


def distinct_views(flat: Sequence[np.ndarray], views: int) -> Tuple[list, List[int]]:
    """(the views that differ, each view's position among them) of :func:`flatten_views`' list: a picture's
    identical views (a square picture's whole view and its top square) are computed once and still count
    as many times in its average."""
    if views == 1:
        return list(flat), list(range(len(flat)))
    unique: list = []
    index: List[int] = []
    for start in range(0, len(flat), views):
        seen: List[int] = []  # positions in ``unique`` of this picture's views so far
        for a in flat[start : start + views]:
            same = next((pos for pos in seen if np.array_equal(unique[pos], a)), None)
            if same is None:
                same = len(unique)
                unique.append(a)
                seen.append(same)
            index.append(same)
    return unique, index


def to_batch(
    arrays: Sequence[np.ndarray] | Iterable[np.ndarray],
    prep: Preprocessing,
    device: torch.device,
    channels_last: bool = True,
) -> torch.Tensor:
    """Stack uint8 HxWx3 arrays into a normalised float (N, 3, H, W) tensor on ``device``."""
    x = torch.from_numpy(np.stack(list(arrays))).to(device, non_blocking=True)
    x = x.permute(0, 3, 1, 2).float().div_(255.0)
    mean = torch.tensor(prep.mean, device=device).view(1, 3, 1, 1)
    std = torch.tensor(prep.std, device=device).view(1, 3, 1, 1)
    x = (x - mean) / std
    return x.contiguous(memory_format=torch.channels_last) if channels_last else x.contiguous()


def normalise_uint8(x: torch.Tensor, prep: Preprocessing) -> torch.Tensor:
    """Normalise a uint8 (N, 3, H, W) tensor already on its device."""
    mean = torch.tensor(prep.mean, device=x.device).view(1, 3, 1, 1) * 255.0
    std = torch.tensor(prep.std, device=x.device).view(1, 3, 1, 1) * 255.0
    return ((x.float() - mean) / std).contiguous(memory_format=torch.channels_last)


def default_preprocessing(spec, size: Optional[int] = None, method: str = "fit", flip: bool = False,
                          views: str = "full") -> Preprocessing:
    """The preprocessing of a model spec at its input size (or ``size``)."""
    return Preprocessing(int(size or spec.input_size), tuple(spec.mean), tuple(spec.std), method, flip, views)
