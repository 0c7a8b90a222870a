"""New characters found as one group (issue 15, point 4), on each shared set, for each kind of features.

For every character X of a set in turn: the other characters are labelled, X is not, and the product's
clustering (``cluster_images``, scope = an explicit set of unlabelled images) groups the unlabelled
pictures. X's best group is the one with the most hits²/size; the table gives its purity and recall, and
"one group" counts characters found as a group holding at least 60% of their pictures at 90% purity or more.

Two phases per set and kind of features, never mixing the README's parts:
- choose: only the train part. Labelled: the others' train pictures outside a 30% share (same sha1 rule);
  unlabelled: X's train pictures and that share. The thresholds are chosen here, one value per kind of
  features for all three sets (the product has one): the similarity to join a group (best mean purity x
  recall), and the similarity to the nearest labelled character below which a group is called new (most
  held-out groups called new plus labelled characters' groups named right).
- report: labelled: the others' train parts; unlabelled: every test picture (X's and the others').
A second table does the same with nothing labelled (the "centred" space, where the product starts).

``anime_lite0`` reads ``DIR/no_SET.safetensors`` (``--anime-folds DIR``), built without the set; the shipped
file saw every picture of the shared sets and is never measured on them.

Usage: ``.venv/bin/python benchmarks/new_characters.py --anime-folds DIR [--work DIR]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from accuracy import DATASETS, SET_NAMES, sha1_first_share

from animeid_desktop.core.curation.clustering import Clustering, Thresholds, cluster_images, thresholds
from animeid_desktop.core.engine.features import FeatureConfig, library_features
from animeid_desktop.core.engine.weights import import_weights
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths

GRID = [round(-0.2 + 0.025 * k, 3) for k in range(41)]  # -0.2 .. 0.8, both spaces
BEFORE = Thresholds(whitened=0.10, centred=0.30, new_below=0.2)  # every backbone's, up to commit 0398061
ONE_GROUP = (0.60, 0.90)  # recall, purity


@dataclass(frozen=True)
class Found:
    """X's best group at one threshold."""

    purity: float
    recall: float
    looks_like: Optional[str]  # nearest labelled character's centre, and its similarity
    similarity: Optional[float]

    @property
    def score(self) -> float:
        return self.purity * self.recall

    @property
    def one_group(self) -> bool:
        return self.recall >= ONE_GROUP[0] and self.purity >= ONE_GROUP[1]

    def looks_new(self, below: float) -> bool:
        return self.similarity is None or self.similarity < below


Results = Dict[str, Dict[float, Dict[str, Found]]]  # held out -> threshold -> character -> its best group
NEW_GRID = [round(-0.5 + 0.025 * k, 3) for k in range(53)]  # -0.5 .. 0.8


def best_group(clustering: Clustering, truth: Dict[int, str], held: str) -> Found:
    total = sum(1 for i in clustering.ids if truth[i] == held)
    if not clustering.clusters or not total:
        return Found(0.0, 0.0, None, None)
    best = max(clustering.clusters, key=lambda c: (sum(truth[i] == held for i in c.image_ids) ** 2) / c.size)
    hits = sum(truth[i] == held for i in best.image_ids)
    return Found(hits / best.size, hits / total, best.looks_like, best.looks_like_similarity)


def best_groups(clustering: Clustering, truth: Dict[int, str]) -> Dict[str, Found]:
    """Every character's best group."""
    return {char: best_group(clustering, truth, char) for char in sorted(set(truth.values()))}


