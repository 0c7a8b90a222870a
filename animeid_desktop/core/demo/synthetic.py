"""Procedural synthetic anime-style characters for tests, benchmarks and the demo library.

Pure PIL + numpy and deterministic from seeds. API:

- ``make_specs(n, seed=0) -> list[CharacterSpec]``: n distinct characters (hair colour AND style
  differ between neighbours); names like ``"akane_red"`` are unique, filesystem-safe and stable:
  ``make_specs(6, s) == make_specs(40, s)[:6]``.
- ``render(spec, rng, size=128, attrs=None, others=None) -> (RGB image, attrs)``: one random
  picture of ``spec`` (background, pose, lighting, occlusion, blur/noise/JPEG, sometimes a smaller
  second character drawn from ``others``). ``attrs`` are per-image attribute values as strings
  (see ``ATTRIBUTE_DEFS``: ``glasses`` "1"/"0", ``expression`` smile/neutral/angry); pass some to fix them.
- ``write_folder(root, n_characters=6, per_character=20, size=128, seed=0, fmt="png", unlabelled=0,
  attrs_file=True) -> {name: [paths]}``: writes ``root/<name>/<i>.<ext>`` (fmt png|jpeg|webp|mixed)
  and ``unlabelled`` loose ``root/unsorted_NNNN.<ext>`` files (key ``""``). With ``attrs_file``:
  ``root/attributes.json`` = {relative posix path of each labelled image: attrs} and, when there are
  loose images, ``root/unlabelled_truth.json`` = {relative path: {"character": name, **attrs}}.
- ``make_image(character, image_seed=0, size=128, spec_seed=0) -> (image, attrs)``: one picture of
  character ``character`` (index or name in ``make_specs(..., spec_seed)``).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from animeid_desktop.core.demo.synthetic_chibi import ACCESSORIES, EXPRESSIONS, HAIR_STYLES, PATTERNS, RGB, draw_chibi

ATTRIBUTE_DEFS = [("glasses", "bool", None), ("expression", "choice", ["smile", "neutral", "angry"])]
FORMATS = ("png", "jpeg", "webp", "mixed")
_EXT = {"png": "png", "jpeg": "jpg", "webp": "webp"}

HAIR_COLORS: List[Tuple[str, RGB]] = [
    ("red", (205, 45, 55)), ("blue", (55, 95, 215)), ("pink", (245, 140, 190)), ("green", (60, 165, 75)),
    ("blonde", (245, 215, 105)), ("silver", (195, 200, 215)), ("black", (38, 36, 48)), ("brown", (125, 78, 42)),
    ("purple", (135, 70, 185)), ("orange", (242, 135, 40)), ("teal", (30, 160, 165)), ("mint", (150, 232, 195)),
]
EYE_COLORS: List[RGB] = [(200, 40, 40), (40, 90, 200), (40, 150, 70), (160, 80, 200), (230, 160, 30),
                         (30, 170, 190), (120, 70, 40), (230, 90, 150)]
SKIN_TONES: List[RGB] = [(255, 228, 206), (250, 214, 185), (235, 190, 160), (200, 150, 115), (255, 238, 225)]
OUTFIT_COLORS: List[RGB] = [(235, 235, 240), (30, 40, 90), (200, 30, 60), (255, 200, 60), (90, 180, 90),
                            (110, 80, 170), (250, 150, 80), (80, 170, 230), (60, 60, 60), (240, 150, 200)]
BRIGHT_COLORS: List[RGB] = [(230, 50, 80), (255, 255, 255), (250, 210, 40), (60, 120, 230), (40, 40, 40),
                            (255, 140, 200), (120, 210, 90), (170, 90, 220)]
GIVEN_NAMES = (
    "akane sora hana yuki rin mio aoi haru kaede nana riko chika emi hikari kana miku natsu saki tomo yume "
    "asuka chiyo fumi hotaru izumi kotone mei nozomi rei sayaka tsubasa umi wakana yoko ayumi kiri madoka "
    "nagisa ran shiori tama mayu koharu hinata ichika momo suzu karin"
).split()


@dataclass(frozen=True)
class CharacterSpec:
    """Visual identity of one synthetic character (the same in every picture of it)."""

    name: str
    hair_color_name: str
    hair_color: RGB
    hair_style: str
    eye_color: RGB
    skin_tone: RGB
    outfit_color: RGB
    outfit_pattern: str
    pattern_color: RGB
    accessory: str
    accessory_color: RGB
    glasses_color: RGB


def _pick(rng: np.random.Generator, items: Sequence):
    return items[int(rng.integers(len(items)))]


def _spec(i: int, seed: int, perms: Dict[str, np.ndarray]) -> CharacterSpec:
    r = np.random.default_rng([seed, 7, i])
    hair_name, hair = HAIR_COLORS[perms["hair"][i % len(HAIR_COLORS)]]
    given = GIVEN_NAMES[perms["name"][i % len(GIVEN_NAMES)]]
    if i >= len(GIVEN_NAMES):
        given += str(i // len(GIVEN_NAMES) + 1)
    return CharacterSpec(
        name=f"{given}_{hair_name}",
        hair_color_name=hair_name,
        hair_color=hair,
        hair_style=HAIR_STYLES[perms["style"][(i + i // len(HAIR_COLORS)) % len(HAIR_STYLES)]],
        eye_color=EYE_COLORS[perms["eye"][i % len(EYE_COLORS)]],
        skin_tone=_pick(r, SKIN_TONES),
        outfit_color=OUTFIT_COLORS[perms["outfit"][i % len(OUTFIT_COLORS)]],
        outfit_pattern=PATTERNS[perms["pattern"][i % len(PATTERNS)]],
        pattern_color=_pick(r, BRIGHT_COLORS),
        accessory=ACCESSORIES[perms["accessory"][i % len(ACCESSORIES)]],
        accessory_color=_pick(r, BRIGHT_COLORS),
        glasses_color=_pick(r, [(40, 40, 40), (180, 40, 50), (60, 90, 200), (150, 110, 60)]),
    )


def make_specs(n: int, seed: int = 0) -> List[CharacterSpec]:
    """``n`` distinct characters; the first k of ``make_specs(n)`` equal ``make_specs(k)``."""
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = np.random.default_rng([seed, 3])
    perms = {key: rng.permutation(len(items)) for key, items in (
        ("hair", HAIR_COLORS), ("name", GIVEN_NAMES), ("style", HAIR_STYLES), ("eye", EYE_COLORS),
        ("outfit", OUTFIT_COLORS), ("pattern", PATTERNS), ("accessory", ACCESSORIES))}
    return [_spec(i, seed, perms) for i in range(n)]


def _random_spec(rng: np.random.Generator) -> CharacterSpec:
    """A throw-away extra character (for crowds when no other specs are given)."""
    return make_specs(int(rng.integers(12, 24)), seed=int(rng.integers(1 << 30)))[-1]


def sample_attributes(rng: np.random.Generator) -> Dict[str, str]:
    """Random per-image attribute values (glasses about 1 in 3, expressions uniform)."""
    return {"glasses": "1" if rng.random() < 0.35 else "0", "expression": _pick(rng, EXPRESSIONS)}


def _check_attrs(attrs: Dict[str, str]) -> None:
    if attrs["glasses"] not in ("0", "1") or attrs["expression"] not in EXPRESSIONS:
        raise ValueError(f"invalid synthetic attributes {attrs!r}")


def _random_color(rng: np.random.Generator) -> np.ndarray:
    return rng.integers(0, 256, 3).astype(np.float32)


def background(rng: np.random.Generator, size: int) -> Image.Image:
    """Flat, gradient, random shapes or smooth noise."""
    kind = _pick(rng, ("flat", "gradient", "shapes", "noise"))
    if kind == "gradient":
        a, b = _random_color(rng), _random_color(rng)
        theta = rng.uniform(0, 2 * np.pi)
        yy, xx = np.mgrid[0:size, 0:size] / max(size - 1, 1)
        t = xx * np.cos(theta) + yy * np.sin(theta)
        t = (t - t.min()) / max(np.ptp(t), 1e-6)
        arr = a + (b - a) * t[..., None]
        return Image.fromarray(arr.astype(np.uint8), "RGB")
    if kind == "noise":
        cells = int(rng.integers(3, 9))
        low = rng.integers(0, 256, (cells, cells, 3)).astype(np.uint8)
        img = Image.fromarray(low, "RGB").resize((size, size), Image.BICUBIC)
        arr = np.asarray(img, np.float32) + rng.normal(0, 12, (size, size, 3))
        return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    img = Image.new("RGB", (size, size), tuple(int(c) for c in _random_color(rng)))
    if kind == "shapes":
        draw = ImageDraw.Draw(img)
        for _ in range(int(rng.integers(4, 14))):
            x0, y0 = rng.integers(-size // 4, size, 2)
            w, h = rng.integers(size // 10, size // 2, 2)
            fill = tuple(int(c) for c in _random_color(rng))
            (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x0, y0, x0 + w, y0 + h), fill=fill)
    return img


def _place(canvas: Image.Image, spec: CharacterSpec, rng: np.random.Generator, scale: float,
           attrs: Dict[str, str], spread: float) -> None:
    """Draw ``spec`` at a random pose (scale, rotation, flip, offset) onto ``canvas``."""
    size = canvas.size[0]
    px = max(8, int(size * scale))
    layer = draw_chibi(spec, 2 * px, attrs["expression"], attrs["glasses"] == "1")
    layer = layer.resize((px, px), Image.BILINEAR)
    if rng.random() < 0.5:
        layer = layer.transpose(Image.FLIP_LEFT_RIGHT)
    layer = layer.rotate(float(rng.uniform(-20, 20)), resample=Image.BICUBIC, expand=True)
    cx = size / 2 + rng.uniform(-spread, spread) * size
    cy = size / 2 + rng.uniform(-spread, spread) * size
    canvas.paste(layer, (int(cx - layer.width / 2), int(cy - layer.height / 2)), layer)


def _occlude(img: Image.Image, rng: np.random.Generator) -> None:
    """Cover part of the picture with a random blob (a sign, a hand, a speech bubble...)."""
    size = img.size[0]
    draw = ImageDraw.Draw(img)
    w, h = rng.integers(size // 5, size // 2, 2)
    x0, y0 = rng.integers(-size // 8, size - size // 5, 2)
    fill = tuple(int(c) for c in _random_color(rng))
    (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x0, y0, x0 + w, y0 + h), fill=fill)


def degrade(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Lighting/contrast/colour-cast jitter, then maybe blur, sensor noise and JPEG artefacts."""
    arr = np.asarray(img, np.float32)
    mean = arr.mean()
    contrast, brightness = rng.uniform(0.7, 1.3), rng.uniform(0.75, 1.25)
    gain = rng.uniform(0.93, 1.07, 3).astype(np.float32)
    arr = ((arr - mean) * contrast + mean) * brightness * gain
    if rng.random() < 0.3:
        arr = arr + rng.normal(0, rng.uniform(3, 12), arr.shape)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    if rng.random() < 0.3:
        img = img.filter(ImageFilter.GaussianBlur(float(rng.uniform(0.4, 1.3))))
    if rng.random() < 0.2:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=int(rng.integers(20, 60)))
        img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return img


