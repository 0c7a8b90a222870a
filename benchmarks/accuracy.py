"""Accuracy benchmark on the three sets in ../shared/datasets/ with the split their README defines.

Per character, files sorted by sha1("character/filename"); the first round(0.3 n) (at least 1) are
the test part. The train part is imported into a fresh temporary library, trained with the engine
(``core.training``) exactly as a user would, and the test part is recognised from its files
(``Recognizer.predict_paths``). Prints top-1 on the test part and the wall time, end to end
(import + training incl. feature extraction + recognition), for every mode and every model that has
pretrained weights here (the shared MobileNetV2 file is imported into a temporary weights folder).

Each row sits beside the frozen-feature floor the README gives for its set (frozen ImageNet Lite0 +
logistic regression): every mode must beat it on every set.

Usage::

    .venv/bin/python benchmarks/accuracy.py                       # all sets, head + finetune, every model
    .venv/bin/python benchmarks/accuracy.py --sets faces6 --modes head
    .venv/bin/python benchmarks/accuracy.py --modes head --models efficientnet_lite0
    .venv/bin/python benchmarks/accuracy.py --modes finetune --epochs 12 --image-size 224
    .venv/bin/python benchmarks/accuracy.py --modes head --models efficientnet_lite0,anime_lite0 --anime-folds DIR

``anime_lite0`` (the shipped anime-trained backbone) saw every picture of the shared sets, test parts included;
on them it is measured leave one set out: ``--anime-folds DIR`` with ``DIR/no_SET.safetensors`` built without
that set (``packaging/build_anime_backbone.py --leave-out SET --out DIR/no_SET.safetensors``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANIMEID_OFFLINE", "1")

DATASETS = ROOT.parent / "shared" / "datasets"
SET_NAMES = ("newgame8", "websearch15", "faces6")
SHARED_WEIGHTS = {"mobilenet_v2": ROOT.parent / "shared" / "weights" / "mobilenet_v2_imagenet_dogs19.pth"}
# frozen ImageNet Lite0 features + logistic regression on each set's test part (the datasets README)
FLOORS = {"newgame8": 0.622, "websearch15": 0.748, "faces6": 0.924}


def sha1_first_share(names: Dict[int, str], share: float = 0.3) -> set:
    """The README's rule on library images: ``names`` maps an id to "character/filename"; per character, the
    ids of the first ``round(share n)`` (at least 1) by sha1 of that name (``readme_split`` on folders)."""
    by_char: Dict[str, List[Tuple[str, int]]] = {}
    for i, name in names.items():
        by_char.setdefault(name.split("/", 1)[0], []).append((hashlib.sha1(name.encode()).hexdigest(), i))
    out = set()
    for rows in by_char.values():
        rows.sort()
        out |= {i for _h, i in rows[: max(1, round(share * len(rows)))]}
    return out


def readme_split(root: Path) -> Tuple[Dict[str, List[Path]], List[Tuple[Path, str]]]:
    """(train files by character, [(test file, character)]) per the dataset README."""
    train: Dict[str, List[Path]] = {}
    test: List[Tuple[Path, str]] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        name = folder.name
        files = sorted((f for f in folder.iterdir() if f.is_file()),
                       key=lambda f: hashlib.sha1(f"{name}/{f.name}".encode()).hexdigest())
        k = max(1, round(0.3 * len(files)))
        test += [(f, name) for f in files[:k]]
        train[name] = files[k:]
    return train, test


def available_models(weights_dir: Path) -> List[str]:
    """Models with pretrained weights here (importing the shared files into ``weights_dir`` first)."""
    from animeid_desktop.core.engine.registry import MODEL_NAMES, weights_status
    from animeid_desktop.core.engine.weights import import_weights

    os.environ["ANIMEID_WEIGHTS_DIR"] = str(weights_dir)
    for model, path in SHARED_WEIGHTS.items():
        if path.is_file() and not weights_status(model)["available"]:
            import_weights(path, model)
    return [m for m in MODEL_NAMES if weights_status(m)["available"]]


def run_one(model: str, mode: str, args: argparse.Namespace, train: Dict[str, List[Path]],
            test: List[Tuple[Path, str]]) -> dict:
    """Import, train and recognise in a fresh library; return the measurements."""
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.importer import import_paths
    from animeid_desktop.core.recognition.recognizer import Recognizer
    from animeid_desktop.core.training.pipeline import TrainConfig
    from animeid_desktop.core.training.pipeline import train as train_model

    with tempfile.TemporaryDirectory(prefix="animeid-bench-") as tmp:
        t0 = time.monotonic()
        lib = Library.open(Path(tmp) / "lib")
        for name, files in train.items():
            import_paths(lib, [str(f) for f in files], character=name)
        t_import = time.monotonic() - t0
        config = TrainConfig(model=model, mode=mode, epochs=args.epochs, image_size=args.image_size,
                             resize=args.resize, incremental=False, allow_download=False,
                             tta_flip=None if args.tta is None else args.tta == "on")
        if args.lr:
            config.lr = args.lr
        if args.batch_size:
            config.batch_size = args.batch_size
        if args.val_fraction is not None:
            config.val_fraction = args.val_fraction
        config.seed = args.seed

        def on_event(ev) -> None:
            if ev.kind == "epoch" and args.verbose:
                print(f"    {ev.message}", flush=True)
            elif ev.kind in ("stage", "log") and args.verbose:
                print(f"    [{ev.kind}] {ev.message}", flush=True)

        t1 = time.monotonic()
        result = train_model(lib, config, on_event=on_event)
        t_train = time.monotonic() - t1
        t2 = time.monotonic()
        rec = Recognizer.load(lib)
        preds = list(rec.predict_paths([str(p) for p, _ in test], top_k=1))
        t_recognise = time.monotonic() - t2
        correct = sum(1 for p, (_f, truth) in zip(preds, test) if p.top and p.top[0][0] == truth)
        errors = sum(1 for p in preds if p.error)
        lib.close()
    return {
        "set": "", "model": model, "mode": mode, "epochs": len(result.history), "size": rec.prep.size,
        "flip": rec.prep.flip, "views": rec.prep.views, "resize": rec.prep.method, "val_acc": result.final_val_acc,
        "best_val_acc": result.best_val_acc, "top1": correct / len(test), "test": len(test),
        "errors": errors, "import_s": t_import, "train_s": t_train, "recognise_s": t_recognise,
        "total_s": time.monotonic() - t0, "pretrained": result.pretrained,
    }


def print_table(rows: List[dict]) -> None:
    head = (f"{'set':<12} {'model':<19} {'mode':<9} {'views':<19} {'ep':>3} {'px':>4} {'tta':>4} {'val':>6} "
            f"{'best':>6} {'top-1':>6} "
            f"{'floor':>8} {'import':>7} {'train':>7} {'recog':>6} {'total':>7}")
    print(head)
    print("-" * len(head))
    # val = validation accuracy of the last epoch, best = of the best epoch (the saved model);
    # views = what recognition averages ("crop ": the whole picture centre-cropped); tta = mirror averaging
    for r in rows:
        floor = FLOORS.get(r["set"])
        mark = "" if floor is None else (f"{floor:.1%}" + (" ok" if r["top1"] > floor else " !"))
        views = r["views"] if r["resize"] == "fit" else f"{r['resize']} {r['views']}"
        print(f"{r['set']:<12} {r['model']:<19} {r['mode']:<9} {views:<19} {r['epochs']:>3} {r['size']:>4} "
              f"{'yes' if r['flip'] else 'no':>4} "
              f"{r['val_acc']:>6.1%} {r['best_val_acc']:>6.1%} {r['top1']:>6.1%} {mark:>8} {r['import_s']:>6.1f}s "
              f"{r['train_s']:>6.1f}s "
              f"{r['recognise_s']:>5.1f}s {r['total_s']:>6.1f}s")


def anime_weights_for(root: Path, folds: Path | None) -> bool:
    """Make ``anime_lite0`` read weights that never saw ``root``'s pictures; False (with a line saying why)
    where there are none: the shipped file was trained on every shared set."""
    from animeid_desktop.core.engine.weights import import_weights

    fold = folds / f"no_{root.name}.safetensors" if folds else None
    if fold is not None and fold.is_file():
        import_weights(fold, "anime_lite0")  # the imported file comes before the shipped one
        return True
    if root.resolve().parent != DATASETS.resolve():
        return True
    print(f"skipping anime_lite0 on {root.name}: the shipped file was trained on its pictures; pass --anime-folds "
          f"DIR holding no_{root.name}.safetensors (packaging/build_anime_backbone.py --leave-out {root.name})")
    return False


def measure_set(root: Path, models: List[str], args: argparse.Namespace) -> List[dict]:
    """Every mode and model on one set's fixed split."""
    if "anime_lite0" in models and not anime_weights_for(root, args.anime_folds):
        models = [m for m in models if m != "anime_lite0"]
    train, test = readme_split(root)
    print(f"{root.name}: {sum(len(v) for v in train.values())} train / {len(test)} test images, "
          f"{len(train)} characters; {os.cpu_count()} CPU(s)", flush=True)
    rows = []
    for mode in args.modes.split(","):
        for model in models:
            print(f"== {root.name} {model} {mode}", flush=True)
            row = dict(run_one(model, mode, args, train, test), set=root.name)
            rows.append(row)
            print(f"   top-1 {row['top1']:.1%}  val {row['val_acc']:.1%}  {row['total_s']:.0f}s", flush=True)
            if args.json:
                print(json.dumps(row), flush=True)
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(SET_NAMES), help="comma-separated sets of ../shared/datasets")
    parser.add_argument("--dataset", type=Path, default=None, help="one other folder-per-character set instead")
    parser.add_argument("--modes", default="head,finetune")
    parser.add_argument("--models", default="", help="comma-separated (default: every model with weights here)")
    parser.add_argument("--epochs", type=int, default=None)
    parser.add_argument("--image-size", type=int, default=None)
    parser.add_argument("--resize", default="fit", choices=["fit", "crop", "squash"])
    parser.add_argument("--tta", choices=["on", "off"], default=None, help="mirror averaging (default: per mode)")
    parser.add_argument("--lr", type=float, default=None)
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--val-fraction", type=float, default=None, help="held out for validation (default 0.2)")
    parser.add_argument("--seed", type=int, default=0, help="split, initialisation and augmentation seed")
    parser.add_argument("--anime-folds", type=Path, default=None, metavar="DIR",
                        help="anime_lite0 on a shared set reads DIR/no_SET.safetensors, built without that set "
                             "(packaging/build_anime_backbone.py --leave-out SET); the shipped file saw every shared "
                             "set, so without this anime_lite0 is skipped on them")
    parser.add_argument("--json", action="store_true", help="also print one JSON line per run")
    parser.add_argument("--verbose", "-v", action="store_true", help="print epochs and stages")
    args = parser.parse_args(argv)
    roots = [args.dataset] if args.dataset else [DATASETS / name for name in args.sets.split(",")]
    missing = [r for r in roots if not r.is_dir()]
    if missing:
        print(f"dataset {missing[0]} is not present; nothing to measure", file=sys.stderr)
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="animeid-weights-") as wdir:
        models = available_models(Path(wdir))
        if args.models:
            wanted = args.models.split(",")
            for m in wanted:
                if m not in models:
                    print(f"skipping {m}: no pretrained weights here")
            models = [m for m in wanted if m in models]
        for root in roots:
            rows += measure_set(root, models, args)
    print()
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
