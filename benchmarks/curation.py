"""Curation benchmarks: cluster purity of held-out demo characters, near-duplicates in newgame8 (found
and planted), validation accuracy with and without the duplicate-aware split, ONNX agreement,
attribute heads on the demo set.

Usage: ``.venv/bin/python benchmarks/curation.py [--work DIR] [--seeds N] [--skip PART ...]``
Parts: clusters, duplicates, split, onnx, attributes. ``--work`` keeps the libraries (and their
feature caches) between runs; newgame8 is read in place from ../shared/datasets (never copied).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

import numpy as np
from accuracy import sha1_first_share
from PIL import Image, ImageEnhance

from animeid_desktop.core.curation.attribute_heads import train_attribute_heads
from animeid_desktop.core.curation.clustering import cluster_images
from animeid_desktop.core.curation.duplicate_review import find_duplicates, planted_pairs_found
from animeid_desktop.core.demo.demo_library import build_demo_library
from animeid_desktop.core.engine.features import ANIME_FEATURES, FeatureConfig, library_features
from animeid_desktop.core.engine.near_duplicates import split_groups
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.training.pipeline import TrainConfig, train

NEWGAME8 = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "newgame8"
IMAGENET_LITE0 = "efficientnet_lite0"  # not the shipped anime_lite0: it was trained on newgame8's pictures
PARTS = ("clusters", "clusters-newgame8", "duplicates", "split", "onnx", "attributes")


def demo_library(work: Path) -> Path:
    root = work / "demo"
    if not (root / "library.sqlite").exists():
        lib = Library.open(root)
        build_demo_library(lib)
        library_features(lib)  # duplicates
        library_features(lib, config=ANIME_FEATURES)  # clusters, attribute heads
        lib.close()
    return root


def newgame8_library(work: Path) -> Path:
    root = work / "newgame8"
    if not (root / "library.sqlite").exists():
        lib = Library.open(root)
        import_paths(lib, [NEWGAME8])
        t = time.monotonic()
        library_features(lib)
        print(f"newgame8 features computed in {time.monotonic() - t:.0f} s")
        lib.close()
    return root


# ------------------------------------------------------------------------------------ clusters
def bench_clusters(work: Path) -> None:
    """Hold out each demo character in turn (its images become unlabelled) and find its cluster."""
    source = demo_library(work)
    truth_file = source / "demo-images" / "unlabelled_truth.json"
    loose = {str((source / "demo-images" / rel).resolve()): v["character"]
             for rel, v in json.loads(truth_file.read_text(encoding="utf-8")).items()}
    print("\nCluster purity of a held-out demo character (default threshold; 30 loose images of all "
          "characters are unlabelled too)")
    print(f"{'held out':<16}{'images':>7}{'cluster':>9}{'purity':>8}{'recall':>8}{'new?':>6}{'groups':>8}{'s':>6}")
    purities, recalls = [], []
    names = [c["name"] for c in L.list_characters(Library.open(source))]
    for held in names:
        copy = work / "demo-held"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("demo-images"))
        lib = Library.open(copy)
        truth = {r["id"]: r["character"] for r in L.labelled_images(lib)}
        truth.update({r["id"]: loose[r["path"]] for r in lib.query("SELECT id, path FROM images")
                      if r["path"] in loose})
        L.delete_character(lib, held)
        t = time.monotonic()
        result = cluster_images(lib, save=False)
        seconds = time.monotonic() - t
        total = sum(1 for i in result.ids if truth[i] == held)
        best = max(result.clusters, key=lambda c: sum(truth[i] == held for i in c.image_ids))
        hits = sum(truth[i] == held for i in best.image_ids)
        purities.append(hits / best.size)
        recalls.append(hits / total)
        print(f"{held:<16}{total:>7}{best.size:>9}{purities[-1]:>8.0%}{recalls[-1]:>8.0%}"
              f"{'yes' if best.looks_new else 'no':>6}{len(result.clusters):>8}{seconds:>6.1f}")
        lib.close()
    print(f"{'mean':<16}{'':>7}{'':>9}{statistics.mean(purities):>8.0%}{statistics.mean(recalls):>8.0%}")


def _test_part(lib: Library) -> set:
    """The README's test part of newgame8."""
    return sha1_first_share({r["id"]: f"{r['character']}/{Path(r['path']).name}" for r in L.labelled_images(lib)})


