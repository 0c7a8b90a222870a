"""Average-linkage agglomerative clustering on cosine distance, numpy only.

:func:`average_linkage` builds the whole dendrogram once with the nearest-neighbour-chain
algorithm (O(n^2) time and memory); :func:`cut` then turns it into flat clusters for any
similarity threshold in O(n), so moving the threshold slider costs nothing. Average linkage is
monotone, so "apply every merge at or below the cut height" is exactly the dendrogram cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

import numpy as np

from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop

MAX_POINTS = 12_000  # n x n float32 distances: 576 MB at this size


@dataclass
class Dendrogram:
    """``n`` points and ``n - 1`` merges ``(point_a, point_b, distance)`` (any point of each side)."""

    n: int
    merges: np.ndarray  # (n - 1, 3) float64

    def heights(self) -> np.ndarray:
        return self.merges[:, 2]


def cosine_distances(x: np.ndarray) -> np.ndarray:
    """``1 - cos`` between the rows of ``x`` (rows need not be normalised), float32."""
    x = np.asarray(x, dtype=np.float32)
    x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    d = 1.0 - x @ x.T
    np.clip(d, 0.0, 2.0, out=d)
    return d


def average_linkage(
    x: np.ndarray,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Dendrogram:
    """Average-linkage dendrogram of the rows of ``x`` under cosine distance."""
    n = len(x)
    if n > MAX_POINTS:
        raise ValueError(f"too many points for exact clustering ({n} > {MAX_POINTS})")
    if n < 2:
        return Dendrogram(n, np.zeros((0, 3)))
    d = cosine_distances(x)
    np.fill_diagonal(d, np.inf)
    size = np.ones(n, dtype=np.float64)
    active = np.ones(n, dtype=bool)
    merges: List[tuple] = []
    chain: List[int] = []
    remaining = n
    while remaining > 1:
        if not chain:
            chain.append(int(np.flatnonzero(active)[0]))
        a = chain[-1]
        row = d[a]
        b = int(np.argmin(row))
        if len(chain) >= 2 and row[chain[-2]] <= row[b]:
            b = chain[-2]  # prefer the previous link on ties: guarantees termination
        if len(chain) >= 2 and b == chain[-2]:
            chain.pop()
            chain.pop()
            dist = float(row[b])
            merges.append((a, b, dist))
            keep, drop = (a, b) if a < b else (b, a)
            total = size[a] + size[b]
            new = (size[a] * d[a] + size[b] * d[b]) / total
            d[keep, :] = new
            d[:, keep] = new
            d[drop, :] = np.inf
            d[:, drop] = np.inf
            d[keep, keep] = np.inf
            size[keep] = total
            active[drop] = False
            remaining -= 1
            if len(merges) % 256 == 0:
                check_stop(should_stop)
                if on_progress:
                    on_progress(len(merges), n - 1, "grouping similar images")
        else:
            chain.append(b)
    if on_progress:
        on_progress(n - 1, n - 1, "grouping similar images")
    return Dendrogram(n, np.asarray(merges, dtype=np.float64))


def _find(parent: np.ndarray, i: int) -> int:
    root = i
    while parent[root] != root:
        root = parent[root]
    while parent[i] != root:
        parent[i], i = root, parent[i]
    return root


def cut(dendrogram: Dendrogram, similarity: float) -> np.ndarray:
    """Flat cluster label per point: points joined by merges with cosine similarity >= ``similarity``.

    Labels are 0..k-1, numbered largest cluster first (ties by smallest member).
    """
    n = dendrogram.n
    parent = np.arange(n)
    limit = 1.0 - float(similarity) + 1e-9
    for a, b, dist in dendrogram.merges:
        if dist <= limit:
            ra, rb = _find(parent, int(a)), _find(parent, int(b))
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    roots = np.array([_find(parent, i) for i in range(n)], dtype=np.int64)
    uniq, counts = np.unique(roots, return_counts=True)
    order = sorted(range(len(uniq)), key=lambda k: (-counts[k], uniq[k]))
    relabel = {int(uniq[k]): new for new, k in enumerate(order)}
    return np.array([relabel[int(r)] for r in roots], dtype=np.int64)
