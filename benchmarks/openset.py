"""Open-set benchmark: does the recogniser know when a picture is not one of its characters?

Head mode on frozen ImageNet features (the general features the open set reads), each shared set in turn
as the "known" one with the README's fixed split: the head and the calibration are trained on its train
part (validation share drawn from it, as a run does), its test part is "known". Two kinds of "unseen":

- cross-set: the test parts of the other two sets (characters from other series);
- leave-characters-out: a quarter of the set's characters left out of training (four rotations, so every
  character is left out once), their test pictures unseen.

Side by side: today's softmax threshold (``metrics.calibrate_threshold``, 95% of correct validation
predictions kept) and the open set (``core.training.openset.calibrate``, 95% of known pictures kept on
held-out characters). Columns: known test top-1, known kept, unseen flagged, AUROC known-vs-unseen
(top probability vs open-set score).

``--faces``: end to end in head mode, recognition with its faces as ``animeid recognize`` answers: known faces
kept, unseen faces flagged, and the per-picture answer (the first character present, the whole picture's
answer where no face names one): right on known pictures, nobody on unseen ones (decision 0021).

Usage::

    .venv/bin/python benchmarks/openset.py --cache-dir /tmp/animeid-openset-cache
    .venv/bin/python benchmarks/openset.py --sets faces6 --cache-dir DIR
    .venv/bin/python benchmarks/openset.py --faces
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANIMEID_OFFLINE", "1")

from benchmarks.accuracy import DATASETS, SET_NAMES, readme_split  # noqa: E402

ROTATIONS = 4  # leave-characters-out: each rotation leaves out every 4th character (offset by the rotation)


def set_items(name: str) -> Tuple[List[Tuple[Path, str]], List[Tuple[Path, str]]]:
    """([(train file, character)], [(test file, character)]) of one shared set."""
    train, test = readme_split(DATASETS / name)
    return [(f, c) for c, files in train.items() for f in files], test


def embed(items: Sequence[Tuple[Path, str]], cache_dir: Path, weights: Path | None = None) -> np.ndarray:
    """General features (ImageNet Lite0, or ``anime_lite0`` with the ``weights`` file; head preprocessing) of
    the files, through an embedding cache."""
    from animeid_desktop.core.engine.devices import pick_device
    from animeid_desktop.core.engine.features import EmbeddingCache, FeatureExtractor, cached_features
    from animeid_desktop.core.engine.preprocess import default_preprocessing
    from animeid_desktop.core.engine.registry import get_spec
    from animeid_desktop.core.engine.weights import WeightsSource, file_weights_id, find_weights, pretrained_backbone

    spec = get_spec("anime_lite0" if weights else "efficientnet_lite0")
    ws = WeightsSource(spec.name, "imported", str(weights), file_weights_id(weights)) if weights else \
        find_weights(spec.name)
    assert ws is not None, "no pretrained Lite0 weights here"
    prep = default_preprocessing(spec, spec.input_size, "fit")
    cache = EmbeddingCache.for_library(cache_dir, spec.name, ws.weights_id, prep)
    rows = [{"sha256": hashlib.sha256(Path(p).read_bytes()).hexdigest(), "path": str(p)} for p, _c in items]
    feats, errors, _new = cached_features(
        cache, lambda: FeatureExtractor(pretrained_backbone(spec, ws), prep, pick_device("cpu")), rows, 32)
    assert not errors, f"unreadable: {list(errors.values())[:3]}"
    return np.stack([feats[r["sha256"]] for r in rows])


def head_and_openset(x_train: np.ndarray, y_train: np.ndarray, names: List[str], seed: int = 0):
    """(weight, bias, softmax threshold, open set): a head and its calibration trained as a run does."""
    from animeid_desktop.core.engine import metrics
    from animeid_desktop.core.engine.splits import stratified_split
    from animeid_desktop.core.training.config import TrainConfig
    from animeid_desktop.core.training.data import Split
    from animeid_desktop.core.training.head import fit_head
    from animeid_desktop.core.training.openset import GeneralFeatures, calibrate

    c = TrainConfig(seed=seed)
    keys = [f"{i}" for i in range(len(y_train))]
    tr, va = stratified_split(keys, y_train, c.val_fraction, c.seed)
    fit = fit_head(x_train[tr], y_train[tr], x_train[va], y_train[va], len(names), epochs=c.resolved_epochs(),
                   lr=c.lr, weight_decay=c.weight_decay, batch_size=c.batch_size, mixup_alpha=c.mixup_alpha,
                   label_smoothing=c.label_smoothing, seed=c.seed)
    weight, bias = fit.state["fc.weight"].numpy(), fit.state["fc.bias"].numpy()
    val_pred = fit.val_probs.argmax(1)
    threshold = metrics.calibrate_threshold(fit.val_probs.max(1), val_pred == y_train[va], len(names))
    split = Split(rows=[{} for _ in keys], y=y_train, x=x_train, train_idx=tr, val_idx=va, classes=names)

    def head_fit(x: np.ndarray, y: np.ndarray, n: int) -> Tuple[np.ndarray, np.ndarray]:
        out = fit_head(x, y, x[:0], y[:0], n, epochs=10, lr=c.lr, weight_decay=c.weight_decay,
                       batch_size=c.batch_size, mixup_alpha=c.mixup_alpha, label_smoothing=c.label_smoothing,
                       seed=c.seed)
        return out.state["fc.weight"].numpy(), out.state["fc.bias"].numpy()

    openset = calibrate(GeneralFeatures(x_train, {}), split, head=(weight, bias), fit=head_fit, seed=c.seed)
    assert openset is not None
    return weight, bias, threshold, openset


def fit_and_score(x_train: np.ndarray, names: List[str], y_train: np.ndarray, x_known: np.ndarray,
                  y_known: np.ndarray, x_unseen: np.ndarray) -> Dict[str, dict]:
    """Train a head + calibration as a run does; score known and unseen pictures both ways."""
    from animeid_desktop.core.engine import openset as ops

    weight, bias, threshold, openset = head_and_openset(x_train, y_train, names)
    logits = x_known @ weight.T + bias
    top1 = float((logits.argmax(1) == y_known).mean())
    soft_known, soft_unseen = ops.softmax_top(x_known, weight, bias), ops.softmax_top(x_unseen, weight, bias)
    os_known, os_unseen = openset.scores(x_known), openset.scores(x_unseen)
    return {
        "softmax": {"top1": top1, "kept": float((soft_known >= threshold).mean()),
                    "flagged": float((soft_unseen < threshold).mean()), "auroc": ops.auroc(soft_known, soft_unseen)},
        "open set": {"top1": top1, "kept": float((os_known >= openset.threshold).mean()),
                     "flagged": float((os_unseen < openset.threshold).mean()), "auroc": ops.auroc(os_known, os_unseen),
                     "calibration": openset.report},
    }


def indexed(items: Sequence[Tuple[Path, str]], names: List[str]) -> np.ndarray:
    return np.array([names.index(c) for _p, c in items])


def cross_set(name: str, feats: Dict[str, dict]) -> Dict[str, dict]:
    """``name`` known (train/test), the other sets' test parts unseen."""
    d = feats[name]
    names = sorted({c for _p, c in d["train"]})
    x_unseen = np.concatenate([feats[o]["x_test"] for o in feats if o != name])
    return fit_and_score(d["x_train"], names, indexed(d["train"], names), d["x_test"], indexed(d["test"], names),
                         x_unseen)


