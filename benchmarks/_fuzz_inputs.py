"""Inputs for ``fuzz_import.py``: malformed image files (Hypothesis-drawn and seeded-random mutations
of valid seeds, plus special inputs) and file-system oddities, written into a folder tree."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path
from typing import Dict, List, Tuple

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from PIL import Image

from tests.hardening.malformed import (
    EXT,
    apply_ops,
    op_strategy,
    random_ops,
    seed_images,
    slow_jpeg,
    special_inputs,
)

CHARACTERS = ["aoi", "rin", "mio", "kana", ""]  # "" = loose files in the root


def hypothesis_inputs(n: int, seed: int) -> List[Tuple[str, str, bytes]]:
    """``n`` mutated seeds drawn by Hypothesis: (seed name, format, bytes)."""
    names = sorted(seed_images())
    out: List[Tuple[str, str, bytes]] = []

    @hypothesis_seed(seed)
    @settings(max_examples=n, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(name=st.sampled_from(names), ops=st.lists(op_strategy(), min_size=1, max_size=4))
    def collect(name, ops):
        fmt, data = seed_images()[name]
        out.append((name, fmt, apply_ops(data, fmt, ops)))

    collect()
    return out[:n]


def random_inputs(n: int, seed: int) -> List[Tuple[str, str, bytes]]:
    """``n`` mutated seeds with mutations drawn from a seeded RNG."""
    rng = random.Random(seed)
    names = sorted(seed_images())
    out = []
    for _ in range(n):
        name = rng.choice(names)
        fmt, data = seed_images()[name]
        out.append((name, fmt, apply_ops(data, fmt, random_ops(rng, len(data)))))
    return out


def big_png() -> bytes:
    """A valid 8944x8944 PNG (just under the 80 MP limit) that compresses to a few hundred KB."""
    buf = io.BytesIO()
    Image.new("L", (8944, 8944), 0).save(buf, "PNG", optimize=False, compress_level=9)
    return buf.getvalue()


def write_inputs(root: Path, n: int, seed: int) -> Dict[str, object]:
    """Write every input under ``root``; return counts and the list of regular files written."""
    half = n // 2
    hyp = hypothesis_inputs(half, seed)
    rnd = random_inputs(n - len(hyp), seed + 1)
    specials = special_inputs() + [("slow_many_scans.jpg", slow_jpeg(8000, 9000, 40000)),
                                   ("big_80mp.png", big_png())]
    files: List[str] = []
    for folder in CHARACTERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
    for k, (name, fmt, data) in enumerate(hyp + rnd):
        ext = EXT[fmt] if k % 11 else ".png"  # some carry the wrong extension
        path = root / CHARACTERS[k % len(CHARACTERS)] / f"{k:05d}_{name}{ext}"
        path.write_bytes(data)
        files.append(str(path))
    for name, data in specials:
        path = root / "special" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        files.append(str(path))
    oddities = write_oddities(root / "odd")
    unique = len({Path(f).read_bytes() for f in files})
    return {"hypothesis": len(hyp), "random": len(rnd), "special": len(specials), "files": files,
            "unique": unique, "oddities": oddities}


def write_oddities(odd: Path) -> Dict[str, str]:
    """File-system entries that are not plain readable files: {path: expected reason fragment}."""
    odd.mkdir(parents=True)
    good = seed_images()["png"][1]
    expected: Dict[str, str] = {}
    (odd / "sub").mkdir()
    os.symlink(odd / "sub", odd / "sub" / "loop")
    expected[str(odd / "sub" / "loop")] = "symlink loop"
    os.symlink(odd / "gone.png", odd / "dangling.png")
    expected[str(odd / "dangling.png")] = "broken link"
    os.mkfifo(odd / "pipe.jpg")
    expected[str(odd / "pipe.jpg")] = "not a regular file"
    locked = odd / "locked.png"
    locked.write_bytes(good + b"locked")
    locked.chmod(0)
    expected[str(locked)] = "permission denied"
    closed = odd / "closed_folder"
    closed.mkdir()
    (closed / "inside.png").write_bytes(good + b"inside")
    closed.chmod(0)
    expected[str(closed)] = "permission denied"
    bad_name = os.fsencode(odd) + b"/bad\xff\xfename.png"
    with open(bad_name, "wb") as fh:
        fh.write(good + b"badname")
    expected[os.fsdecode(bad_name)] = "not valid utf-8"
    newline = odd / "new\nline.png"
    newline.write_bytes(good + b"newline")
    expected[str(newline)] = ""  # imports fine
    (odd / "folder.jpg").mkdir()
    return expected
