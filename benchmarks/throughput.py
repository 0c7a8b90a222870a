"""Recognition throughput (issue 6, item 1): files on disk -> top-k, engine vs a naive loop, side by side.

Variants, run interleaved slice by slice over the newgame8 JPEGs (up to 1024 px):

* ``naive``: PIL full-size decode, torchvision ``Resize``/``ToTensor``/``Normalize``, one image per
  forward, eager fp32 under ``torch.no_grad`` (what a hand-written script does), torch's default
  threads. ``naive-1-thread``: the same on one thread; on a busy machine one image per forward on
  several threads can be many times slower (OpenMP threads wait on each other), so ``vs best naive``
  divides by the faster of the two naive runs: the conservative ratio.
* ``engine``: the app's path (``embed_sources`` = what ``recognize_library`` runs on a cache miss and
  what ``Recognizer.predict_paths`` does): JPEG draft/``reduce`` decoding at the target size on a
  thread pool in parallel with inference, batches of 32 (on a CPU run through the network 8 images per pass,
  ``devices.images_per_pass``), ``inference_mode``, channels_last, bf16
  autocast where the CPU computes bf16 natively, torch on ``devices.inference_threads()`` threads
  (physical cores unless ``ANIMEID_INFERENCE_THREADS`` says otherwise; see ``thread_policy.py``).
  Batch norm folded into the convolutions; on CPUs with native bf16 the weights are converted to
  bf16 once (``core/engine/bf16_inference.py``).
* ``engine-whole-batches``: the same with each batch of 32 in one forward pass (``ANIMEID_IMAGES_PER_PASS=0``),
  as before decision 0013.
* ``engine-autocast``: the same with bf16 autocast instead of bf16 weights (``ANIMEID_FAST_INFERENCE=0``).
* ``engine-fp32``: the same with mixed precision off (``ANIMEID_PRECISION=fp32``): isolates bf16.
* ``onnxruntime``, ``int8-ort`` (dynamic), ``int8-ort-static`` (QDQ, calibrated): the folded backbone
  + head exported to ONNX and run by ONNX Runtime on the CPU behind the same decode pool
  (``_throughput_variants.py``; ``--extra none`` skips them). Not part of the app's path: adopt one
  only at >= 1.2x the engine with <= 0.5 points of top-1 lost.

Top-k = softmax of a linear head over the features (cost included). Top-1 on newgame8: a linear head
(``fit_head``) trained on each variant's own features of the even-indexed images, tested on the odd
ones; meaningful only with pretrained weights (marked ``pretrained``). ``agree`` = top-1 agreement of
the variant with ``engine-fp32`` under the same head trained on engine-fp32 features.

Usage: ``.venv/bin/python benchmarks/throughput.py [--models efficientnet_lite0,mobilenet_v2] [--images 494]``;
``--end-to-end ROUNDS [--also ../main] [--set websearch15]``: whole processes instead (``animeid recognize
FOLDER`` vs a naive script, imports and model loading included; see ``_end_to_end.py``), on newgame8 or
another shared set.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402
import torch  # noqa: E402
from _common import DATASET, dataset_items, interleave, machine_line, print_table  # noqa: E402
from _throughput_variants import ORT_VARIANTS, ort_variants  # noqa: E402


def build_backbone(name: str):
    """(backbone, pretrained?) for model ``name``: local pretrained weights, else a seeded random init."""
    from animeid_desktop.core.engine.registry import get_spec, seeded_backbone
    from animeid_desktop.core.engine.weights import find_weights, pretrained_backbone

    spec = get_spec(name)
    ws = find_weights(name)
    if ws is not None:
        return spec, pretrained_backbone(spec, ws), True
    return spec, seeded_backbone(spec, 0), False


def naive_features(backbone, spec, paths: Sequence[str]) -> np.ndarray:
    """The naive baseline: full decode, torchvision transforms, one fp32 forward per image."""
    import torchvision.transforms as T
    from PIL import Image

    tf = T.Compose([T.Resize((spec.input_size, spec.input_size)), T.ToTensor(), T.Normalize(spec.mean, spec.std)])
    out = []
    with torch.no_grad():
        for p in paths:
            with Image.open(p) as im:
                x = tf(im.convert("RGB")).unsqueeze(0)
            out.append(backbone(x)[0].numpy())
    return np.stack(out)


@contextlib.contextmanager
def env(**values: str) -> Iterator[None]:
    """Temporarily set environment variables (the engine reads its precision switches at call time)."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


