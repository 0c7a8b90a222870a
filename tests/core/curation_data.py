"""Generated data for the curation tests: labelled synthetic characters, a held-out character whose
images are unlabelled (an "unknown" character), and planted near-duplicates.

:func:`curation_source` builds it once per test session (features at a small image size are
cached in the library); :func:`curation_copy` gives a test its own copy of the library to change.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Tuple

import numpy as np
from PIL import Image, ImageEnhance

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.engine.features import FeatureConfig, library_features
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths

SIZE = 96
CONFIG = FeatureConfig(size=SIZE)
N_CHARACTERS = 6
PER_CHARACTER = 14


@dataclass
class CurationData:
    """Where the generated library is and what is true about it."""

    root: Path
    library: Path
    held_out: str
    held_out_ids: List[int]
    planted: List[Tuple[int, int, str]] = field(default_factory=list)  # (original id, copy id, kind)
    truth: Dict[int, str] = field(default_factory=dict)  # image id -> character drawn


def _variants(img: Image.Image) -> Dict[str, Tuple[Image.Image, str, int]]:
    w, h = img.size
    return {
        "resized": (img.resize((w * 3 // 4, h * 3 // 4), Image.Resampling.BILINEAR), "PNG", 0),
        "recompressed": (img, "JPEG", 30),
        "colour": (ImageEnhance.Color(ImageEnhance.Brightness(img).enhance(1.15)).enhance(0.6), "PNG", 0),
    }


def build(root: Path) -> CurationData:
    src = root / "pictures"
    written = synthetic.write_folder(src, n_characters=N_CHARACTERS, per_character=PER_CHARACTER, size=SIZE, seed=5)
    names = [n for n in written if n]
    held = names[-1]
    copies = root / "copies"
    plan = []
    for n, name in enumerate(names[:2]):  # labelled copies of labelled pictures (same character folder)
        original = written[name][n]
        (copies / name).mkdir(parents=True, exist_ok=True)
        for kind, (img, fmt, quality) in _variants(Image.open(original).convert("RGB")).items():
            target = copies / name / f"{original.stem}_{kind}.{'jpg' if fmt == 'JPEG' else 'png'}"
            img.save(target, fmt, **({"quality": quality} if quality else {}))
            plan.append((original, target, kind))
    lib = Library.open(root / "lib")
    import_paths(lib, [src, copies])
    values = json.loads((src / "attributes.json").read_text(encoding="utf-8"))
    for name in names[:-1]:
        for key, type_, choices in synthetic.ATTRIBUTE_DEFS:
            L.define_attribute(lib, name, key, type_, choices)
    for rel, attrs in values.items():
        name = rel.split("/", 1)[0]
        if name != held:
            ids = L.image_ids_for_paths(lib, [str(src / rel)])
            L.set_attribute_values(lib, ids, name, attrs)
    held_ids = [r["id"] for r in L.labelled_images(lib) if r["character"] == held]
    L.delete_character(lib, held)  # its pictures are now unlabelled: a character the library does not know
    ids = {str(Path(r["path"])): r["id"] for r in lib.query("SELECT id, path FROM images")}
    planted = [(ids[str(o.resolve())], ids[str(t.resolve())], kind) for o, t, kind in plan]
    truth = {r["id"]: Path(r["path"]).parent.name for r in lib.query("SELECT id, path FROM images")}
    library_features(lib, config=CONFIG)  # computed once, cached in the library for every test
    lib.close()
    return CurationData(root, root / "lib", held, held_ids, planted, truth)


_SOURCE: List[CurationData] = []


def source() -> CurationData:
    """The generated curation library, built on first use (do not change it: use :func:`copy_library`)."""
    if not _SOURCE:
        root = Path(tempfile.mkdtemp(prefix="animeid-curation-"))
        atexit.register(shutil.rmtree, root, True)
        _SOURCE.append(build(root))
    return _SOURCE[0]


def copy_library(tmp_path: Path) -> Tuple[Library, CurationData]:
    """A private copy of the curation library (same image files, same cached features); close it after use."""
    data = source()
    shutil.copytree(data.library, tmp_path / "lib")
    return Library.open(tmp_path / "lib"), data


def rng_points(n: int, dim: int, seed: int) -> np.ndarray:
    """Random points for algorithm tests."""
    return np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
