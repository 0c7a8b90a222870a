"""Thread policy (issue 6): torch intra-op threads x decode workers for frozen-backbone features.

While :func:`~animeid_desktop.core.engine.features.embed_sources` runs, a thread pool decodes JPEGs
(PIL releases the GIL) in parallel with the network's forward passes, so decoding and torch's
intra-op threads compete for the same cores. This measures images/s of the engine's feature
extraction (decode at target size + batches of 32 + the app's precision) for torch threads in
{cores, cores-1 (min 1)} x decode workers in {1, 2}, interleaved slice by slice in one run, and
marks the current default (``devices.inference_threads()`` x ``parallel_decode.decode_workers()``).

Measured on the 2-core test machine (``--images 96 --repeat 3 --slices 3``; images/s, bf16 weights):

==============  =====  =====  =====  =====
threads x dec.   2x2    2x1    1x2    1x1
==============  =====  =====  =====  =====
idle, run 1      105     90     67     61
idle, run 2      116    104     77     69
busy (~1.5 of    22      20     59     60
2 cores taken)
==============  =====  =====  =====  =====

So the default stays cores x 2 decoders (1.5x over cores - 1 when the machine is ours);
``ANIMEID_INFERENCE_THREADS`` = cores - 1 is the setting for a machine busy with other work.

Usage: ``.venv/bin/python benchmarks/thread_policy.py [--model efficientnet_lite0] [--images 96]``
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Dict, List, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import dataset_items, interleave, machine_line, print_table  # noqa: E402


def combos(cores: int) -> List[tuple]:
    """(torch threads, decode workers) pairs to compare, without repeats."""
    threads = sorted({cores, max(1, cores - 1)}, reverse=True)
    return [(t, w) for t in threads for w in (1, 2)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="efficientnet_lite0")
    parser.add_argument("--images", type=int, default=96)
    parser.add_argument("--slices", type=int, default=4, help="interleaving parts")
    parser.add_argument("--repeat", type=int, default=2, help="passes over the images")
    args = parser.parse_args(argv)
    items = dataset_items(args.images)
    if not items:
        print("newgame8 is not available; nothing to measure")
        return 0

    from throughput import build_backbone

    from animeid_desktop.core.engine import devices
    from animeid_desktop.core.engine.devices import pick_device, precision_name
    from animeid_desktop.core.engine.features import FeatureExtractor, embed_sources
    from animeid_desktop.core.engine.preprocess import default_preprocessing
    from animeid_desktop.core.media import parallel_decode

    spec, backbone, pretrained = build_backbone(args.model)
    device = pick_device()
    extractor = FeatureExtractor(backbone.eval(), default_preprocessing(spec), device)
    cores = devices._physical_cores()
    default = (devices.inference_threads(), parallel_decode.decode_workers())
    paths = [p for p, _c in items] * max(1, args.repeat)
    original, env = parallel_decode.decode_workers, os.environ.get("ANIMEID_INFERENCE_THREADS")

    def variant(threads: int, workers: int):
        def run(part: Sequence[str]):
            parallel_decode.decode_workers = lambda: workers
            os.environ["ANIMEID_INFERENCE_THREADS"] = str(threads)  # what decode_stream applies
            try:
                feats, _errors = embed_sources(extractor, [(str(i), p) for i, p in enumerate(part)])
            finally:
                parallel_decode.decode_workers = original
                if env is None:
                    os.environ.pop("ANIMEID_INFERENCE_THREADS", None)
                else:
                    os.environ["ANIMEID_INFERENCE_THREADS"] = env
            return len(feats)
        return run

    variants: Dict[str, object] = {f"{t}x{w}": variant(t, w) for t, w in combos(cores)}
    variants[next(iter(variants))](paths[:16])  # warm-up outside the timing
    print(machine_line(), flush=True)
    results: Dict[str, list] = {}
    seconds = interleave(variants, paths, args.slices * max(1, args.repeat), results)
    base = len(paths) / seconds[f"{cores}x2"]
    rows = []
    for name, secs in seconds.items():
        t, w = (int(v) for v in name.split("x"))
        ips = len(paths) / secs
        rows.append([args.model, t, w, len(paths), ips, 1000.0 / ips, f"{ips / base:.2f}x",
                     "default" if (t, w) == default else ""])
    print_table(f"Feature extraction images/s by torch threads x decode workers ({precision_name(device)}, "
                f"{cores} core(s), {'pretrained' if pretrained else 'random'} weights, interleaved)",
                ["model", "torch threads", "decode workers", "images", "images/s", "ms/image",
                 f"vs {cores}x2", "policy"], rows)
    print(f"\nafter: {machine_line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