def render(spec: CharacterSpec, rng: np.random.Generator, size: int = 128, attrs: Optional[Dict[str, str]] = None,
           others: Optional[Sequence[CharacterSpec]] = None) -> Tuple[Image.Image, Dict[str, str]]:
    """One random RGB picture of ``spec`` and the attribute values drawn in it."""
    values = sample_attributes(rng)
    values.update(attrs or {})
    _check_attrs(values)
    img = background(rng, size)
    if rng.random() < 0.25:
        pool = [o for o in (others or []) if o.name != spec.name]
        extra = _pick(rng, pool) if pool else _random_spec(rng)
        _place(img, extra, rng, float(rng.uniform(0.3, 0.5)), sample_attributes(rng), spread=0.35)
    _place(img, spec, rng, float(rng.uniform(0.6, 1.1)), values, spread=0.15)
    if rng.random() < 0.2:
        _occlude(img, rng)
    return degrade(img, rng), values


def _save(img: Image.Image, path: Path, fmt: str) -> None:
    if fmt == "jpeg":
        img.save(path, "JPEG", quality=90)
    elif fmt == "webp":
        img.save(path, "WEBP", quality=85)
    else:
        img.save(path, "PNG", compress_level=1)


def write_folder(root: Union[str, Path], n_characters: int = 6, per_character: int = 20, size: int = 128,
                 seed: int = 0, fmt: str = "png", unlabelled: int = 0,
                 attrs_file: bool = True) -> Dict[str, List[Path]]:
    """Write a labelled folder tree of synthetic pictures; returns paths per character name ("" = loose)."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}")
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    specs = make_specs(n_characters, seed)
    written: Dict[str, List[Path]] = {}
    attributes: Dict[str, Dict[str, str]] = {}
    truth: Dict[str, Dict[str, str]] = {}

    def emit(spec: CharacterSpec, rng: np.random.Generator, folder: Path, stem: str, k: int) -> Tuple[Path, Dict]:
        img, values = render(spec, rng, size, others=specs)
        kind = FORMATS[k % 3] if fmt == "mixed" else fmt
        path = folder / f"{stem}.{_EXT[kind]}"
        _save(img, path, kind)
        return path, values

    for ci, spec in enumerate(specs):
        folder = root / spec.name
        folder.mkdir(exist_ok=True)
        written[spec.name] = []
        for i in range(per_character):
            path, values = emit(spec, np.random.default_rng([seed, 1, ci, i]), folder, str(i), ci + i)
            written[spec.name].append(path)
            attributes[path.relative_to(root).as_posix()] = values
    if unlabelled:
        if not specs:
            raise ValueError("unlabelled images need at least one character")
        written[""] = []
        for j in range(unlabelled):
            rng = np.random.default_rng([seed, 2, j])
            spec = specs[int(rng.integers(len(specs)))]
            path, values = emit(spec, rng, root, f"unsorted_{j:04d}", j)
            written[""].append(path)
            truth[path.relative_to(root).as_posix()] = {"character": spec.name, **values}
    if attrs_file:
        (root / "attributes.json").write_text(json.dumps(attributes, indent=1, sort_keys=True), encoding="utf-8")
        if truth:
            (root / "unlabelled_truth.json").write_text(json.dumps(truth, indent=1, sort_keys=True), encoding="utf-8")
    return written


def make_image(character: Union[int, str], image_seed: int = 0, size: int = 128,
               spec_seed: int = 0) -> Tuple[Image.Image, Dict[str, str]]:
    """One picture of a character given by index or name (names looked up among the first 64)."""
    if isinstance(character, str):
        by_name = {s.name: s for s in make_specs(64, spec_seed)}
        if character not in by_name:
            raise KeyError(f"no synthetic character named {character!r}")
        spec = by_name[character]
    else:
        spec = make_specs(character + 1, spec_seed)[character]
    return render(spec, np.random.default_rng([spec_seed, 5, image_seed]), size)