def phase(lib: Library, config: FeatureConfig, truth: Dict[int, str], names: Dict[int, str],
          *, report: bool) -> Dict[str, Dict[float, Dict[str, Found]]]:
    """X -> threshold -> each unlabelled character's best group (X's and the labelled ones'), for every X."""
    test = sha1_first_share(names)
    train = [i for i in truth if i not in test]
    share = test if report else sha1_first_share({i: names[i] for i in train})
    pool = set(train) | (test if report else set())
    out = {}
    for held in sorted(set(truth.values())):
        unlabelled = sorted(test) if report else sorted(i for i in train if truth[i] == held or i in share)
        L.clear_labels(lib, list(truth))
        for char in sorted(set(truth.values()) - {held}):
            L.set_labels(lib, [i for i in pool if truth[i] == char and i not in share], char)
        clustering = cluster_images(lib, image_ids=unlabelled, config=config, save=False)
        sub_truth = {i: truth[i] for i in unlabelled}
        out[held] = {t: best_groups(clustering.recut(t), sub_truth) for t in GRID}
    restore(lib, truth)
    return out


def phase_centred(lib: Library, config: FeatureConfig, truth: Dict[int, str], names: Dict[int, str],
                  *, report: bool) -> Dict[str, Dict[float, Dict[str, Found]]]:
    """Nothing labelled (the "centred" space): every character of the part is looked for among its groups."""
    test = sha1_first_share(names)
    unlabelled = sorted(test) if report else sorted(i for i in truth if i not in test)
    L.clear_labels(lib, list(truth))
    clustering = cluster_images(lib, image_ids=unlabelled, config=config, save=False)
    sub_truth = {i: truth[i] for i in unlabelled}
    cuts = {t: clustering.recut(t) for t in GRID}
    restore(lib, truth)
    return {x: {t: {x: best_group(cuts[t], sub_truth, x)} for t in GRID} for x in sorted(set(truth.values()))}


def restore(lib: Library, truth: Dict[int, str]) -> None:
    for char in sorted(set(truth.values())):
        L.set_labels(lib, [i for i in truth if truth[i] == char], char)


def set_library(work: Path, name: str) -> Tuple[Library, Dict[int, str], Dict[int, str]]:
    root = work / name
    fresh = not (root / "library.sqlite").exists()
    lib = Library.open(root)
    if fresh:
        import_paths(lib, [DATASETS / name])
    truth = {r["id"]: r["character"] for r in L.labelled_images(lib)}
    rows = lib.query_in("SELECT id, path FROM images WHERE id IN ({marks})", list(truth))
    names = {r["id"]: f"{truth[r['id']]}/{Path(r['path']).name}" for r in rows}
    return lib, truth, names


FEATURES = {  # what the groups are made on; the product's default last
    "imagenet full": FeatureConfig(model="efficientnet_lite0"),
    "imagenet full+face": FeatureConfig(model="efficientnet_lite0", views="full+face"),
    "anime full": FeatureConfig(model="anime_lite0"),
    "anime full+face": FeatureConfig(model="anime_lite0", views="full+face"),
}
HEADINGS = {
    "whitened": "Report, test parts: the others' train parts labelled, every test picture unlabelled; X's best group",
    "centred": "Report, test parts, nothing labelled: each character's best group among the test pictures",
}


def measure_set(work: Path, name: str, folds: Path) -> Dict[Tuple[str, str, str], Results]:
    """Both phases, both spaces, every kind of features, on one set."""
    lib, truth, names = set_library(work, name)
    import_weights(folds / f"no_{name}.safetensors", "anime_lite0")
    out = {}
    for model, config in FEATURES.items():
        library_features(lib, config=config)
        for report in (False, True):
            part = "report" if report else "choose"
            out[(name, model, part)] = phase(lib, config, truth, names, report=report)
            out[(name, model, part + "-centred")] = phase_centred(lib, config, truth, names, report=report)
        print(f"{name} {model} measured", flush=True)
    lib.close()
    return out