ENGINE_ENVS = {
    "engine": {},
    "engine-whole-batches": {"ANIMEID_IMAGES_PER_PASS": "0"},
    "engine-autocast": {"ANIMEID_FAST_INFERENCE": "0"},
    "engine-fp32": {"ANIMEID_PRECISION": "fp32"},
}


def engine_features(extractor, paths: Sequence[str], settings: Dict[str, str]) -> np.ndarray:
    """The engine's streaming path (parallel draft decoding, batches, precision per ``settings``)."""
    from animeid_desktop.core.engine.features import embed_sources

    with env(**settings):
        feats, errors = embed_sources(extractor, [(str(i), p) for i, p in enumerate(paths)], batch_size=32)
    if errors:
        raise RuntimeError(f"engine could not decode: {errors}")
    return np.stack([feats[str(i)] for i in range(len(paths))])


def top_k(features: np.ndarray, weight: torch.Tensor, bias: torch.Tensor, k: int = 3) -> np.ndarray:
    """Indices of the top-k classes (what is stored per image)."""
    probs = torch.softmax(torch.as_tensor(features) @ weight.T + bias, 1)
    return probs.topk(min(k, probs.shape[1]), 1).indices.numpy()


def head_accuracy(train_x: np.ndarray, y: np.ndarray, test_sets: Dict[str, np.ndarray]):
    """Top-1 accuracy (%) on the odd-indexed images of a head fit on the even-indexed ``train_x``."""
    from animeid_desktop.core.training.head import fit_head

    tr, te = np.arange(0, len(y), 2), np.arange(1, len(y), 2)
    fit = fit_head(train_x[tr], y[tr], train_x[te], y[te], int(y.max()) + 1, epochs=30)
    out = {}
    for name, x in test_sets.items():
        pred = (torch.as_tensor(x[te]) @ fit.weight.T + fit.bias).argmax(1).numpy()
        out[name] = pred
    return {n: 100.0 * float((p == y[te]).mean()) for n, p in out.items()}, out


def ort_features(extractor, paths: Sequence[str]):
    """(features, top-k) from an ONNX Runtime extractor over the engine's decode path; top-k from the
    graph's own head."""
    from animeid_desktop.core.engine.features import embed_sources

    extractor.logits.clear()
    feats, errors = embed_sources(extractor, [(str(i), p) for i, p in enumerate(paths)], batch_size=32)
    if errors:
        raise RuntimeError(f"onnxruntime path could not decode: {errors}")
    logits = torch.as_tensor(np.concatenate(extractor.logits))
    return np.stack([feats[str(i)] for i in range(len(paths))]), logits.topk(min(3, logits.shape[1]), 1).indices


