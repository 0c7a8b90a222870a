"""Pseudo-labels: does a head learn more when it also trains on the unlabelled pictures it is sure of?

Issue 20, point 4 (decision 0022). Head mode on frozen features, each shared set with the README's fixed
split; the unlabelled pool always holds pictures of other characters too (the other sets' test parts), as a
real collection does. Three ways the pictures are shared out:

- ``k=10`` / ``k=20``: that many labelled pictures per character, the rest of the train part unlabelled
  (inductive: the test part is never in the pool);
- ``all``: the whole train part labelled, the pool is the test part itself plus the other characters
  (transductive: "sorting the rest of the collection").

Self-training: fit the head on the labelled pictures, give each pooled picture its top character where the
rule accepts it, fit again on both, twice. Rules: ``p>=0.5`` (top probability at least 0.5), and ``known,
p>=0.5`` (also called known by the open set that a run calibrates on the labelled pictures). Printed per
set, way and rule: test top-1 without and with pseudo-labels (mean of the seeds), the worst seed's change,
and the share of the pool's own-character and other-character pictures that got a label.

Features: ImageNet Lite0 (``--anime-folds DIR``: ``anime_lite0`` read with ``DIR/no_SET.safetensors``, a
backbone built without that set), the whole picture as one view. Usage::

    .venv/bin/python benchmarks/pseudo_labels.py --anime-folds DIR [--sets newgame8] [--seeds 0 1 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Dict, List, Tuple

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANIMEID_OFFLINE", "1")

from benchmarks.openset import SET_NAMES, embed, head_and_openset, indexed, set_items  # noqa: E402

WAYS = ("k=10", "k=20", "all")
RULES = ("p>=0.5", "known, p>=0.5")
MIN_PROB = 0.5
ROUNDS = 2

Head = Tuple[np.ndarray, np.ndarray]  # (weight, bias)


def fit(x: np.ndarray, y: np.ndarray, n: int, seed: int) -> Head:
    """A head as a run trains it (no validation share)."""
    from animeid_desktop.core.training.config import TrainConfig
    from animeid_desktop.core.training.head import fit_head

    c = TrainConfig(seed=seed)
    out = fit_head(x, y, x[:0], y[:0], n, epochs=c.resolved_epochs(), lr=c.lr, weight_decay=c.weight_decay,
                   batch_size=c.batch_size, mixup_alpha=c.mixup_alpha, label_smoothing=c.label_smoothing, seed=seed)
    return out.state["fc.weight"].numpy(), out.state["fc.bias"].numpy()


def top1(head: Head, x: np.ndarray, y: np.ndarray) -> float:
    return float(((x @ head[0].T + head[1]).argmax(1) == y).mean())


def self_train(x: np.ndarray, y: np.ndarray, pool: np.ndarray, n: int, seed: int,
               allowed: np.ndarray) -> Tuple[Head, np.ndarray]:
    """(head, accepted mask): ``ROUNDS`` refits on the labelled pictures plus the accepted pooled ones."""
    from animeid_desktop.core.engine.openset import softmax_top

    head = fit(x, y, n, seed)
    for _ in range(ROUNDS):
        accepted = allowed & (softmax_top(pool, *head) >= MIN_PROB)
        labels = (pool @ head[0].T + head[1]).argmax(1)
        head = fit(np.concatenate([x, pool[accepted]]), np.concatenate([y, labels[accepted]]), n, seed)
    return head, accepted


def one_set(name: str, folds: Path | None, cache_dir: Path, seeds: List[int]) -> Dict[tuple, dict]:
    """{(way, rule): {base, with, worst, own, others}} for ``name`` (means over the seeds)."""
    weights = folds / f"no_{name}.safetensors" if folds else None
    train, test = set_items(name)
    names = sorted({c for _p, c in train})
    x_train, x_test = embed(train, cache_dir, weights), embed(test, cache_dir, weights)
    x_other = embed([p for o in SET_NAMES if o != name for p in set_items(o)[1]], cache_dir, weights)
    y_train, y_test = indexed(train, names), indexed(test, names)
    runs: Dict[tuple, List[tuple]] = {}
    for seed in seeds:
        rng = np.random.default_rng(seed)
        for way in WAYS:
            k = None if way == "all" else int(way[2:])
            labelled = np.concatenate([rng.permutation(np.flatnonzero(y_train == i))[:k] for i in range(len(names))])
            own = x_test if k is None else x_train[np.setdiff1d(np.arange(len(y_train)), labelled)]
            pool = np.concatenate([own, x_other])
            x, y = x_train[labelled], y_train[labelled]
            base = top1(fit(x, y, len(names), seed), x_test, y_test)
            _w, _b, _t, openset = head_and_openset(x, y, names, seed)
            gates = {"p>=0.5": np.ones(len(pool), bool), "known, p>=0.5": openset.scores(pool) >= openset.threshold}
            for rule in RULES:
                head, accepted = self_train(x, y, pool, len(names), seed, gates[rule])
                runs.setdefault((way, rule), []).append((base, top1(head, x_test, y_test), accepted[:len(own)].mean(),
                                                         accepted[len(own):].mean()))
    return {key: {"base": np.mean([r[0] for r in rs]), "with": np.mean([r[1] for r in rs]),
                  "worst": min(r[1] - r[0] for r in rs), "own": np.mean([r[2] for r in rs]),
                  "others": np.mean([r[3] for r in rs])} for key, rs in runs.items()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", nargs="+", default=list(SET_NAMES), choices=SET_NAMES)
    ap.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    ap.add_argument("--anime-folds", type=Path, default=None, metavar="DIR",
                    help="read each set with DIR/no_SET.safetensors (anime_lite0 built without it)")
    ap.add_argument("--cache-dir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "animeid-openset-cache",
                    help="embedding cache folder (kept between runs)")
    args = ap.parse_args(argv)
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    print(f"features: {'anime_lite0 folds in ' + str(args.anime_folds) if args.anime_folds else 'ImageNet Lite0'}; "
          f"seeds {args.seeds}")
    print(f"| set | labelled | rule | top-1 without | with | change | worst seed | own pool labelled | "
          f"others labelled |\n|{'---|' * 9}")
    for name in args.sets:
        for (way, rule), r in one_set(name, args.anime_folds, args.cache_dir, args.seeds).items():
            print(f"| {name} | {way} | {rule} | {r['base']:.1%} | {r['with']:.1%} | "
                  f"{100 * (r['with'] - r['base']):+.1f} | {100 * r['worst']:+.1f} | {r['own']:.0%} | "
                  f"{r['others']:.0%} |", flush=True)
    print(f"\n{time.monotonic() - t0:.0f} s in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