def bench_clusters_newgame8(work: Path) -> None:
    """Real data: hold out one character; its images and the test part of the others are unlabelled.

    On ImageNet Lite0 features: the shipped anime backbone saw newgame8 (``new_characters.py`` measures the
    anime features with backbones built without the set)."""
    source = newgame8_library(work)
    print("\nHeld-out newgame8 character (its images + the 30% test part of the others unlabelled; ImageNet "
          "Lite0 features, their default threshold)")
    print(f"{'held out':<17}{'images':>7}{'cluster':>9}{'purity':>8}{'recall':>8}{'new?':>6}{'groups':>8}")
    for held in [c["name"] for c in L.list_characters(Library.open(source))]:
        copy = work / "newgame8-held"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("models"))
        lib = Library.open(copy)
        lib.set_setting("active_run_id", None)
        truth = {r["id"]: r["character"] for r in L.labelled_images(lib)}
        L.clear_labels(lib, _test_part(lib))
        L.delete_character(lib, held)
        result = cluster_images(lib, config=FeatureConfig(model=IMAGENET_LITE0), save=False)
        total = sum(1 for i in result.ids if truth[i] == held)
        best = max(result.clusters, key=lambda c: (sum(truth[i] == held for i in c.image_ids) ** 2) / c.size)
        hits = sum(truth[i] == held for i in best.image_ids)
        print(f"{held:<17}{total:>7}{best.size:>9}{hits / best.size:>8.0%}{hits / total:>8.0%}"
              f"{'yes' if best.looks_new else 'no':>6}{len(result.clusters):>8}")
        lib.close()