def bench_model(name: str, items, slices: int, extra: Sequence[str] = ()) -> List[list]:
    from animeid_desktop.core.engine.devices import (
        configure_threads,
        inference_threads,
        pick_device,
        precision_name,
        torch_threads,
    )
    from animeid_desktop.core.engine.features import FeatureExtractor
    from animeid_desktop.core.engine.preprocess import default_preprocessing

    spec, backbone, pretrained = build_backbone(name)
    backbone.eval()
    device = pick_device()
    configure_threads()
    extractors = {}
    for variant, settings in ENGINE_ENVS.items():
        with env(**settings):
            extractors[variant] = FeatureExtractor(backbone, default_preprocessing(spec), device)
    naive_net = build_backbone(name)[1].eval()  # its own copy in the default (contiguous) memory format
    paths = [p for p, _c in items]
    classes = sorted({c for _p, c in items})
    y = np.array([classes.index(c) for _p, c in items])
    w, b = torch.randn(len(classes), spec.feature_dim) * 0.01, torch.zeros(len(classes))
    ort = ort_variants(backbone, default_preprocessing(spec), w, b, inference_threads(), paths[:32], extra)
    # warm-up (first-call allocations, oneDNN kernel selection) outside the timing
    naive_features(naive_net, spec, paths[:2])
    for variant, settings in ENGINE_ENVS.items():
        engine_features(extractors[variant], paths[:8], settings)
    for extractor in ort.values():
        ort_features(extractor, paths[:8])

    def with_top_k(features: np.ndarray):
        return features, top_k(features, w, b)

    def naive_one_thread(part):
        with torch_threads(1):
            return with_top_k(naive_features(naive_net, spec, part))

    variants = {"naive": lambda part: with_top_k(naive_features(naive_net, spec, part)),
                "naive-1-thread": naive_one_thread}
    for variant, settings in ENGINE_ENVS.items():
        variants[variant] = (lambda part, v=variant, st=settings: with_top_k(engine_features(extractors[v], part, st)))
    for variant, extractor in ort.items():
        variants[variant] = lambda part, e=extractor: ort_features(e, part)
    results: Dict[str, list] = {}
    seconds = interleave(variants, paths, slices, results)
    feats = {n: np.concatenate([f for f, _t in parts]) for n, parts in results.items()}
    acc = {n: head_accuracy(feats[n], y, {n: feats[n]})[0][n] for n in feats}
    _ref_acc, preds = head_accuracy(feats["engine-fp32"], y, feats)
    agree = {n: 100.0 * float((preds[n] == preds["engine-fp32"]).mean()) for n in preds}
    rows = []
    base = len(paths) / seconds["naive"]
    best_naive = len(paths) / min(seconds["naive"], seconds["naive-1-thread"])
    for n in variants:
        ips = len(paths) / seconds[n]
        label = {"engine": f"engine ({precision_name(device)} weights)",
                 "engine-autocast": f"engine ({precision_name(device)} autocast)",
                 "onnxruntime": "onnxruntime (fp32)"}.get(n, n)
        rows.append([name, label, len(paths), ips, 1000.0 / ips, f"{ips / base:.2f}x", f"{ips / best_naive:.2f}x",
                     acc[n], agree[n],
                     "pretrained" if pretrained else "random"])
    return rows


def main(argv=None) -> int:
    from animeid_desktop.core.engine.registry import MODEL_NAMES

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", default=",".join(MODEL_NAMES))
    parser.add_argument("--images", type=int, default=0, help="images per model (0 = all newgame8 JPEGs)")
    parser.add_argument("--big-images", type=int, default=96,
                        help="images for the slow models (efficientnet_b3, resnet50) unless --images is set")
    parser.add_argument("--slices", type=int, default=6, help="interleaving parts")
    parser.add_argument("--extra", default=",".join(ORT_VARIANTS),
                        help=f"ONNX Runtime variants to add, comma-separated, or 'none' (default: all of "
                             f"{', '.join(ORT_VARIANTS)})")
    parser.add_argument("--end-to-end", type=int, default=0, metavar="ROUNDS",
                        help="instead: time 'animeid recognize' of the whole folder against a naive script, each a "
                             "fresh process, over ROUNDS rotating rounds (see _end_to_end.py)")
    parser.add_argument("--also", nargs="*", default=[], metavar="CHECKOUT",
                        help="--end-to-end: also time 'animeid recognize' from these checkouts (e.g. the main one)")
    parser.add_argument("--set", default=DATASET.name, metavar="NAME",
                        help="--end-to-end: the shared set whose folder is recognised (default newgame8)")
    args = parser.parse_args(argv)
    if not dataset_items():
        print("newgame8 is not available; nothing to measure")
        return 0
    if args.end_to_end:
        from _end_to_end import end_to_end

        print(machine_line(), flush=True)
        end_to_end(DATASET.parent / args.set, args.end_to_end, [Path(p).resolve() for p in args.also])
        print(f"\nafter: {machine_line()}")
        return 0
    print(machine_line(), flush=True)
    rows = []
    for name in args.models.split(","):
        n = args.images or (args.big_images if name in ("efficientnet_b3", "resnet50") else 0)
        extra = [] if args.extra in ("", "none") else args.extra.split(",")
        rows += bench_model(name, dataset_items(n), args.slices, extra)
        print(f"  done {name} ({machine_line()})", flush=True)
    print_table("Recognition throughput, files on disk -> top-3 (newgame8 JPEGs, interleaved in one run)",
                ["model", "path", "images", "images/s", "ms/image", "vs naive", "vs best naive", "top-1 %",
                 "agree %", "weights"],
                rows)
    print(f"\nafter: {machine_line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
