"""What each head-mode view set costs to recognise: decode, views and backbone per image, side by side.

Usage: ``nice -n 5 .venv/bin/python benchmarks/view_cost.py [--set newgame8] [--rounds 2] [--weights FILE]``

Every candidate of ``HEAD_VIEW_CANDIDATES`` embeds the same files (the set's README test part) with the
engine's ``embed_sources`` (``load_input`` on the decode thread pool, batches of 32), on the head-mode
backbone (``anime_lite0``; ``--weights`` imports another file for it, e.g. a leave-one-set-out fold).
Each candidate's best of ``--rounds`` rounds is printed in ms per image and as a ratio to the whole
picture alone.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANIMEID_OFFLINE", "1")

from benchmarks._common import machine_line, print_table  # noqa: E402


def ms_per_image(paths: List[str], candidate: str, backbone) -> float:
    """One pass of ``candidate``'s views over ``paths`` (the engine's own decode-and-embed loop)."""
    import torch

    from animeid_desktop.core.engine.features import FeatureExtractor, embed_sources
    from animeid_desktop.core.engine.preprocess import default_preprocessing
    from animeid_desktop.core.engine.registry import get_spec
    from animeid_desktop.core.training.head_views import candidate_prep

    prep = candidate_prep(candidate, default_preprocessing(get_spec("anime_lite0")))
    start = time.perf_counter()
    embed_sources(FeatureExtractor(backbone, prep, torch.device("cpu")), [(p, p) for p in paths])
    return (time.perf_counter() - start) / len(paths) * 1000


def main(argv: List[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--set", default="newgame8")
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--weights", default="", help="a weights file for anime_lite0 (default: the shipped one)")
    args = p.parse_args(argv)
    from animeid_desktop.core.engine.registry import get_spec
    from animeid_desktop.core.engine.weights import find_weights, import_weights, pretrained_backbone
    from animeid_desktop.core.training.head_views import candidates
    from benchmarks.accuracy import DATASETS, readme_split

    print(machine_line())
    with tempfile.TemporaryDirectory(prefix="animeid-views-") as tmp:
        if args.weights:
            os.environ["ANIMEID_WEIGHTS_DIR"] = tmp
            import_weights(Path(args.weights), "anime_lite0")
        backbone = pretrained_backbone(get_spec("anime_lite0"), find_weights("anime_lite0"))
        _training, test = readme_split(DATASETS / args.set)
        paths = [str(f) for f, _name in test]
        times: Dict[str, List[float]] = {}
        for _round in range(args.rounds):
            for candidate in candidates():
                times.setdefault(candidate, []).append(ms_per_image(paths, candidate, backbone))
    base = min(times["full"])
    print_table(f"{args.set} test part ({len(paths)} images), anime_lite0, best of {args.rounds} rounds",
                ["views", "ms/image", "x whole picture"],
                [[c, f"{min(t):.1f}", f"{min(t) / base:.2f}"] for c, t in times.items()])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