def load_results(path: Path) -> Dict[Tuple[str, str, str], Results]:
    data = json.loads(path.read_text())
    return {tuple(k.split("|")): {x: {float(t): {c: Found(**f) for c, f in by_c.items()} for t, by_c in by_t.items()}
                                  for x, by_t in v.items()} for k, v in data.items()}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--anime-folds", type=Path, required=True, metavar="DIR")
    p.add_argument("--work", type=Path, default=None, help="keeps the libraries and feature caches")
    p.add_argument("--sets", default=",".join(SET_NAMES))
    p.add_argument("--reuse", action="store_true", help="read a set's results from --work when measured before")
    args = p.parse_args(argv)
    sets = [s for s in args.sets.split(",") if (DATASETS / s).is_dir()]
    if not sets:
        print("no shared set here; nothing to measure", file=sys.stderr)
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="animeid-newchars-"))
    os.environ["ANIMEID_WEIGHTS_DIR"] = str(work / "weights")
    results: Dict[Tuple[str, str, str], Results] = {}
    for name in sets:
        saved = work / f"new_characters_{name}.json"
        if args.reuse and saved.is_file():
            results.update(load_results(saved))
            print(f"{name}: read from {saved}")
            continue
        measured = measure_set(work, name, args.anime_folds)
        saved.write_text(json.dumps({"|".join(k): {x: {str(t): {c: asdict(f) for c, f in by_c.items()}
                                                       for t, by_c in by_t.items()} for x, by_t in v.items()}
                                     for k, v in measured.items()}))
        results.update(measured)
    print_tables(results, sets)
    return 0



def held_out(rows: Results, t: float) -> List[Found]:
    return [by_t[t][x] for x, by_t in rows.items()]


def new_rates(rows: List[Results], t: float, below: float) -> Tuple[float, float]:
    """(held-out groups called new, labelled characters' groups called by their own name) at ``below``."""
    held = [f.looks_new(below) for r in rows for f in held_out(r, t)]
    own = [not f.looks_new(below) and f.looks_like == c for r in rows for x, by_t in r.items()
           for c, f in by_t[t].items() if c != x]
    return statistics.mean(held), statistics.mean(own) if own else 0.0


def summary(found: List[Found]) -> str:
    return (f"{statistics.mean(f.purity for f in found):>7.0%}{statistics.mean(f.recall for f in found):>7.0%}"
            f"{statistics.mean(f.score for f in found):>7.2f}{sum(f.one_group for f in found):>6}/{len(found):<3}")


def print_tables(results: Dict[Tuple[str, str, str], Results], sets: List[str]) -> None:
    for space, suffix in (("whitened", ""), ("centred", "-centred")):
        chosen, below = {}, {}
        for model, config in FEATURES.items():
            pooled = [results[(name, model, "choose" + suffix)] for name in sets]
            chosen[model] = max(GRID, key=lambda t: statistics.mean(f.score for r in pooled for f in held_out(r, t)))
            below[model] = max(NEW_GRID, key=lambda b: sum(new_rates(pooled, chosen[model], b)))
            now = thresholds(config)
            print(f"{space}, {model}: chosen on the train parts: similarity {chosen[model]:+.3f} (product "
                  f"{now.similarity(space):+.3f})" + (f", new below {below[model]:+.3f} (product "
                                                      f"{now.new_below:+.3f})" if not suffix else ""))
        print(f"\n{HEADINGS[space]}")
        print(f"{'set':<13}{'features':<19}{'threshold':>15}{'purity':>7}{'recall':>7}{'p x r':>7}"
              f"{'one group':>10}" + ("  new: held out / labelled named" if not suffix else ""))
        for name in sets:
            for model in FEATURES:
                rows = results[(name, model, "report" + suffix)]
                for label, t, b in (("before", BEFORE.similarity(space), BEFORE.new_below),
                                    ("chosen", chosen[model], below[model])):
                    line = f"{name:<13}{model:<19}{label + f' {t:+.3f}':>15}{summary(held_out(rows, t))}"
                    if not suffix:
                        held, own = new_rates([rows], t, b)
                        line += f"  {held:>9.0%} / {own:.0%}"
                    print(line)
        print()


if __name__ == "__main__":
    raise SystemExit(main())
