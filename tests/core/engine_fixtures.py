"""Fixtures shared by the engine tests (models, embeddings, training, recognition, engine CLI).

Import the fixtures into a test module (``from tests.core.engine_fixtures import isolated_weights, ...``).
Everything is tiny: 64-pixel synthetic pictures, a handful per character.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths

TINY = 64
# Tests of mechanisms on TINY pictures name the ImageNet backbone: the head-mode default (anime_lite0) was trained
# at 192 px on drawings and is not meant for 64-pixel synthetic pictures.
IMAGENET = "efficientnet_lite0"
SHARED_DOGS = Path(__file__).resolve().parents[2].parent / "shared" / "weights" / "mobilenet_v2_imagenet_dogs19.pth"


@pytest.fixture(autouse=False)
def isolated_weights(tmp_path, monkeypatch):
    """No network, an empty imported-weights folder and an empty torch hub cache."""
    monkeypatch.setenv("ANIMEID_OFFLINE", "1")
    monkeypatch.setenv("ANIMEID_WEIGHTS_DIR", str(tmp_path / "weights"))
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    return tmp_path / "weights"


def synthetic_library(root: Path, n_characters: int = 3, per_character: int = 10, seed: int = 0,
                      unlabelled: int = 0) -> tuple[Library, dict]:
    """A library with imported synthetic characters (folder names = labels)."""
    art = root / f"art{seed}"
    written = synthetic.write_folder(art, n_characters=n_characters, per_character=per_character, size=TINY,
                                     seed=seed, unlabelled=unlabelled, attrs_file=False)
    lib = Library.open(root / "lib")
    import_paths(lib, [str(art)])
    return lib, written


def easy_library(root: Path, per_class: int = 10, seed: int = 0, unlabelled: int = 0) -> tuple[Library, dict]:
    """A library whose three characters any pretrained backbone tells apart (dominant colours).

    For asserting accuracy; the synthetic characters are deliberately hard at test sizes.
    """
    rng = np.random.default_rng(seed)
    art = root / f"easy{seed}"
    colours = {"aka": (210, 40, 40), "ao": (40, 70, 210), "midori": (40, 170, 60)}
    written: dict = {}
    def picture(colour, path: Path) -> Path:
        base = np.clip(np.array(colour) + rng.normal(0, 25, (TINY, TINY, 3)), 0, 255).astype(np.uint8)
        img = Image.fromarray(base)
        draw = ImageDraw.Draw(img)
        for _ in range(3):
            x, y = rng.integers(0, TINY - 16, 2)
            shade = tuple(int(v) for v in rng.integers(0, 255, 3))
            draw.ellipse([int(x), int(y), int(x) + 14, int(y) + 14], fill=shade)
        img.save(path)
        return path

    for name, colour in colours.items():
        (art / name).mkdir(parents=True, exist_ok=True)
        written[name] = [picture(colour, art / name / f"{i}.png") for i in range(per_class)]
    # loose files at the top of the imported folder stay unlabelled
    written[""] = [picture(list(colours.values())[j % 3], art / f"loose_{j}.png") for j in range(unlabelled)]
    lib = Library.open(root / "lib")
    import_paths(lib, [str(art)])
    return lib, written


@pytest.fixture
def easy_lib(tmp_path, isolated_weights):
    """3 colour-coded characters x 10 pictures, imported and labelled, plus 4 unlabelled ones."""
    lib, written = easy_library(tmp_path, unlabelled=4)
    yield lib, written
    lib.close()


@pytest.fixture
def synth_lib(tmp_path, isolated_weights):
    """3 characters x 10 pictures, imported and labelled, plus 4 unlabelled ones."""
    lib, written = synthetic_library(tmp_path, unlabelled=4)
    yield lib, written
    lib.close()


def face_crops_found(logs) -> int:
    """How many detected-face crops a run's log says it found ("faces: N of M one-character pictures ...")."""
    lines = [m for m in logs if m.startswith("faces: ")]
    assert len(lines) == 1, lines
    return int(lines[0].split()[1])
