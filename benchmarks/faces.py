"""Anime-face detection: box recall/precision on generated group shots, coverage and cost on the shared sets.

Usage: ``nice -n 5 .venv/bin/python benchmarks/faces.py [--shots N] [--limit N] [--sets a,b,c]``

1. Generated group shots (``core/demo/synthetic_groups``: two or three characters, face boxes known):
   recall = true faces matched by a detected box with IoU >= 0.5 (one detection per face), precision =
   matched detections / all detections; the default detector beside a few other parameter settings.
2. newgame8, websearch15, faces6 (read in place from ../shared/datasets, unlabelled for faces, so
   measuring only): images with >= 1 face, faces per image, and the cost per image of the library job
   (decode on the thread pool + detect + cache write; hashes precomputed as in a library), first run
   and a re-run over the same files (cache hits), each projected to a 20,000-image library. ``--compare``
   measures the other detectors of :data:`COMPARED` on the same files beside the default.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from animeid_desktop.core.demo.synthetic import make_specs  # noqa: E402
from animeid_desktop.core.demo.synthetic_groups import render_group  # noqa: E402
from animeid_desktop.core.media.face_cache import FaceCache, detect_faces, summarise  # noqa: E402
from animeid_desktop.core.media.face_detection import FaceDetector, FaceParams, matched_boxes  # noqa: E402
from animeid_desktop.core.media.hashing import file_sha256  # noqa: E402

DATASETS = ROOT.parent / "shared" / "datasets"
SETS = ("newgame8", "websearch15", "faces6")
LIBRARY_SIZE = 20_000
VARIANTS = {
    "default": FaceParams(),
    "luma only (the default before decision 0022)": FaceParams(darkest_pass=False),
    "min_neighbors 2": FaceParams(min_neighbors=2),
    "min_neighbors 6": FaceParams(min_neighbors=6),
    "max_side 1024": FaceParams(max_side=1024),
    "pad 0": FaceParams(pad=0.0),
    "pad 0.2": FaceParams(pad=0.2),
    "scale 1.05, min_neighbors 3, luma only": FaceParams(scale_factor=1.05, min_neighbors=3, darkest_pass=False),
}


class DarkestChannel(FaceDetector):
    """The cascade on the darkest of R, G, B instead of luma (light hair stands out from skin): tried for
    issue 16's box recall, not the product's detector (decision 0006)."""

    @property
    def identity(self) -> str:
        return f"darkest-{super().identity}"

    def prepare(self, img: Image.Image) -> np.ndarray:
        return self.darkest_channel(self.shrunk(img))


DETECTORS = {name: (lambda p=params: FaceDetector(p)) for name, params in VARIANTS.items()}
DETECTORS["darkest channel only, scale 1.05, min_neighbors 3"] = lambda: DarkestChannel(
    FaceParams(scale_factor=1.05, min_neighbors=3, darkest_pass=False))
COMPARED = ("luma only (the default before decision 0022)", "scale 1.05, min_neighbors 3, luma only",
            "darkest channel only, scale 1.05, min_neighbors 3")


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain aligned text table."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    print(f"\n{title}")
    for k, r in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    sys.stdout.flush()


def group_shot_rows(count: int) -> List[List[object]]:
    """One row per detector variant: recall and precision on ``count`` generated group shots."""
    specs = make_specs(12, seed=9)
    shots = []
    for j in range(count):
        rng = np.random.default_rng([9, j])
        chosen = [specs[int(k)] for k in rng.choice(len(specs), size=int(rng.integers(2, 4)), replace=False)]
        shots.append(render_group(chosen, rng, size=int(rng.choice([256, 384, 512]))))
    rows = []
    for name, make in DETECTORS.items():
        detector = make()
        start = time.perf_counter()
        found = [[f.box for f in detector.detect(s.image)] for s in shots]
        ms = (time.perf_counter() - start) / count * 1000
        hits = sum(matched_boxes(s.faces, f) for s, f in zip(shots, found))
        true, detected = sum(len(s.faces) for s in shots), sum(map(len, found))
        rows.append([name, count, true, detected, f"{hits / true:.1%}", f"{hits / max(detected, 1):.1%}",
                     f"{ms:.1f}"])
    return rows


def dataset_rows_for(name: str, limit: int) -> List[dict]:
    """Rows (path, sha256) of a shared set's images, spread over its folders when ``limit`` cuts it."""
    files = sorted(p for p in (DATASETS / name).rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
    if limit and limit < len(files):
        files = [files[int(i * len(files) / limit)] for i in range(limit)]
    return [{"path": str(p), "sha256": file_sha256(p)} for p in files]


def timed_job(rows: List[dict], detector: FaceDetector, cache: FaceCache) -> Tuple[float, Dict[str, int]]:
    start = time.perf_counter()
    results = list(detect_faces(rows, detector=detector, cache=cache))
    return time.perf_counter() - start, summarise(results)


def dataset_row(name: str, limit: int, detector: FaceDetector, work: Path, label: str) -> List[object]:
    rows = dataset_rows_for(name, limit)
    cache = FaceCache(work / f"{name}-{''.join(c if c.isalnum() else '_' for c in label)}.sqlite")
    first, counts = timed_job(rows, detector, cache)
    again, recount = timed_job(rows, detector, cache)
    assert recount["cached"] == len(rows) and recount["faces"] == counts["faces"]
    n = max(1, len(rows))
    first_ms, again_ms = first / n * 1000, again / n * 1000
    return [name, label, len(rows), f"{counts['with_face']} ({counts['with_face'] / n:.0%})",
            f"{counts['faces'] / n:.2f}", f"{first_ms:.1f}", f"{again_ms:.2f}",
            f"{first_ms * LIBRARY_SIZE / 60000:.1f} min", f"{again_ms * LIBRARY_SIZE / 1000:.1f} s"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shots", type=int, default=150, help="generated group shots (default 150)")
    parser.add_argument("--limit", type=int, default=0, help="images per shared set (default: all)")
    parser.add_argument("--sets", default=",".join(SETS), help=f"shared sets to measure (default {','.join(SETS)})")
    parser.add_argument("--compare", action="store_true", help="also measure the detectors of COMPARED on the sets")
    args = parser.parse_args()
    import cv2

    detector = FaceDetector()
    print(f"{os.cpu_count()} CPU(s), load {', '.join(f'{v:.1f}' for v in os.getloadavg())}, OpenCV {cv2.__version__}"
          f", detector {detector.identity}")
    print_table("Generated group shots (2-3 faces each, 256-512 px): face boxes at IoU >= 0.5",
                ["detector", "shots", "faces", "detections", "recall", "precision", "ms/image"],
                group_shot_rows(args.shots))
    sets = [s for s in args.sets.split(",") if s]
    missing = [s for s in sets if not (DATASETS / s).is_dir()]
    if missing:
        print(f"\nnot measured (no such folder under {DATASETS}): {', '.join(missing)}")
    with tempfile.TemporaryDirectory(prefix="animeid-faces-") as work:
        detectors = {"default": detector, **({n: DETECTORS[n]() for n in COMPARED} if args.compare else {})}
        rows = [dataset_row(s, args.limit, d, Path(work), label) for s in sets if s not in missing
                for label, d in detectors.items()]
    if rows:
        print_table("Shared sets (unlabelled for faces: measuring only), the library job",
                    ["set", "detector", "images", ">=1 face", "faces/image", "first ms/image", "cached ms/image",
                     f"first run, {LIBRARY_SIZE:,} images", f"cached, {LIBRARY_SIZE:,} images"], rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
