"""Average linkage for big collections: on the k-nearest-neighbour graph instead of all pairs.

:func:`average_linkage` (:mod:`linkage`) needs all n^2 distances, so it stops at
:data:`~animeid_desktop.core.curation.linkage.MAX_POINTS`. Above that, :func:`dendrogram` links
each image to its :data:`NEIGHBOURS` nearest (:mod:`~animeid_desktop.core.engine.neighbours`)
and merges, closest first, only clusters joined by some graph edge, at their true average
distance (connectivity-constrained average linkage). With every pair as an edge that is exactly
average linkage; :func:`~animeid_desktop.core.curation.linkage.cut` applies to both. Clusters
without any edge between them never merge (the dendrogram may have fewer than n - 1 merges).
"""

from __future__ import annotations

import heapq
from typing import List, Optional

import numpy as np

from animeid_desktop.core.curation.linkage import MAX_POINTS, Dendrogram, average_linkage
from animeid_desktop.core.engine.neighbours import EXACT_BELOW, cosine_neighbours, unit_rows
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop

NEIGHBOURS = 20  # graph edges per image


def dendrogram(
    x: np.ndarray,
    *,
    exact_up_to: int = MAX_POINTS,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Dendrogram:
    """Average-linkage dendrogram of the rows of ``x``: exact up to ``exact_up_to`` rows, on the k-NN graph above."""
    if len(x) <= exact_up_to:
        return average_linkage(x, on_progress, should_stop)
    return graph_average_linkage(x, on_progress=on_progress, should_stop=should_stop)


def graph_average_linkage(
    x: np.ndarray,
    *,
    k: int = NEIGHBOURS,
    exact_below: int = EXACT_BELOW,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Dendrogram:
    """Average linkage of the rows of ``x`` (cosine distance), merging only clusters joined by the k-NN graph."""
    if on_progress:
        on_progress(0, 0, "finding neighbours")
    unit = unit_rows(x)
    nb = cosine_neighbours(unit, k=k, exact_below=exact_below, should_stop=should_stop)
    q, r = np.nonzero(nb.rows >= 0)
    return sparse_average_linkage(unit, q, nb.rows[q, r], on_progress=on_progress, should_stop=should_stop)


def sparse_average_linkage(
    unit: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    *,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Dendrogram:
    """Average linkage of unit rows ``unit`` where only clusters joined by some edge ``a[e] - b[e]`` may merge.

    A cluster keeps the sum of its rows, so the average cosine distance of two clusters is
    ``1 - sum_i . sum_j / (n_i n_j)``, exact. Queued distances of a merged cluster's neighbours are
    refreshed for the smaller side's neighbours at once and for the others when they come up.
    """
    n = len(unit)
    sums, sizes = np.array(unit, dtype=np.float64), np.ones(n)
    links: List[Optional[set]] = [set() for _ in range(n)]
    for i, j in zip(a.tolist(), b.tolist()):
        if i != j:
            links[i].add(j)
            links[j].add(i)
    pairs = [(i, j) for i in range(n) for j in links[i] if i < j]
    heap = [(d, i, j) for (i, j), d in zip(pairs, _distances(sums, sizes, pairs))]
    heapq.heapify(heap)
    merges: List[tuple] = []
    while heap:
        key, i, j = heapq.heappop(heap)
        li, lj = links[i], links[j]
        if li is None or lj is None or j not in li:
            continue  # a cluster is gone
        d = min(2.0, max(0.0, 1.0 - float(sums[i] @ sums[j]) / (sizes[i] * sizes[j])))
        if d > key + 1e-9:
            heapq.heappush(heap, (d, i, j))  # grew apart since queued
            continue
        keep, drop = (i, j) if len(li) >= len(lj) else (j, i)
        _merge(links, sums, sizes, keep, drop, heap)
        merges.append((i, j, d))
        if len(merges) % 4096 == 0:
            check_stop(should_stop)
            if on_progress:
                on_progress(len(merges), n - 1, "grouping similar images")
    if on_progress:
        on_progress(n - 1, n - 1, "grouping similar images")
    return Dendrogram(n, np.asarray(merges, dtype=np.float64).reshape(-1, 3))


def _distances(sums: np.ndarray, sizes: np.ndarray, pairs: List[tuple]) -> List[float]:
    """Average cosine distance of each pair of clusters, from their row sums and sizes."""
    if not pairs:
        return []
    i, j = np.array(pairs, dtype=np.int64).T
    dots = np.concatenate([np.einsum("pd,pd->p", sums[i[s:s + 4096]], sums[j[s:s + 4096]])
                           for s in range(0, len(i), 4096)])
    return np.clip(1.0 - dots / (sizes[i] * sizes[j]), 0.0, 2.0).tolist()


def _merge(links: List[Optional[set]], sums: np.ndarray, sizes: np.ndarray, keep: int, drop: int,
           heap: list) -> None:
    """Join cluster ``drop`` into ``keep`` and queue the new distances to ``drop``'s neighbours."""
    kept, dropped = links[keep], links[drop]
    kept.discard(drop)
    dropped.discard(keep)
    sums[keep] += sums[drop]
    sizes[keep] += sizes[drop]
    for c in dropped:
        links[c].discard(drop)
        links[c].add(keep)
    kept |= dropped
    links[drop] = None
    others = np.fromiter(dropped, dtype=np.int64, count=len(dropped))
    dists = np.clip(1.0 - (sums[others] @ sums[keep]) / (sizes[others] * sizes[keep]), 0.0, 2.0)
    for c, d in zip(others.tolist(), dists.tolist()):
        heapq.heappush(heap, (d, min(keep, c), max(keep, c)))
