"""Average linkage on the k-NN graph: exact on a complete graph, close on a sparse one, used above the cap."""

from __future__ import annotations

import numpy as np
import pytest

from animeid_desktop.core.curation import clustering
from animeid_desktop.core.curation.graph_linkage import dendrogram, graph_average_linkage, sparse_average_linkage
from animeid_desktop.core.curation.linkage import average_linkage, cut
from tests.core.curation_data import CONFIG, copy_library, rng_points


def groups(n: int, dim: int, seed: int) -> np.ndarray:
    """Points around 8 directions, spread so that the groups touch."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(8, dim))
    return (centres[rng.integers(0, 8, n)] + 0.8 * rng.normal(size=(n, dim))).astype(np.float32)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_complete_graph_gives_exact_average_linkage(seed):
    x = rng_points(70, 6, seed) if seed else groups(70, 12, seed)
    exact = average_linkage(x)
    graph = graph_average_linkage(x, k=69)
    assert len(graph.merges) == 69
    assert np.allclose(np.sort(graph.heights()), np.sort(exact.heights()), atol=1e-6)
    for similarity in (-0.2, 0.0, 0.2, 0.5, 0.8):
        assert np.array_equal(cut(graph, similarity), cut(exact, similarity))


def test_sparse_graph_agrees_on_clear_groups_and_dispatch_uses_it_above_the_cap():
    x = groups(400, 32, 3)
    exact = cut(average_linkage(x), 0.3)
    sparse = cut(dendrogram(x, exact_up_to=100), 0.3)
    same = np.mean((exact[:, None] == exact[None, :]) == (sparse[:, None] == sparse[None, :]))
    assert same > 0.99  # pairwise "same group" agreement
    assert np.array_equal(cut(dendrogram(x, exact_up_to=400), 0.3), exact)


def test_unconnected_parts_never_merge_and_distances_are_true_averages():
    unit = np.array([[1, 0], [0.8, 0.6], [0, 1], [-0.6, 0.8]], np.float32)
    d = sparse_average_linkage(unit, np.array([0, 2]), np.array([1, 3]))
    assert d.merges.shape == (2, 3) and list(cut(d, -1.0)) == [0, 0, 1, 1]
    chain = sparse_average_linkage(unit, np.array([0, 1]), np.array([1, 2]))  # 0-1 first, then {0,1}-2
    assert chain.merges[:, 2].tolist() == pytest.approx([0.2, 1 - (0 + 0.6) / 2])


def test_clustering_above_the_cap_takes_the_graph_path(tmp_path, monkeypatch):
    lib, data = copy_library(tmp_path)
    try:
        exact = clustering.cluster_images(lib, config=CONFIG, save=False)
        monkeypatch.setattr(clustering, "EXACT_UP_TO", 5)
        graph = clustering.cluster_images(lib, config=CONFIG, save=False)
    finally:
        lib.close()
    assert graph.ids == exact.ids and len(graph.dendrogram.merges) <= len(exact.ids) - 1
    held = set(data.held_out_ids)
    best = max(graph.clusters, key=lambda c: len(held & set(c.image_ids)))
    assert len(held & set(best.image_ids)) >= len(held) - 2 and set(best.image_ids) <= held
