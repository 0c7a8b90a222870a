"""Nearest neighbours of feature vectors (cosine) and 64-bit hashes (Hamming): exact or indexed.

Every "which images are close to which" question (near-duplicate candidates, the clustering graph,
"find similar") asks here. Below :data:`EXACT_BELOW` rows the answer is exact brute force with
numpy; from there on it comes from faiss (MIT): an HNSW graph over the vectors, reduced by PCA to
at most :data:`ANN_DIMS` dimensions to build it fast, with every candidate re-scored on the full
vectors, and an exhaustive binary index (hardware popcount) for hashes, which stays exact.
faiss was chosen over usearch by measurement (docs/decisions/0010-neighbour-index.md):
about 2.5x faster to build and 4x faster to query at the same recall.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

import numpy as np

from animeid_desktop.core.progress import StopFn, check_stop

EXACT_BELOW = 10_000  # configuration: fewer rows than this are searched exactly (brute force)
ANN_DIMS = 128  # the HNSW graph is built on at most this many PCA dimensions
HNSW_LINKS, HNSW_BUILD, HNSW_SEARCH = 16, 40, 64  # graph degree, build and search breadth (measured: decision 0010)
_BLOCK = 512


@dataclass(frozen=True)
class Neighbours:
    """Each query's nearest rows, most similar first: ``rows[q, r]`` (-1 = none) and cosine ``scores[q, r]``."""

    rows: np.ndarray  # (m, k) int64
    scores: np.ndarray  # (m, k) float32


def unit_rows(x: np.ndarray) -> np.ndarray:
    """Rows of ``x`` as float32 scaled to unit length (zero rows stay zero)."""
    x = np.ascontiguousarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def _top_k(sims: np.ndarray, k: int) -> Tuple[np.ndarray, np.ndarray]:
    """The ``k`` largest of each row of ``sims``, best first (ties by lower column)."""
    k = min(k, sims.shape[1])
    part = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < sims.shape[1] else np.tile(
        np.arange(sims.shape[1]), (len(sims), 1))
    picked = np.take_along_axis(sims, part, axis=1)
    order = np.lexsort((part, -picked), axis=1)
    return np.take_along_axis(part, order, axis=1), np.take_along_axis(picked, order, axis=1)


def _exact(data: np.ndarray, queries: np.ndarray, k: int, skip_self: bool, should_stop: Optional[StopFn]):
    rows = np.full((len(queries), k), -1, dtype=np.int64)
    scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
    for start in range(0, len(queries), _BLOCK):
        check_stop(should_stop)
        sims = queries[start:start + _BLOCK] @ data.T
        if skip_self:
            sims[np.arange(len(sims)), np.arange(start, start + len(sims))] = -np.inf
        r, s = _top_k(sims, k)
        rows[start:start + len(r), :r.shape[1]], scores[start:start + len(r), :r.shape[1]] = r, s
    scores[rows < 0] = -np.inf
    return rows, scores


def pca_reduce(x: np.ndarray, dims: int = ANN_DIMS, sample: int = 5_000) -> np.ndarray:
    """``x`` centred and projected on its ``dims`` main directions (learnt on a fixed sample of rows)."""
    if x.shape[1] <= dims:
        return np.ascontiguousarray(x, dtype=np.float32)
    pick = np.sort(np.random.default_rng(0).choice(len(x), min(sample, len(x)), replace=False))
    mean = x[pick].mean(0)
    centred = (x[pick] - mean).astype(np.float32)
    _values, vectors = np.linalg.eigh((centred.T @ centred).astype(np.float64))
    basis = vectors[:, ::-1][:, :dims].astype(np.float32)  # eigh sorts ascending
    return np.ascontiguousarray((x - mean) @ basis, dtype=np.float32)