# ------------------------------------------------------------------------------------ duplicates
def _plant(folder: Path, files: List[Path], n: int) -> Dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    truth = {}
    for k, path in enumerate(random.Random(0).sample(files, n)):
        img = Image.open(path).convert("RGB")
        w, h = img.size
        variants = {
            "resized": img.resize((max(32, w // 2), max(32, h // 2)), Image.Resampling.BILINEAR),
            "recompressed": img,
            "cropped": img.crop((int(w * .08), int(h * .08), int(w * .92), int(h * .92))),
            "recoloured": ImageEnhance.Color(ImageEnhance.Brightness(img).enhance(1.15)).enhance(0.5),
            "channel-swapped": Image.fromarray(np.asarray(img)[:, :, [1, 2, 0]]),
        }
        for kind, v in variants.items():
            out = folder / f"{k:03d}_{kind}.jpg"
            v.save(out, "JPEG", quality=35 if kind == "recompressed" else 88)
            truth[str(out.resolve())] = str(path.resolve())
    return truth


def bench_duplicates(work: Path, planted: int) -> None:
    root = newgame8_library(work)
    lib = Library.open(root)
    originals = [r["id"] for r in lib.query("SELECT id FROM images ORDER BY id")]
    for use_features in (False, True):
        report = find_duplicates(lib, originals, use_features=use_features)
        kinds: Dict[str, int] = {}
        for g in report.groups:
            for k in g.kinds:
                kinds[k] = kinds.get(k, 0) + 1
        what = "hashes + features" if use_features else "hashes only"
        print(f"\nnewgame8 near-duplicates ({what}): {len(report.groups)} groups holding {report.duplicate_images} "
              f"of {report.images} images ({report.seconds:.1f} s); groups by kind {kinds}; "
              f"label conflicts {sum(g.label_conflict for g in report.groups)}")
    print(f"sizes of the groups: {[len(g.image_ids) for g in report.groups]}")
    lib.close()
    copy = work / "newgame8-planted"
    if not (copy / "library.sqlite").exists():
        shutil.copytree(root, copy)
        truth = _plant(work / "planted", sorted(NEWGAME8.rglob("*.jpg")), planted)
        (work / "planted.json").write_text(json.dumps(truth), encoding="utf-8")
        lib = Library.open(copy)
        import_paths(lib, [work / "planted"])
        lib.close()
    truth = json.loads((work / "planted.json").read_text(encoding="utf-8"))
    lib = Library.open(copy)
    ids = {r["path"]: r["id"] for r in lib.query("SELECT id, path FROM images")}
    report = find_duplicates(lib)
    print(f"\nPlanted copies of {planted} random newgame8 images found (copy and original in one group):")
    for kind in ("resized", "recompressed", "cropped", "recoloured", "channel-swapped"):
        pairs = [(ids[o], ids[c]) for c, o in truth.items() if c.endswith(f"_{kind}.jpg")]
        print(f"  {kind:<16}{len(planted_pairs_found(report.groups, pairs)):>4} / {len(pairs)}")
    lib.close()


# ------------------------------------------------------------------------------------ split
def bench_split(work: Path, seeds: int) -> None:
    lib = Library.open(newgame8_library(work))
    rows = L.labelled_images(lib)
    groups, count = split_groups(lib, [r["id"] for r in rows])
    group_of = {r["id"]: g for r, g in zip(rows, groups)}
    print(f"\nValidation accuracy on newgame8 (head on EfficientNet-Lite0 features, 20% validation split; "
          f"{count} near-duplicate groups with {sum(g is not None for g in groups)} images)")
    print(f"{'seed':>5}{'plain split':>13}{'leaky val':>11}{'dup-aware':>11}{'leaky val':>11}")
    plain_acc, aware_acc = [], []
    for seed in range(seeds):
        line = f"{seed:>5}"
        for aware in (False, True):
            result = train(lib, TrainConfig(model=IMAGENET_LITE0, seed=seed, duplicate_aware_split=aware,
                                            incremental=False))
            val = {v["image_id"] for v in result.val_items}
            train_groups = {group_of[r["id"]] for r in rows if r["id"] not in val and group_of[r["id"]] is not None}
            leaky = sum(1 for i in val if group_of.get(i) is not None and group_of[i] in train_groups)
            (aware_acc if aware else plain_acc).append(result.best_val_acc)
            line += f"{result.best_val_acc:>{11 if aware else 13}.1%}{leaky:>11}"
        print(line)
    print(f"{'mean':>5}{statistics.mean(plain_acc):>13.1%}{'':>11}{statistics.mean(aware_acc):>11.1%}")
    lib.close()


# ------------------------------------------------------------------------------------ onnx, attributes
def bench_onnx(work: Path) -> None:
    from animeid_desktop.core.exchange.exports import export_onnx

    lib = Library.open(newgame8_library(work))
    train(lib, TrainConfig(incremental=False))
    t = time.monotonic()
    info = export_onnx(lib, work / "newgame8.onnx")
    v = info["verification"]
    print(f"\nONNX export of a newgame8 head model: {info['bytes'] / 1e6:.1f} MB in {time.monotonic() - t:.1f} s; "
          f"ONNX Runtime top-1 = PyTorch top-1 on {v['same_top1']}/{v['images']} validation images "
          f"(largest probability difference {v['max_probability_difference']:.1e})")
    lib.close()


def bench_attributes(work: Path) -> None:
    lib = Library.open(demo_library(work))
    heads = train_attribute_heads(lib)
    print("\nAttribute heads on the demo set (shared across characters, character-centred features, "
          "5-fold cross-validated accuracy)")
    for h in heads.heads:
        print(f"  {h.key:<12} {h.examples} examples: {h.val_accuracy:.0%} "
              f"(always the commonest value: {h.baseline:.0%}){'' if h.reliable else ' -> not used'}")
    lib.close()


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", help="folder for the libraries (kept); default: a temporary folder")
    parser.add_argument("--seeds", type=int, default=5, help="split seeds for the with/without comparison")
    parser.add_argument("--planted", type=int, default=60, help="newgame8 images to plant copies of")
    parser.add_argument("--skip", nargs="*", default=[], choices=PARTS)
    args = parser.parse_args(argv)
    tmp = None if args.work else tempfile.TemporaryDirectory()
    work = Path(args.work or tmp.name)
    work.mkdir(parents=True, exist_ok=True)
    has_ng8 = NEWGAME8.is_dir()
    if "clusters" not in args.skip:
        bench_clusters(work)
    if "attributes" not in args.skip:
        bench_attributes(work)
    if not has_ng8:
        print(f"\n{NEWGAME8} is absent: skipping the newgame8 parts")
    else:
        if "clusters-newgame8" not in args.skip:
            bench_clusters_newgame8(work)
        if "duplicates" not in args.skip:
            bench_duplicates(work, args.planted)
        if "split" not in args.skip:
            bench_split(work, args.seeds)
        if "onnx" not in args.skip:
            bench_onnx(work)
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