def leave_out(name: str, feats: Dict[str, dict]) -> Dict[str, dict]:
    """Every 4th character left out (four rotations), averaged over the rotations."""
    d = feats[name]
    every = sorted({c for _p, c in d["train"]})
    runs: List[Dict[str, dict]] = []
    for r in range(ROTATIONS):
        held = set(every[r::ROTATIONS])
        names = [c for c in every if c not in held]
        tr = [i for i, (_p, c) in enumerate(d["train"]) if c not in held]
        kt = [i for i, (_p, c) in enumerate(d["test"]) if c not in held]
        ut = [i for i, (_p, c) in enumerate(d["test"]) if c in held]
        runs.append(fit_and_score(d["x_train"][tr], names, indexed([d["train"][i] for i in tr], names),
                                  d["x_test"][kt], indexed([d["test"][i] for i in kt], names), d["x_test"][ut]))
    return {how: {k: float(np.mean([run[how][k] for run in runs])) for k in ("top1", "kept", "flagged", "auroc")}
            for how in ("softmax", "open set")}


def pipeline_run(name: str, mode: str, epochs: int) -> Dict[str, dict]:
    """End to end: import ``name``'s train part into a fresh library, train (``mode``) as a user would,
    recognise its test part (known) and the other sets' test parts (unseen) from their files."""
    import tempfile

    from animeid_desktop.core.engine import openset as ops
    from animeid_desktop.core.recognition.recognizer import Recognizer

    _train, test = set_items(name)
    unseen = [p for o in SET_NAMES if o != name for p, _c in set_items(o)[1]]
    with tempfile.TemporaryDirectory(prefix="animeid-openset-") as tmp:
        lib, result = _trained_library(Path(tmp), name, mode, epochs)
        rec = Recognizer.load(lib)
        known = list(rec.predict_paths([str(p) for p, _c in test], top_k=1))
        other = list(rec.predict_paths([str(p) for p in unseen], top_k=1))
        lib.close()
    top1 = float(np.mean([p.top[0][0] == c for p, (_f, c) in zip(known, test)]))
    soft_k, soft_u = (np.array([p.top[0][1] for p in ps]) for ps in (known, other))
    os_k, os_u = (np.array([p.openset_score for p in ps]) for ps in (known, other))
    return {
        "softmax": {"top1": top1, "kept": float((soft_k >= rec.calibrated_threshold).mean()),
                    "flagged": float((soft_u < rec.calibrated_threshold).mean()), "auroc": ops.auroc(soft_k, soft_u)},
        "open set": {"top1": top1, "kept": float(np.mean([not p.unknown for p in known])),
                     "flagged": float(np.mean([p.unknown for p in other])), "auroc": ops.auroc(os_k, os_u),
                     "calibration": result.openset, "seconds": result.seconds},
    }