def _indexed(data: np.ndarray, queries: np.ndarray, k: int, skip_self: bool, should_stop: Optional[StopFn]):
    import faiss

    check_stop(should_stop)
    both = unit_rows(pca_reduce(np.concatenate([data, queries]) if not skip_self else data))
    base, probe = both[:len(data)], (both if skip_self else both[len(data):])
    index = faiss.IndexHNSWFlat(base.shape[1], HNSW_LINKS)  # L2 on unit rows = cosine order
    wide = min(len(base), k + 8)  # candidates re-scored on the full vectors per query
    index.hnsw.efConstruction, index.hnsw.efSearch = HNSW_BUILD, max(HNSW_SEARCH, 2 * wide)
    index.add(base)
    check_stop(should_stop)
    _d, found = index.search(probe, wide)
    rows = np.full((len(queries), k), -1, dtype=np.int64)
    scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
    for start in range(0, len(queries), _BLOCK):  # re-score on the full vectors, drop self
        cand = found[start:start + _BLOCK]
        sims = np.einsum("qd,qkd->qk", queries[start:start + _BLOCK], data[np.maximum(cand, 0)])
        bad = cand < 0
        if skip_self:
            bad |= cand == np.arange(start, start + len(cand))[:, None]
        sims[bad] = -np.inf
        order = np.lexsort((cand, -sims), axis=1)[:, :k]
        rows[start:start + len(cand)] = np.take_along_axis(cand, order, axis=1)
        scores[start:start + len(cand)] = np.take_along_axis(sims, order, axis=1)
    rows[~np.isfinite(scores)] = -1
    return rows, scores


def cosine_neighbours(
    vectors: np.ndarray,
    *,
    k: int,
    queries: Optional[np.ndarray] = None,
    exact_below: int = EXACT_BELOW,
    should_stop: Optional[StopFn] = None,
) -> Neighbours:
    """The ``k`` rows of ``vectors`` most cosine-similar to each query (default: to each row, itself left out).

    Exact below ``exact_below`` rows, from the HNSW index (re-scored exactly) from there on.
    """
    data = unit_rows(vectors)
    skip_self = queries is None
    probe = data if skip_self else unit_rows(queries)
    k = max(0, min(k, len(data) - (1 if skip_self else 0)))
    if k == 0 or len(probe) == 0:
        return Neighbours(np.zeros((len(probe), 0), np.int64), np.zeros((len(probe), 0), np.float32))
    search = _exact if len(data) < exact_below else _indexed
    rows, scores = search(data, probe, k, skip_self, should_stop)
    return Neighbours(rows, scores)


def nearest_unit(unit: np.ndarray, query: np.ndarray, *, k: int) -> Neighbours:
    """Exact ``k`` nearest rows to one query, for rows already of unit length (one matrix-vector product)."""
    sims = unit @ (np.asarray(query, np.float32) / max(float(np.linalg.norm(query)), 1e-12))
    rows, scores = _top_k(sims[None, :], max(0, min(k, len(unit))))
    return Neighbours(rows.astype(np.int64), scores.astype(np.float32))


def close_pairs(nb: Neighbours, min_score: float) -> np.ndarray:
    """``(p, 2)`` unique row pairs ``i < j`` whose score reaches ``min_score``, sorted (self-search results)."""
    q, r = np.nonzero((nb.rows >= 0) & (nb.scores >= min_score))
    pairs = np.stack([q, nb.rows[q, r]], axis=1).astype(np.int64)
    return _unique_sorted(pairs)


def _unique_sorted(pairs: np.ndarray) -> np.ndarray:
    if len(pairs) == 0:
        return np.zeros((0, 2), np.int64)
    pairs = np.sort(pairs, axis=1)
    return np.unique(pairs[pairs[:, 0] != pairs[:, 1]], axis=0)


def hamming_pairs(
    hashes: np.ndarray,
    *,
    radius: int,
    exact_below: int = EXACT_BELOW,
    should_stop: Optional[StopFn] = None,
) -> np.ndarray:
    """``(p, 2)`` sorted pairs ``i < j`` of 64-bit ``hashes`` (uint64) at most ``radius`` bits apart. Always exact."""
    h = np.ascontiguousarray(hashes, dtype=np.uint64)
    if len(h) < exact_below:
        found = []
        for start in range(0, len(h), _BLOCK):
            check_stop(should_stop)
            dist = np.bitwise_count(np.bitwise_xor(h[start:start + _BLOCK, None], h[None, :]))
            a, b = np.nonzero(dist <= radius)
            found.append(np.stack([a + start, b], axis=1))
        return _unique_sorted(np.concatenate(found) if found else np.zeros((0, 2), np.int64))
    import faiss

    codes = h.view(np.uint8).reshape(len(h), 8)
    index = faiss.IndexBinaryFlat(64)
    index.add(codes)
    check_stop(should_stop)
    lims, _d, found = index.range_search(codes, radius + 1)  # faiss keeps distances strictly below
    a = np.repeat(np.arange(len(h)), np.diff(lims.astype(np.int64)))
    return _unique_sorted(np.stack([a, found.astype(np.int64)], axis=1))
