"""Bounded resources: batch recognition over 20,000 images with flat memory; peak RSS in a table.

Usage: ``.venv/bin/python benchmarks/bounded_memory.py [--images 20000] [--image-size 96] [--big 20]``

1. Draws 200 synthetic characters pictures and writes ``--images`` distinct JPEG files from them
   (each stamped with its own index, so no two files are alike), plus ``--big`` 4000x3000 photos.
2. Trains a small head model (mobilenet_v2) on a tiny labelled library.
3. In a fresh child process, streams ``Recognizer.predict_paths`` over every file, writing each
   prediction to a CSV as the CLI does, while a sampler thread records the resident set size
   every 0.1 s. The table shows RSS after each tenth of the files, the peak, and the growth
   between the first tenth and the end (flat memory = growth close to zero).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from typing import List

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from animeid_desktop.core.demo import synthetic  # noqa: E402


def write_images(folder: Path, n: int, big: int, seed: int = 0) -> List[str]:
    """``n`` distinct JPEGs (192-320 px) stamped with their index, plus ``big`` 4000x3000 ones."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    bases = [synthetic.make_image(i % 12, image_seed=i, size=256)[0] for i in range(200)]
    paths = []
    for i in range(n):
        img = bases[i % len(bases)].copy()
        side = int(rng.integers(192, 321))
        img = img.resize((side, side))
        stamp = np.unpackbits(np.array([i >> 8, i & 255], dtype=np.uint8)).reshape(4, 4) * 255
        img.paste(Image.fromarray(np.kron(stamp, np.ones((2, 2), np.uint8)).astype(np.uint8)).convert("RGB"), (0, 0))
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        path = sub / f"{i:06d}.jpg"
        img.save(path, "JPEG", quality=85)
        paths.append(str(path))
    for i in range(big):
        arr = rng.integers(0, 256, (3000 // 8, 4000 // 8, 3), dtype=np.uint8)
        img = Image.fromarray(arr).resize((4000, 3000), Image.Resampling.BILINEAR)
        path = folder / "big" / f"big_{i:03d}.jpg"
        path.parent.mkdir(exist_ok=True)
        img.save(path, "JPEG", quality=90)
        paths.append(str(path))
    return paths


def train_model(work: Path, image_size: int) -> Path:
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.importer import import_paths
    from animeid_desktop.core.training.pipeline import TrainConfig, train

    pics = work / "train_pics"
    synthetic.write_folder(pics, n_characters=4, per_character=12, size=128, seed=1, attrs_file=False)
    lib = Library.open(work / "lib")
    import_paths(lib, [pics])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        train(lib, TrainConfig(model="mobilenet_v2", mode="head", epochs=5, image_size=image_size,
                               allow_download=False))
    lib.close()
    return work / "lib"


def child(lib_dir: str, folder: str, csv_path: str, out_json: str, batch: int) -> None:
    """Stream predictions over ``folder``; record RSS over time and per tenth of the files."""
    import psutil

    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.recognition.recognizer import PredictionCsvWriter, Recognizer

    proc = psutil.Process()
    samples: List[float] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append(proc.memory_info().rss / 2**20)
            time.sleep(0.1)

    threading.Thread(target=sample, daemon=True).start()
    rec = Recognizer.load(Library.open(lib_dir, create=False), device="cpu")
    baseline = proc.memory_info().rss / 2**20
    marks = []
    errors = 0
    count = 0
    started = time.monotonic()
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        writer = PredictionCsvWriter(fh)
        for pred in rec.predict_paths([folder], batch_size=batch):
            writer.write_prediction(pred)
            count += 1
            errors += pred.error is not None
            if count % 1000 == 0:
                marks.append((count, proc.memory_info().rss / 2**20))
    seconds = time.monotonic() - started
    stop.set()
    peak_hwm = _vm_hwm()
    Path(out_json).write_text(json.dumps({
        "count": count, "errors": errors, "seconds": seconds, "baseline_mb": baseline, "marks": marks,
        "peak_sampled_mb": max(samples) if samples else None, "peak_hwm_mb": peak_hwm,
        "model": rec.model, "input": rec.prep.size, "device": str(rec.device),
    }))


def _vm_hwm() -> float | None:
    """Peak RSS from /proc (Linux); None elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=20_000)
    parser.add_argument("--big", type=int, default=20, help="4000x3000 JPEGs mixed in")
    parser.add_argument("--image-size", type=int, default=96, help="network input size of the trained model")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child, batch=args.batch)
        return 0
    with tempfile.TemporaryDirectory(prefix="animeid-mem-") as tmp:
        work = Path(tmp)
        t0 = time.monotonic()
        paths = write_images(work / "images", args.images, args.big)
        gen_s = time.monotonic() - t0
        lib_dir = train_model(work, args.image_size)
        out_json = work / "result.json"
        subprocess.run([sys.executable, __file__, "--child", str(lib_dir), str(work / "images"),
                        str(work / "predictions.csv"), str(out_json), "--batch", str(args.batch)],
                       check=True, cwd=str(REPO))
        res = json.loads(out_json.read_text())
        size_mb = sum(os.path.getsize(p) for p in paths) / 2**20
    print_table(args, res, len(paths), size_mb, gen_s)
    marks = res["marks"]
    growth = marks[-1][1] - marks[0][1] if len(marks) > 1 else 0.0
    return 0 if res["count"] == len(paths) and growth < 100 else 1


def print_table(args, res, n_files: int, size_mb: float, gen_s: float) -> None:
    marks = res["marks"]
    print(f"files: {n_files:,} ({size_mb:,.0f} MB on disk; {args.big} of them 4000x3000), generated in {gen_s:.0f} s")
    print(f"model: {res['model']} input {res['input']} px on {res['device']}, batch {args.batch}")
    print(f"predictions: {res['count']:,} ({res['errors']} with errors) in {res['seconds']:.0f} s "
          f"({res['count'] / max(res['seconds'], 1e-9):.0f} images/s)")
    print()
    print(f"{'images done':>12} {'RSS MB':>8}")
    step = max(1, len(marks) // 10)
    for done, rss in marks[step - 1 :: step]:
        print(f"{done:>12,} {rss:>8.0f}")
    print("-" * 22)
    print(f"{'after load':>12} {res['baseline_mb']:>8.0f}")
    if len(marks) > 1:
        print(f"{'growth':>12} {marks[-1][1] - marks[0][1]:>+8.0f}  (from {marks[0][0]:,} to {marks[-1][0]:,} images)")
    print(f"{'peak (HWM)':>12} {res['peak_hwm_mb'] or res['peak_sampled_mb']:>8.0f}")


if __name__ == "__main__":
    sys.exit(main())