def _trained_library(tmp: Path, name: str, mode: str, epochs: int | None):
    """A fresh library of ``name``'s train part, trained with ImageNet Lite0 (not anime_lite0: it saw these sets)."""
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.importer import import_paths
    from animeid_desktop.core.training.pipeline import TrainConfig, train

    train_items, _test = set_items(name)
    lib = Library.open(tmp / "lib")
    for character in sorted({c for _p, c in train_items}):
        import_paths(lib, [str(p) for p, c in train_items if c == character], character=character)
    result = train(lib, TrainConfig(model="efficientnet_lite0", mode=mode, epochs=epochs, incremental=False,
                                    allow_download=False))
    return lib, result


def faces_run(name: str) -> Dict[str, object]:
    """Head mode end to end, recognition with faces: the figures of ``--faces``."""
    import tempfile

    from animeid_desktop.core.media.face_detection import FaceDetector
    from animeid_desktop.core.recognition.faces import FaceRecognition
    from animeid_desktop.core.recognition.recognizer import Recognizer

    _train, test = set_items(name)
    unseen = [p for o in SET_NAMES if o != name for p, _c in set_items(o)[1]]
    with tempfile.TemporaryDirectory(prefix="animeid-openset-faces-") as tmp:
        lib, result = _trained_library(Path(tmp), name, "head", None)
        faces = FaceRecognition(Recognizer.load(lib), FaceDetector())
        known = list(faces.recognize_paths([str(p) for p, _c in test]))
        other = list(faces.recognize_paths([str(p) for p in unseen]))
        lib.close()
    known_faces = [f for a in known for f in a.faces]
    unseen_faces = [f for a in other for f in a.faces]
    return {"known faces": len(known_faces), "kept": float(np.mean([not f.unknown for f in known_faces])),
            "unseen faces": len(unseen_faces), "flagged": float(np.mean([f.unknown for f in unseen_faces])),
            "right": float(np.mean([a.characters[:1] == [c] for a, (_p, c) in zip(known, test)])),
            "exact": float(np.mean([a.characters == [c] for a, (_p, c) in zip(known, test)])),
            "nobody": float(np.mean([not a.characters for a in other])), "threshold": (result.openset or {}).get(
                "threshold")}


def print_faces(rows: List[Tuple[str, Dict[str, object]]]) -> None:
    print("\nend to end, head mode, ImageNet Lite0: detected faces of known (test part) and unseen (other sets' "
          "test parts) pictures")
    print(f"{'known set':<12} {'threshold':>9} {'known faces':>11} {'kept':>6} {'unseen faces':>12} {'flagged':>8} "
          f"{'answer right':>12} {'exact':>6} {'unseen: nobody':>14}")
    for name, m in rows:
        print(f"{name:<12} {m['threshold']:>9} {m['known faces']:>11} {m['kept']:>6.1%} {m['unseen faces']:>12} "
              f"{m['flagged']:>8.1%} {m['right']:>12.1%} {m['exact']:>6.1%} {m['nobody']:>14.1%}")


