"""Big collections (issue 19): near-duplicate pass, find similar and clustering at 100,000 / 50,000 images.

Everything here is SYNTHETIC: no images are decoded and no backbone runs (features are taken as
cached). "find similar in a library" inserts the image rows and their cached features straight into a
real library and times ``find_similar`` itself (the first query reads the features, the next ones use
the kept ones). "500 images added" is a pass through the pair store (``near_duplicates.find_pairs_kept``)
after a first pass over the others. Feature vectors are 1280-d like the default backbone's: points
around 2,000 "characters" (cosine ~0.5 within one), with planted near-duplicate pairs of two sorts:
feature copies (cosine ~0.95, unrelated hashes) and hash copies (pHash/dHash a few bits apart, cosine
~0.85). Hashes are random 64-bit values otherwise.

Each part runs in its own process so its peak memory (ru_maxrss) is its own. "today" is the code
before issue 19 (exact all-pairs search, exact O(n^2) linkage capped at 12,000); where it cannot
run at full size it is measured at 10,000 / 12,000 and the n^2 projection is printed next to it.

    nice -n 5 python benchmarks/big_collection.py            # 100,000 images, clustering 50,000
    nice -n 5 python benchmarks/big_collection.py --n 20000 --cluster-n 12000   # quicker
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np
from _common import ROOT, print_table

DIM, CHARACTERS = 1280, 2000


def synthetic(n: int, planted: int, seed: int = 0):
    """(unit vectors, dhashes, phashes, planted pairs) with ``planted`` pairs of each sort."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((CHARACTERS, DIM)).astype(np.float32)
    x = centres[rng.integers(0, CHARACTERS, n)]
    x += rng.standard_normal((n, DIM), dtype=np.float32)
    dh = rng.integers(0, 2**63, n, dtype=np.int64).astype(np.uint64) ^ rng.integers(0, 2, n).astype(np.uint64) << 63
    ph = rng.integers(0, 2**63, n, dtype=np.int64).astype(np.uint64)
    slots = rng.permutation(n)[: 4 * planted].reshape(2, 2, planted)
    (fa, fb), (ha, hb) = slots
    x[fb] = x[fa] + 0.33 * rng.standard_normal((planted, DIM), dtype=np.float32) * np.linalg.norm(
        x[fa], axis=1, keepdims=True) / np.sqrt(DIM)  # feature copies, cosine ~0.95
    x[hb] = x[ha] + 0.62 * rng.standard_normal((planted, DIM), dtype=np.float32) * np.linalg.norm(
        x[ha], axis=1, keepdims=True) / np.sqrt(DIM)  # hash copies, cosine ~0.85
    for target, source, bits in ((ph, ph, 6), (dh, dh, 8)):
        flips = np.zeros(planted, np.uint64)
        for _ in range(bits):
            flips |= np.uint64(1) << rng.integers(0, 64, planted).astype(np.uint64)
        target[hb] = source[ha] ^ flips
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    firsts, seconds = np.concatenate([fa, ha]).tolist(), np.concatenate([fb, hb]).tolist()
    pairs = {(min(a, b), max(a, b)) for a, b in zip(firsts, seconds)}
    return x, dh, ph, pairs


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_s() -> float:
    """CPU seconds of this process, all threads (the machine is shared: wall time depends on the load)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def part_duplicates(n: int, exact: bool) -> dict:
    from animeid_desktop.core.engine.near_duplicates import find_pairs

    x, dh, ph, planted = synthetic(n, max(50, n // 200))
    t, c = time.perf_counter(), cpu_s()
    pairs = find_pairs(dh, ph, x, exact_below=10**12 if exact else 0)
    seconds, cpu = time.perf_counter() - t, cpu_s() - c
    found = {(a, b) for a, b, *_ in pairs}
    return {"seconds": seconds, "cpu": cpu, "recall": len(found & planted) / len(planted), "planted": len(planted),
            "other_pairs": len(found - planted), "peak_mb": peak_mb()}


def part_added(n: int, added: int = 500) -> dict:
    """A pass after ``added`` images joined ``n - added`` already compared (pairs kept in a store)."""
    import tempfile
    from pathlib import Path

    from animeid_desktop.core.engine.near_duplicates import find_pairs_kept
    from animeid_desktop.core.engine.pair_store import PairStore

    x, dh, ph, planted = synthetic(n, max(50, n // 200))
    shas = [f"{k:064x}" for k in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        store = PairStore(Path(tmp) / "pairs.sqlite")
        old = n - added
        t = time.perf_counter()
        find_pairs_kept(store, shas[:old], dh[:old], ph[:old], x[:old])
        first = time.perf_counter() - t
        t, c = time.perf_counter(), cpu_s()
        pairs = find_pairs_kept(store, shas, dh, ph, x)
        seconds, cpu = time.perf_counter() - t, cpu_s() - c
    found = {(a, b) for a, b, *_ in pairs}
    return {"seconds": seconds, "cpu": cpu, "first": first, "recall": len(found & planted) / len(planted),
            "peak_mb": peak_mb()}


def part_similar(n: int, queries: int = 50) -> dict:
    from animeid_desktop.core.curation.similar import rank_similar

    x, _dh, _ph, planted = synthetic(n, max(50, n // 200))  # rows are unit length, as find_similar prepares them
    ids = list(range(n))
    probes = sorted(planted)[:queries]
    hits = 0
    t = time.perf_counter()
    for a, b in probes:
        hits += b in [i for i, _s in rank_similar(ids, x, x[a], limit=10, skip=a)]
    seconds = time.perf_counter() - t
    return {"ms_per_query": 1000 * seconds / len(probes), "copy_in_top10": hits / len(probes), "peak_mb": peak_mb()}


def part_similar_library(n: int) -> dict:
    """``find_similar`` end to end in a library of ``n`` image rows with cached features (random unit-ish
    vectors, copies planted): the first query (reads the cache), the next ones (kept features), and
    "today": every query reading and scaling every cached vector again, as before the kept features."""
    import tempfile

    from animeid_desktop.core.curation.similar import find_similar, rank_similar
    from animeid_desktop.core.engine.features import feature_cache, library_features
    from animeid_desktop.core.engine.neighbours import unit_rows
    from animeid_desktop.core.library.folder import Library, utcnow

    x, _dh, _ph, planted = synthetic(n, 50)
    probes = sorted(planted)[:6]
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(tmp)
        with lib.write() as conn:
            conn.executemany("INSERT INTO images(sha256, path, byte_size, format, width, height, added_at) "
                             "VALUES (?, ?, 1, 'png', 96, 96, ?)",
                             [(f"{i:064x}", f"/synthetic/{i}.png", utcnow()) for i in range(n)])
        cache = feature_cache(lib)
        for start in range(0, n, 5000):
            cache.put_many({f"{i:064x}": x[i] for i in range(start, min(n, start + 5000))})
        times, hits = [], 0
        for a, b in probes:  # row i is image id i + 1
            t = time.perf_counter()
            found = find_similar(lib, str(a + 1), limit=10)
            times.append(time.perf_counter() - t)
            hits += b + 1 in [m.image_id for m in found.matches]
        t = time.perf_counter()
        feats = library_features(lib)
        rank_similar(feats.ids, unit_rows(feats.vectors), feats.vectors[probes[0][0]], limit=10)
        today = time.perf_counter() - t
        lib.close()
    return {"first_ms": 1000 * times[0], "next_ms": 1000 * float(np.median(times[1:])), "today_ms": 1000 * today,
            "copy_in_top10": hits / len(probes), "peak_mb": peak_mb()}


def part_clustering(n: int, graph: bool) -> dict:
    from animeid_desktop.core.curation.graph_linkage import dendrogram
    from animeid_desktop.core.curation.linkage import cut

    x, *_ = synthetic(n, 10, seed=1)
    before = peak_mb()
    t, c = time.perf_counter(), cpu_s()
    tree = dendrogram(x, exact_up_to=0 if graph else 10**9)
    seconds, cpu = time.perf_counter() - t, cpu_s() - c
    labels = cut(tree, 0.3)
    np.save(f"/tmp/big_collection_labels_{n}_{int(graph)}.npy", labels)
    return {"seconds": seconds, "cpu": cpu, "clusters": int(labels.max()) + 1, "peak_mb": peak_mb(), "data_mb": before}


def run_part(*args: str) -> dict:
    """One part in a fresh process; its JSON result."""
    out = subprocess.run([sys.executable, __file__, "--part", *args], capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def agreement(n: int) -> float:
    """Pairwise same-group agreement of the graph and the exact clustering at similarity 0.3 (sampled pairs)."""
    a, b = (np.load(f"/tmp/big_collection_labels_{n}_{g}.npy") for g in (0, 1))
    rng = np.random.default_rng(0)
    i, j = rng.integers(0, n, 2_000_000), rng.integers(0, n, 2_000_000)
    return float(np.mean((a[i] == a[j]) == (b[i] == b[j])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--cluster-n", type=int, default=50_000)
    parser.add_argument("--part", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        name, size, flag = args.part[0], int(args.part[1]), args.part[2] == "1" if len(args.part) > 2 else False
        fn = {"duplicates": part_duplicates, "similar": part_similar, "clustering": part_clustering,
              "added": part_added, "similar-library": part_similar_library}[name]
        print(json.dumps(fn(size, flag) if name in ("duplicates", "clustering") else fn(size)))
        return
    rows = duplicate_rows(args.n) + clustering_rows(args.cluster_n)
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    title = (f"Big collection (synthetic {DIM}-d features and 64-bit hashes; {args.n:,} images, clustering "
             f"{args.cluster_n:,}); today = exact code before issue 19; times are wall s (CPU s, all threads); "
             f"{os.cpu_count()} CPU(s), load at the end {load}")
    print_table(title, ("measure", "unit", "today", "new", "target"), rows)


def duplicate_rows(n: int) -> list:
    today_n = min(n, 10_000)
    today, new = run_part("duplicates", str(today_n), "1"), run_part("duplicates", str(n), "0")
    sim, added, app = run_part("similar", str(n)), run_part("added", str(n)), run_part("similar-library", str(n))
    print(json.dumps({"duplicates_today": today, "duplicates_new": new, "similar": sim, "added": added,
                      "similar_library": app}), flush=True)
    ms, top = sim.get("ms_per_query", float("nan")), 100 * sim.get("copy_in_top10", 0)
    return [
        (f"duplicate pass, {n:,} images", "s", _fmt(today, "seconds", (n / today_n) ** 2, today_n),
         _fmt(new, "seconds"), "<= 60"),
        ("planted pairs found", "%", f"{100 * today.get('recall', 0):.1f} (at {today_n:,})",
         f"{100 * new.get('recall', 0):.1f} of {new.get('planted', 0)}", ">= 99"),
        ("other pairs found (chance)", "pairs", f"{today.get('other_pairs')} (at {today_n:,})",
         str(new.get("other_pairs")), ""),
        (f"500 images added to {n - 500:,}: duplicate pass", "s", f"{_fmt(new, 'seconds')} (everything again)",
         _fmt(added, "seconds") + (f", planted pairs {100 * added['recall']:.1f}%" if "recall" in added else ""),
         "<= 2"),
        (f"find similar, {n:,} images: ranking alone", "ms/query", "(none)", f"{ms:.1f} (copy in top 10: {top:.0f}%)",
         ""),
        (f"find similar in a {n:,}-image library, first query", "ms", "", _fmt(app, "first_ms"), ""),
        (f"find similar in a {n:,}-image library, next queries", "ms/query",
         f"{_fmt(app, 'today_ms')} (each reads all)",
         _fmt(app, "next_ms") + (f" (copy in top 10: {100 * app['copy_in_top10']:.0f}%)" if "next_ms" in app else ""),
         "<= 50"),
    ]


def clustering_rows(n: int) -> list:
    cap = min(n, 12_000)
    today, graph_cap, new = (run_part("clustering", str(cap), "0"), run_part("clustering", str(cap), "1"),
                             run_part("clustering", str(n), "1"))
    print(json.dumps({"clustering_today": today, "clustering_graph_cap": graph_cap, "clustering_new": new}),
          flush=True)
    agree = f"{100 * agreement(cap):.2f}" if "error" not in graph_cap and "error" not in today else "-"
    return [
        (f"clustering, {cap:,} images", "s", _fmt(today, "seconds"), _fmt(graph_cap, "seconds"), ""),
        (f"clustering, {cap:,}: same-group agreement", "%", "100 (reference)", agree, ""),
        (f"clustering, {cap:,}: peak memory", "MB", _fmt(today, "peak_mb"), _fmt(graph_cap, "peak_mb"), ""),
        (f"clustering, {n:,} images", "s", "refused (cap 12,000)", _fmt(new, "seconds"), "<= 60"),
        (f"clustering, {n:,}: peak memory", "MB", "-", _fmt(new, "peak_mb"), "<= 2048"),
    ]


def _fmt(result: dict, key: str, scale: float = 1.0, measured_at: int = 0) -> str:
    if "error" in result:
        return f"failed: {result['error'][:60]}"
    value = result[key]
    cpu = f" ({result['cpu']:.0f})" if key == "seconds" and "cpu" in result else ""
    if scale != 1.0:
        return f"{value:.1f}{cpu} at {measured_at:,} -> ~{value * scale:.0f} (n^2)"
    return f"{value:.1f}{cpu}"


if __name__ == "__main__":
    main()
