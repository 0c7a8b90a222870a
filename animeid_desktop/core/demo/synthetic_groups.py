"""Group shots: two or three synthetic characters side by side, each face's box known.

The characters are drawn as head-and-shoulders portraits with anime proportions (tall eyes with
highlights, a pointed chin, bangs over the forehead) so that an anime-face detector has something to
find; colours come from each character's :class:`~animeid_desktop.core.demo.synthetic.CharacterSpec`.

- ``render_group(specs, rng, size=256) -> GroupShot``: one picture of ``specs`` left to right.
- ``write_group_shots(root, count, specs, size=256, seed=0) -> {relative path: truth}``: writes
  ``root/group_NNNN.png`` and ``root/group_truth.json`` = {relative path: {"characters": [names],
  "faces": [[x0, y0, x1, y1], ...]}} (boxes as fractions of the picture, in the order of the names).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Sequence, Tuple, Union

import numpy as np
from PIL import Image, ImageDraw

from animeid_desktop.core.demo.synthetic import CharacterSpec, background, degrade
from animeid_desktop.core.demo.synthetic_chibi import OUTLINE, WHITE, Look, _Pen, _shade

Box = Tuple[float, float, float, float]
TRUTH_FILE = "group_truth.json"
PORTRAIT_HEIGHT = 1.3  # a portrait layer is this many times as tall as it is wide
FACE_BOX = (20.0, 30.0, 80.0, 90.0)  # the face (brows to chin, cheek to cheek) in portrait units
_BANGS = (14, 40, 18, 14, 50, 4, 82, 14, 86, 40, 78, 44, 72, 30, 64, 40, 56, 28, 48, 42, 40, 28, 32, 40, 26, 30,
          20, 48)


@dataclass(frozen=True)
class GroupShot:
    """A picture of several characters with one face box per character (same order)."""

    image: Image.Image
    characters: Tuple[str, ...]
    faces: Tuple[Box, ...]


def draw_portrait(look: Look, px: int, smile: bool = False) -> Image.Image:
    """A ``px`` wide, ``PORTRAIT_HEIGHT * px`` tall RGBA layer: head and shoulders, transparent around."""
    layer = Image.new("RGBA", (px, round(px * PORTRAIT_HEIGHT)), (0, 0, 0, 0))
    pen = _Pen(ImageDraw.Draw(layer), px)
    hair = look.hair_color
    long_hair = look.hair_style in ("long", "twintails", "ponytail")
    pen.rect((12, 14, 88, 120 if long_hair else 70), fill=hair, radius=20)
    pen.polygon((8, 130, 14, 104, 40, 92, 60, 92, 86, 104, 92, 130), fill=look.outfit_color)  # shoulders
    pen.rect((42, 70, 58, 96), fill=_shade(look.skin_tone, 0.9))  # neck
    pen.polygon((20, 34, 80, 34, 78, 60, 62, 82, 50, 88, 38, 82, 22, 60), fill=look.skin_tone)  # face
    pen.polygon(_BANGS, fill=hair)
    for x in (27, 55):
        pen.ellipse((x, 44, x + 18, 68), fill=WHITE, outline=None)
        pen.ellipse((x + 2, 45, x + 16, 68), fill=look.eye_color, outline=None)
        pen.ellipse((x + 5, 50, x + 13, 64), fill=_shade(look.eye_color, 0.35), outline=None)
        pen.ellipse((x + 3, 47, x + 9, 54), fill=WHITE, outline=None)  # highlight
        pen.line((x - 2, 45, x + 9, 42, x + 20, 45), width=3.5)  # upper lashes
        pen.line((x + 1, 38, x + 16, 36), fill=_shade(hair, 0.5), width=1.5)  # brow
    if smile:
        pen.arc((44, 72, 56, 80), 20, 160, fill=OUTLINE, width=1.5)
    else:
        pen.line((47, 77, 53, 77), width=1.2)
    return layer


def render_group(specs: Sequence[CharacterSpec], rng: np.random.Generator, size: int = 256) -> GroupShot:
    """``specs`` side by side (one slot each, jittered) on a random background, lightly degraded."""
    if not 1 <= len(specs) <= 4:
        raise ValueError(f"a group shot holds 1 to 4 characters, not {len(specs)}")
    canvas = background(rng, size)
    slot = size / len(specs)
    faces = []
    for i, spec in enumerate(specs):
        px = max(16, int(slot * rng.uniform(0.75, 0.95)))
        layer = draw_portrait(spec, px, smile=bool(rng.random() < 0.5))
        x = int(i * slot + rng.uniform(0, slot - px))
        y = int(rng.uniform(0, max(1.0, 0.98 * size - px * FACE_BOX[3] / 100)))
        canvas.paste(layer, (x, y), layer)
        x0, y0, x1, y1 = (v * px / 100 for v in FACE_BOX)
        faces.append(((x + x0) / size, (y + y0) / size, (x + x1) / size, min(1.0, (y + y1) / size)))
    return GroupShot(degrade(canvas, rng), tuple(s.name for s in specs), tuple(faces))


def write_group_shots(root: Union[str, Path], count: int, specs: Sequence[CharacterSpec], size: int = 256,
                      seed: int = 0) -> Dict[str, dict]:
    """Write ``count`` group shots of 2 or 3 of ``specs`` (distinct) and their truth file; returns the truth."""
    if len(specs) < 2:
        raise ValueError("group shots need at least 2 characters")
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    truth: Dict[str, dict] = {}
    for j in range(count):
        rng = np.random.default_rng([seed, 11, j])
        n = min(len(specs), int(rng.integers(2, 4)))
        chosen = [specs[int(k)] for k in rng.choice(len(specs), size=n, replace=False)]
        shot = render_group(chosen, rng, size)
        path = root / f"group_{j:04d}.png"
        shot.image.save(path, "PNG", compress_level=1)
        truth[path.name] = {"characters": list(shot.characters),
                            "faces": [[round(v, 5) for v in box] for box in shot.faces]}
    (root / TRUTH_FILE).write_text(json.dumps(truth, indent=1, sort_keys=True), encoding="utf-8")
    return truth
