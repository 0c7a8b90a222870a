"""Rebuild the shipped anime-aware backbone (``animeid_desktop/resources/anime_lite0.safetensors``).

Trains ImageNet EfficientNet-Lite0 with CosFace margins on every picture of the sets in ../shared/datasets
(folder per character), 10-20 minutes on 2 CPUs. ``--leave-out SET`` builds the leave-one-set-out
backbone used to measure it (``benchmarks/accuracy.py --anime-folds DIR``, DIR holding ``no_SET.safetensors``).

Usage::

    .venv/bin/python packaging/build_anime_backbone.py                        # the shipped file
    .venv/bin/python packaging/build_anime_backbone.py --leave-out faces6 --out DIR/no_faces6.safetensors
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANIMEID_OFFLINE", "1")

DATASETS = ROOT.parent / "shared" / "datasets"
SHIPPED = ROOT / "animeid_desktop" / "resources" / "anime_lite0.safetensors"


def main(argv=None) -> int:
    from animeid_desktop.core.training.anime_backbone import BackboneRecipe, build_anime_backbone

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--datasets", type=Path, default=DATASETS, help="folder of sets (folder per character)")
    p.add_argument("--sets", default="newgame8,websearch15,faces6")
    p.add_argument("--leave-out", default="", help="a set to leave out (for the leave-one-set-out measurement)")
    p.add_argument("--out", type=Path, default=SHIPPED)
    p.add_argument("--epochs", type=int, default=BackboneRecipe.epochs)
    args = p.parse_args(argv)
    roots = [args.datasets / s for s in args.sets.split(",") if s != args.leave_out]
    missing = [r for r in roots if not r.is_dir()]
    if missing:
        print(f"{missing[0]} is not present: nothing to build", file=sys.stderr)
        return 1

    def progress(done: int, total: int, text: str) -> None:
        if done == total or done % 10 == 0:
            print(f"  {done}/{total} {text}", flush=True)

    outcome = build_anime_backbone(roots, out=args.out, recipe=BackboneRecipe(epochs=args.epochs),
                                   on_progress=progress)
    print(f"{outcome.path}: {outcome.images} pictures of {len(outcome.characters)} characters "
          f"({', '.join(r.name for r in roots)}), loss by epoch {' '.join(f'{v:.2f}' for v in outcome.losses)}, "
          f"train accuracy {outcome.train_accuracy:.1%}, {outcome.seconds:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
