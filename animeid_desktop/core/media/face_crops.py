"""Face crops: the part of a picture around a face box, with a margin, for training and recognition.

The same margin is used on both sides (what training learns from is what recognition looks at). A
training crop is written once to ``<library>/cache/crops/<key>.png`` (lossless), named by a key
that hashes the image's content hash, the box and the margin: a moved box gives a new crop.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Tuple

from PIL import Image

from animeid_desktop.core.media.face_detection import FACE_DECODE_SIDE
from animeid_desktop.core.media.images import load_rgb

Box = Tuple[float, float, float, float]
FACE_MARGIN = 0.25  # added on each side, as a fraction of the box's width and height
CROP_FOLDER = "crops"
CROP_FEATURES_VARIANT = f"|face crops, margin {FACE_MARGIN}, from {FACE_DECODE_SIDE} px"  # their feature caches


def margin_box(box: Box, margin: float = FACE_MARGIN) -> Box:
    """``box`` grown by ``margin`` of its size on each side, clipped to the picture."""
    x0, y0, x1, y1 = box
    dx, dy = (x1 - x0) * margin, (y1 - y0) * margin
    return max(0.0, x0 - dx), max(0.0, y0 - dy), min(1.0, x1 + dx), min(1.0, y1 + dy)


def crop_face(img: Image.Image, box: Box, margin: float = FACE_MARGIN) -> Image.Image:
    """The region of ``box`` (fractions of the picture) plus ``margin``, at least 1 x 1 pixel."""
    x0, y0, x1, y1 = margin_box(box, margin)
    w, h = img.size
    left, top = min(w - 1, int(x0 * w)), min(h - 1, int(y0 * h))
    return img.crop((left, top, max(left + 1, round(x1 * w)), max(top + 1, round(y1 * h))))


def crop_key(sha256: str, box: Box, margin: float = FACE_MARGIN) -> str:
    """A content key for the crop of ``box`` in the image with this content hash (64 hex digits)."""
    text = f"{sha256}|{','.join(f'{v:.4f}' for v in box)}|{margin:g}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def crop_feature_key(sha256: str, box: Box) -> str:
    """A detected face crop's key in the crop feature caches: the picture's content hash and the box."""
    return sha256 + "|" + ",".join(f"{v:.5f}" for v in box)


def crop_path(cache_dir: str | os.PathLike, key: str) -> Path:
    """Where the crop with ``key`` is kept under a library's cache folder."""
    return Path(cache_dir) / CROP_FOLDER / f"{key}.png"


def write_crop(source: str | os.PathLike, target: Path, box: Box, margin: float = FACE_MARGIN) -> None:
    """Decode ``source``, crop ``box`` and write it to ``target`` atomically (kept when present);
    raises ``ImageError`` when the source cannot be decoded."""
    if target.is_file():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_suffix(".part")
    crop_face(load_rgb(source), box, margin).save(part, "PNG", compress_level=1)
    os.replace(part, target)