def print_rows(title: str, rows: List[Tuple[str, Dict[str, dict]]]) -> None:
    print(f"\n{title}")
    print(f"{'known set':<12} {'decision':<9} {'top-1':>6} {'kept':>6} {'flagged':>8} {'AUROC':>6}")
    for name, result in rows:
        for how in ("softmax", "open set"):
            m = result[how]
            print(f"{name:<12} {how:<9} {m['top1']:>6.1%} {m['kept']:>6.1%} {m['flagged']:>8.1%} {m['auroc']:>6.3f}")


def anime_rows(sets: Sequence[str], feats: Dict[str, dict], folder: Path, cache_dir: Path) -> None:
    """Leave-characters-out on each set read by the anime backbone that never saw that set. Cross-set is not
    measured this way: that backbone was trained on the other sets, the very pictures cross-set calls unseen."""
    rows = []
    for name in sets:
        weights = folder / f"no_{name}.safetensors"
        d = feats[name]
        rows.append((name, leave_out(name, {name: {**d, "x_train": embed(d["train"], cache_dir, weights),
                                                   "x_test": embed(d["test"], cache_dir, weights)}})))
    print_rows(f"leave-characters-out on anime_lite0 features (backbone built without the set: {folder})", rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", nargs="+", default=list(SET_NAMES), choices=SET_NAMES, help="known sets to report")
    ap.add_argument("--cache-dir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "animeid-openset-cache",
                    help="embedding cache folder (kept between runs)")
    ap.add_argument("--pipeline", choices=("head", "finetune"), default=None,
                    help="also train each known set end to end in this mode and recognise from files (slow)")
    ap.add_argument("--faces", action="store_true",
                    help="only the detected faces' table: head mode end to end, recognition with faces (slow)")
    ap.add_argument("--epochs", type=int, default=None, help="with --pipeline: epochs (default: the mode's)")
    ap.add_argument("--anime", type=Path, default=None, metavar="DIR",
                    help="also leave-characters-out on anime_lite0 features, each set read with DIR/no_SET.safetensors "
                         "(built without that set: packaging/build_anime_backbone.py --leave-out SET)")
    args = ap.parse_args(argv)
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    if args.faces:
        print_faces([(n, faces_run(n)) for n in args.sets])
        print(f"\n{time.monotonic() - t0:.0f} s in all")
        return 0
    feats: Dict[str, dict] = {}
    for name in SET_NAMES:  # every set: the others are the unseen ones
        train, test = set_items(name)
        feats[name] = {"train": train, "test": test, "x_train": embed(train, args.cache_dir),
                       "x_test": embed(test, args.cache_dir)}
        print(f"{name}: {len(train)} train / {len(test)} test pictures embedded ({time.monotonic() - t0:.0f} s)",
              flush=True)
    cross = [(n, cross_set(n, feats)) for n in args.sets]
    print_rows("cross-set: the other sets' test pictures unseen (head, ImageNet Lite0, 95% kept)", cross)
    for n, r in cross:
        cal = r["open set"]["calibration"]
        print(f"  {n} calibration on held-out characters: kept {cal['known_kept']:.1%}, "
              f"flagged {cal['unseen_flagged']:.1%}, AUROC {cal['auroc']:.3f}")
    print_rows(f"leave-characters-out: every {ROTATIONS}th character unseen, {ROTATIONS} rotations averaged",
               [(n, leave_out(n, feats)) for n in args.sets])
    if args.anime:
        anime_rows(args.sets, feats, args.anime, args.cache_dir)
    if args.pipeline:
        piped = [(n, pipeline_run(n, args.pipeline, args.epochs)) for n in args.sets]
        print_rows(f"end to end, {args.pipeline} mode (epochs {args.epochs or 'default'}): cross-set", piped)
        for n, r in piped:
            print(f"  {n}: trained in {r['open set']['seconds']:.0f} s; calibration {r['open set']['calibration']}")
    print(f"\n{time.monotonic() - t0:.0f} s in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
