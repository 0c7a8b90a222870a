"""Engine speed: first-time embedding, head retraining after adding a character, recognition throughput.

1. ``embed``: ms/image to embed images for the first time with efficientnet_lite0 (decode included),
   on ../shared/datasets/newgame8 (real JPEGs up to 1024 px); target <= 15 ms/image.
2. ``retrain``: a library of N synthetic images (default 3,000) is imported, embedded and trained
   once (head mode); then a new 50-image character is added and ``train`` runs again. The second
   run's wall time (incremental start, 50 new embeddings, head training, saving) is the number;
   target <= 5 s.
3. ``recognize``: images/s of ``Recognizer.predict_paths`` (parallel draft decoding, batches, bf16
   where native) vs a naive loop (full decode, resize, one image at a time in fp32).

Usage: ``.venv/bin/python benchmarks/engine_speed.py [--only embed,retrain,recognize] [--images 3000]``
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANIMEID_OFFLINE", "1")

DATASET = ROOT.parent / "shared" / "datasets" / "newgame8"


def _dataset_files(limit: int) -> list:
    files = sorted(p for p in DATASET.rglob("*") if p.is_file())
    return [str(p) for p in files[:limit]]


def bench_embed(n: int) -> dict:
    """First-time embedding of ``n`` real images: cache misses only."""
    from animeid_desktop.core.engine.devices import pick_device, precision_name
    from animeid_desktop.core.engine.features import EmbeddingCache, FeatureExtractor, cached_features
    from animeid_desktop.core.engine.preprocess import default_preprocessing
    from animeid_desktop.core.engine.registry import get_spec
    from animeid_desktop.core.engine.weights import pretrained_backbone, resolve_weights

    files = _dataset_files(n)
    spec = get_spec("efficientnet_lite0")
    ws = resolve_weights(spec.name, allow_download=False)
    prep = default_preprocessing(spec)
    device = pick_device()
    extractor = FeatureExtractor(pretrained_backbone(spec, ws), prep, device)
    extractor.embed_arrays([__import__("numpy").zeros((prep.size, prep.size, 3), "uint8")] * 4)  # warm up
    with tempfile.TemporaryDirectory() as tmp:
        cache = EmbeddingCache(Path(tmp) / "e.sqlite")
        rows = [{"sha256": f"{i}", "path": p} for i, p in enumerate(files)]
        t = time.monotonic()
        _feats, errors, new = cached_features(cache, lambda: extractor, rows)
        dt = time.monotonic() - t
    return {"images": new, "errors": len(errors), "ms_per_image": 1000 * dt / max(new, 1),
            "device": str(device), "precision": precision_name(device)}


def bench_retrain(n_images: int) -> dict:
    """Time a head retrain after adding one 50-image character to an embedded ``n_images`` library."""
    from animeid_desktop.core.demo import synthetic
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.importer import import_paths
    from animeid_desktop.core.training.pipeline import TrainConfig, train

    per = 50
    n_chars = max(2, n_images // per)
    with tempfile.TemporaryDirectory() as tmp:
        art = Path(tmp) / "art"
        written = synthetic.write_folder(art, n_characters=n_chars + 1, per_character=per, size=128, fmt="jpeg",
                                         attrs_file=False)
        names = sorted(k for k in written if k)
        newcomer = names[-1]
        lib = Library.open(Path(tmp) / "lib")
        for name in names[:-1]:
            import_paths(lib, [str(p) for p in written[name]], character=name)
        t = time.monotonic()
        first = train(lib, TrainConfig())
        t_first = time.monotonic() - t
        import_paths(lib, [str(p) for p in written[newcomer]], character=newcomer)
        logs = []
        t = time.monotonic()
        second = train(lib, TrainConfig(), on_event=lambda e: logs.append(e.message) if e.kind == "log" else None)
        t_second = time.monotonic() - t
        lib.close()
    return {"library_images": n_chars * per, "characters": n_chars, "first_train_s": t_first,
            "retrain_s": t_second, "retrain_val_acc": second.best_val_acc, "first_val_acc": first.best_val_acc,
            "features": next((m for m in logs if m.startswith("features:")), "")}


def bench_recognize(n: int) -> dict:
    """Recognition images/s: the engine's streaming path vs a naive per-image fp32 loop."""
    import numpy as np
    import torch
    from PIL import Image

    from animeid_desktop.core.demo import synthetic
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.importer import import_paths
    from animeid_desktop.core.recognition.recognizer import Recognizer
    from animeid_desktop.core.training.pipeline import TrainConfig, train

    files = _dataset_files(n)
    with tempfile.TemporaryDirectory() as tmp:
        written = synthetic.write_folder(Path(tmp) / "art", n_characters=3, per_character=10, size=128,
                                         attrs_file=False)
        lib = Library.open(Path(tmp) / "lib")
        import_paths(lib, [str(Path(tmp) / "art")])
        train(lib, TrainConfig(epochs=5))
        rec = Recognizer.load(lib)
        list(rec.predict_paths(files[:8]))  # warm up
        t = time.monotonic()
        preds = list(rec.predict_paths(files))
        fast = len(preds) / (time.monotonic() - t)
        net, prep = rec.saved.network.float().to("cpu").to(memory_format=torch.contiguous_format), rec.prep
        mean, std = torch.tensor(prep.mean).view(3, 1, 1), torch.tensor(prep.std).view(3, 1, 1)
        t = time.monotonic()
        with torch.no_grad():
            for f in files:
                img = Image.open(f).convert("RGB").resize((prep.size, prep.size), Image.Resampling.BILINEAR)
                x = (torch.from_numpy(np.array(img)).permute(2, 0, 1).float() / 255 - mean) / std
                net(x.unsqueeze(0)).softmax(1)
        naive = len(files) / (time.monotonic() - t)
        lib.close()
        del written
    return {"images": len(files), "engine_per_s": fast, "naive_per_s": naive, "speedup": fast / naive}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="embed,retrain,recognize")
    parser.add_argument("--images", type=int, default=3000, help="library size for the retrain benchmark")
    parser.add_argument("--embed-images", type=int, default=200)
    args = parser.parse_args(argv)
    wanted = args.only.split(",")
    print(f"{os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f}", flush=True)
    if "embed" in wanted and DATASET.is_dir():
        r = bench_embed(args.embed_images)
        print(f"embed     first-time efficientnet_lite0: {r['ms_per_image']:.1f} ms/image incl. decode "
              f"({r['images']} images, {r['device']} {r['precision']}; target <= 15)", flush=True)
    if "retrain" in wanted:
        r = bench_retrain(args.images)
        print(f"retrain   {r['library_images']}-image library + 50 new: {r['retrain_s']:.2f} s "
              f"(target <= 5; first training incl. embedding {r['first_train_s']:.0f} s; {r['features']})",
              flush=True)
    if "recognize" in wanted and DATASET.is_dir():
        r = bench_recognize(args.embed_images)
        print(f"recognize {r['engine_per_s']:.1f} images/s vs naive {r['naive_per_s']:.1f} images/s "
              f"({r['speedup']:.1f}x, {r['images']} real images)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
