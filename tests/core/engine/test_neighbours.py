"""Neighbour search: the indexed path gives the exact path's answers on small generated data."""

from __future__ import annotations

import numpy as np
import pytest

from animeid_desktop.core.engine.near_duplicates import find_pairs
from animeid_desktop.core.engine.neighbours import close_pairs, cosine_neighbours, hamming_pairs, pca_reduce, unit_rows

INDEXED, EXACT = 0, 10**9  # exact_below values forcing each path


def clustered(n: int, dim: int, groups: int = 12, seed: int = 0) -> np.ndarray:
    """``n`` vectors around ``groups`` random centres, with every tenth row a near copy of another."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((groups, dim)).astype(np.float32)
    x = centres[rng.integers(0, groups, n)] + rng.standard_normal((n, dim)).astype(np.float32)
    x[::10] = x[1::10][: len(x[::10])] + 0.05 * rng.standard_normal((len(x[::10]), dim)).astype(np.float32)
    return x


def test_exact_neighbours_match_sorting_all_similarities():
    x = clustered(300, 16)
    nb = cosine_neighbours(x, k=5, exact_below=EXACT)
    sims = unit_rows(x) @ unit_rows(x).T
    np.fill_diagonal(sims, -np.inf)
    expected = np.argsort(-sims, axis=1, kind="stable")[:, :5]
    assert np.array_equal(nb.rows, expected)
    assert np.allclose(nb.scores, np.take_along_axis(sims, expected, axis=1), atol=1e-6)


@pytest.mark.parametrize("dim", [32, 300])  # 300 > ANN_DIMS: the index is built on PCA-reduced rows
def test_indexed_neighbours_equal_exact_ones(dim):
    x = clustered(600, dim)
    exact = cosine_neighbours(x, k=8, exact_below=EXACT)
    indexed = cosine_neighbours(x, k=8, exact_below=INDEXED)
    assert (indexed.rows[:, 0] == exact.rows[:, 0]).all()  # the nearest one everywhere
    # beyond the nearest, PCA may swap near-ties of pure noise; without PCA the graph is exact here
    assert np.mean(indexed.rows == exact.rows) > (0.99 if dim <= 128 else 0.85)
    assert np.array_equal(close_pairs(indexed, 0.9), close_pairs(exact, 0.9))
    assert len(close_pairs(exact, 0.9)) >= 55  # the planted near copies


def test_queries_from_outside_the_data():
    x = clustered(400, 48, seed=3)
    probe = x[:7] + 0.01
    exact = cosine_neighbours(x, k=4, queries=probe, exact_below=EXACT)
    indexed = cosine_neighbours(x, k=4, queries=probe, exact_below=INDEXED)
    assert np.array_equal(exact.rows[:, 0], np.arange(7))  # a query's own source is not skipped
    assert np.array_equal(indexed.rows[:, :2], exact.rows[:, :2])


def test_k_is_capped_and_tiny_inputs_work():
    assert cosine_neighbours(np.ones((1, 4)), k=3).rows.shape == (1, 0)
    nb = cosine_neighbours(np.eye(3), k=5)
    assert nb.rows.shape == (3, 2) and set(nb.rows[0]) == {1, 2}


def test_hamming_pairs_exact_on_both_paths():
    rng = np.random.default_rng(1)
    h = rng.integers(0, 2**63, 2000, dtype=np.int64).astype(np.uint64) | np.uint64(1 << 63)
    h[1000:1100] = h[:100] ^ np.uint64(0b1011)  # 3 bits apart
    h[1100:1200] = h[:100] ^ np.uint64(0b11111111111)  # 11 bits apart
    for radius, count in ((3, 100), (10, 200), (11, 300)):
        exact = hamming_pairs(h, radius=radius, exact_below=EXACT)
        assert np.array_equal(exact, hamming_pairs(h, radius=radius, exact_below=INDEXED))
        assert len(exact) >= count
        assert all(bin(int(h[a]) ^ int(h[b])).count("1") <= radius for a, b in exact)


def test_pca_keeps_main_directions():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((500, 3)) @ rng.standard_normal((3, 200))  # rank 3
    reduced = pca_reduce(x.astype(np.float32), dims=3)
    centred = x - x.mean(0)
    assert np.allclose(reduced @ reduced.T, centred @ centred.T, rtol=1e-3, atol=1e-2)


def test_duplicate_pairs_identical_on_both_paths():
    rng = np.random.default_rng(4)
    n = 800
    ph = rng.integers(0, 2**63, n, dtype=np.int64).astype(np.uint64)
    dh = rng.integers(0, 2**63, n, dtype=np.int64).astype(np.uint64)
    ph[400:440], dh[400:440] = ph[:40] ^ np.uint64(0b111), dh[:40] ^ np.uint64(0b11)  # hash copies
    vectors = unit_rows(clustered(n, 64, seed=5))
    sizes = [(100 + (i >= 420), 80) for i in range(n)]  # copies 400-419 keep the size, 420-439 do not
    for v in (None, vectors):
        exact = find_pairs(dh, ph, v, sizes, exact_below=EXACT)
        indexed = find_pairs(dh, ph, v, sizes, exact_below=INDEXED)
        assert [p[:5] for p in exact] == [p[:5] for p in indexed]
        assert len(exact) >= 40 + (70 if v is not None else 0)
        if v is not None:
            assert np.allclose([p[5] for p in exact], [p[5] for p in indexed], atol=1e-5)
            assert {p[2] for p in exact} >= {"variant", "resized", "recompressed"}
