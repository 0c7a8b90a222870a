"""Instant retrain (issue 6, item 2): add a 50-image character to an embedded 3,000-image library and
retrain in ``head`` mode; target <= 5 s end to end (import + train), with a per-stage breakdown.

Steps, all through the app's own ``import_paths`` and ``train``: generate ``--characters`` x
``--per`` synthetic JPEGs (sizes alternate between 128 and 224 px), import them, train once (cold:
this embeds every image for the first time, which gives the synthetic first-time-embedding figure),
then import a 50-image new character and train again (warm: the cache holds all old features). The
cold run is the baseline, measured in the same process. Stage times come from the training events
(``computing features``, ``finding near-duplicates``, ``training head``, ``saving``).

``--unlabelled N`` (issue 19: a big collection) imports N more pictures, unlabelled, after the first
training and before the newcomer: tiny distinct PNGs (real files through the real importer), whose
features are put in the library's ordinary feature cache as random unit vectors (SYNTHETIC: embedding
100,000 real pictures takes most of an hour here), so the library is "embedded" as a user's is once
the Clusters or Duplicates page has run.

Usage: ``.venv/bin/python benchmarks/retrain_speed.py [--characters 20 --per 150] [--unlabelled 97000]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine_line, print_table  # noqa: E402


class StageClock:
    """Seconds per training stage, from ``stage`` events."""

    def __init__(self) -> None:
        self.marks: List[Tuple[str, float]] = []
        self.logs: List[str] = []

    def __call__(self, ev) -> None:
        if ev.kind == "stage":
            self.marks.append((ev.message, time.perf_counter()))
        elif ev.kind == "log":
            self.logs.append(ev.message)

    def stages(self, end: float) -> Dict[str, float]:
        out: Dict[str, float] = {}
        for (name, t), nxt in zip(self.marks, [m[1] for m in self.marks[1:]] + [end]):
            out[name] = out.get(name, 0.0) + nxt - t
        return out


def write_art(root: Path, n_chars: int, per: int) -> Dict[str, list]:
    """Synthetic characters, alternating 128 and 224 px folders; the last character is the newcomer."""
    from animeid_desktop.core.demo import synthetic

    written: Dict[str, list] = {}
    for size in (128, 224):
        part = synthetic.write_folder(root / str(size), n_characters=n_chars + 1, per_character=per // 2,
                                      size=size, fmt="jpeg", attrs_file=False, seed=0)
        for name, paths in part.items():
            written.setdefault(name, []).extend(paths)
    return written


def add_unlabelled(lib, folder: Path, count: int) -> float:
    """Import ``count`` tiny distinct unlabelled PNGs and cache random features for them; seconds taken."""
    import numpy as np
    from PIL import Image

    from animeid_desktop.core.engine.features import feature_cache, image_rows
    from animeid_desktop.core.library.importer import import_paths

    rng = np.random.default_rng(1)
    t = time.perf_counter()
    folder.mkdir(parents=True)  # files at the top of the imported folder: no character (subfolders would be)
    for i in range(count):
        Image.fromarray(rng.integers(0, 256, (16, 16, 3), dtype=np.uint8)).save(folder / f"u{i}.png")
    write_s = time.perf_counter() - t
    t = time.perf_counter()
    import_paths(lib, [str(folder)])
    labelled = int(lib.scalar("SELECT COUNT(DISTINCT image_id) FROM labels"))
    cache = feature_cache(lib)
    every = image_rows(lib)
    known = cache.get_many([r["sha256"] for r in every])
    rows = [r for r in every if r["sha256"] not in known]
    for start in range(0, len(rows), 5000):
        vectors = rng.standard_normal((len(rows[start:start + 5000]), 1280)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        cache.put_many({r["sha256"]: v for r, v in zip(rows[start:start + 5000], vectors)})
    print(f"unlabelled: {count:,} PNGs written in {write_s:.0f} s, imported and given cached features in "
          f"{time.perf_counter() - t:.0f} s; the library has {labelled:,} labelled images", flush=True)
    return time.perf_counter() - t


def timed_train(lib, config) -> Tuple[float, Dict[str, float], object, List[str]]:
    from animeid_desktop.core.training.pipeline import train

    clock = StageClock()
    t = time.perf_counter()
    result = train(lib, config, on_event=clock)
    end = time.perf_counter()
    return end - t, clock.stages(end), result, clock.logs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--characters", type=int, default=20)
    parser.add_argument("--per", type=int, default=150)
    parser.add_argument("--new", type=int, default=50, help="images of the new character")
    parser.add_argument("--unlabelled", type=int, default=0, help="unlabelled pictures added before the newcomer")
    args = parser.parse_args(argv)
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.importer import import_paths
    from animeid_desktop.core.training.pipeline import TrainConfig

    print(machine_line(), flush=True)
    with tempfile.TemporaryDirectory(prefix="animeid-retrain-") as tmp_name:
        tmp = Path(tmp_name)
        t = time.perf_counter()
        written = write_art(tmp / "art", args.characters, max(args.per, args.new))
        names = sorted(k for k in written if k)
        newcomer = names[-1]
        print(f"generated {sum(len(v) for v in written.values()):,} images in {time.perf_counter() - t:.0f} s",
              flush=True)
        lib = Library.open(tmp / "lib")
        t = time.perf_counter()
        for name in names[:-1]:
            import_paths(lib, [str(p) for p in written[name][: args.per]], character=name)
        import_s = time.perf_counter() - t
        n_lib = int(lib.scalar("SELECT COUNT(*) FROM images"))
        cold_s, cold_stages, cold, cold_logs = timed_train(lib, TrainConfig(mode="head"))
        print(f"cold training done in {cold_s:.1f} s", flush=True)
        if args.unlabelled:
            add_unlabelled(lib, tmp / "unlabelled", args.unlabelled)
        t = time.perf_counter()
        import_paths(lib, [str(p) for p in written[newcomer][: args.new]], character=newcomer)
        add_s = time.perf_counter() - t
        warm_s, warm_stages, warm, warm_logs = timed_train(lib, TrainConfig(mode="head"))
        lib.close()
    embed_cold = cold_stages.get("computing features", 0.0)
    stage_names = list(dict.fromkeys(list(cold_stages) + list(warm_stages)))
    rows = [[s, cold_stages.get(s, 0.0), warm_stages.get(s, 0.0)] for s in stage_names]
    rows += [["train() total", cold_s, warm_s], ["import", import_s, add_s],
             ["import + train (end to end)", import_s + cold_s, add_s + warm_s],
             ["best val acc %", 100 * cold.best_val_acc, 100 * warm.best_val_acc]]
    size = f"{n_lib:,}-image library" + (f" + {args.unlabelled:,} unlabelled (cached features)" if args.unlabelled
                                         else "")
    print_table(f"Head retrain: {size}, then +{args.new} images of a new character "
                f"(target: warm end to end <= 5 s)", ["stage (s)", "cold: first training", "warm: +1 character"],
                rows)
    print(f"\nfirst-time embedding (synthetic 128/224 px JPEGs, incl. decode): {1000 * embed_cold / n_lib:.1f} ms/image"
          f" over {n_lib:,} images (target <= 15)")
    print("cold log: " + "; ".join(m for m in cold_logs if m.startswith(("features", "warning", "WARNING"))))
    print("warm log: " + "; ".join(m for m in warm_logs if m.startswith(("features", "incremental"))))
    print(f"warm / cold train(): {warm_s / cold_s:.3f}  (speed-up {cold_s / warm_s:.0f}x)")
    print(f"after: {machine_line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
