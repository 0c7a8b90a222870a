"""Clustering unlabelled images: the algorithm, the held-out character, naming a cluster."""

from __future__ import annotations

import numpy as np
import pytest

from animeid_desktop.core.curation.clustering import (
    cluster_images,
    identity_space,
    name_cluster,
    project,
    stored_clusters,
    thresholds,
)
from animeid_desktop.core.curation.linkage import average_linkage, cosine_distances, cut
from animeid_desktop.core.engine.features import ANIME_FEATURES
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import labels as L
from tests.core.curation_data import CONFIG, copy_library, rng_points


@pytest.fixture
def curation_copy(tmp_path):
    lib, data = copy_library(tmp_path)
    yield lib, data
    lib.close()


def _naive_average_linkage_cut(x: np.ndarray, similarity: float) -> list:
    """Textbook O(n^3) average linkage: merge the closest pair while its distance is within the cut."""
    d = cosine_distances(x).astype(np.float64)
    clusters = [[i] for i in range(len(x))]
    while len(clusters) > 1:
        best, pair = np.inf, None
        for a in range(len(clusters)):
            for b in range(a + 1, len(clusters)):
                dist = d[np.ix_(clusters[a], clusters[b])].mean()
                if dist < best:
                    best, pair = dist, (a, b)
        if best > 1.0 - similarity:
            break
        a, b = pair
        clusters[a] += clusters.pop(b)
    return sorted(sorted(c) for c in clusters)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_nn_chain_dendrogram_cut_equals_textbook_average_linkage(seed):
    centres = rng_points(4, 8, seed) * 3
    x = np.concatenate([c + rng_points(7, 8, seed + 10 + k) for k, c in enumerate(centres)])
    dendrogram = average_linkage(x)
    for similarity in (0.2, 0.5, 0.8):
        labels = cut(dendrogram, similarity)
        ours = sorted(sorted(np.flatnonzero(labels == k).tolist()) for k in set(labels.tolist()))
        assert ours == _naive_average_linkage_cut(x, similarity)


def test_cut_numbers_clusters_largest_first_and_tightens_with_the_threshold():
    x = np.concatenate([rng_points(1, 6, 1) + 0.05 * rng_points(9, 6, 2),
                        rng_points(1, 6, 3) + 0.05 * rng_points(4, 6, 4)])
    dendrogram = average_linkage(x)
    labels = cut(dendrogram, 0.9)
    assert np.bincount(labels).tolist() == [9, 4]
    assert len(set(cut(dendrogram, 0.9999).tolist())) > 2
    assert len(set(cut(dendrogram, -1.0).tolist())) == 1


def test_whitening_needs_two_labelled_characters():
    x = rng_points(20, 5, 0)
    assert identity_space(x, {"a": list(range(10))}).basis is None
    w = identity_space(x, {"a": list(range(10)), "b": list(range(10, 20))})
    assert w.basis is not None
    assert np.allclose(np.linalg.norm(project(x, w), axis=1), 1.0, atol=1e-5)


def test_a_held_out_character_forms_its_own_pure_cluster(curation_copy):
    lib, data = curation_copy
    result = cluster_images(lib, config=CONFIG)
    assert result.space == "whitened"
    assert set(result.ids) == set(data.held_out_ids)  # the only unlabelled images
    top = result.clusters[0]
    held = set(data.held_out_ids)
    assert set(top.image_ids) <= held, "the largest cluster mixes in other pictures"
    assert len(top.image_ids) >= 0.75 * len(held)
    assert top.looks_new


def test_by_default_groups_are_made_on_the_anime_eyes_with_their_own_thresholds(curation_copy):
    lib, data = curation_copy
    result = cluster_images(lib, save=False)  # the product's default: anime_lite0 features, computed here
    limits = thresholds(ANIME_FEATURES)
    assert limits != thresholds(CONFIG)
    assert result.similarity == limits.whitened and result.new_below == limits.new_below
    top = result.clusters[0]
    held = set(data.held_out_ids)
    assert set(top.image_ids) <= held and len(top.image_ids) >= 0.75 * len(held)
    assert top.looks_new


def test_clusters_of_known_characters_say_who_they_look_like(curation_copy):
    lib, _data = curation_copy
    name = L.list_characters(lib)[0]["name"]
    some = [r["id"] for r in L.labelled_images(lib) if r["character"] == name][:8]
    L.clear_labels(lib, some)
    result = cluster_images(lib, config=CONFIG, image_ids=some, min_size=2)
    assert result.clusters and result.clusters[0].looks_like == name
    assert not result.clusters[0].looks_new


def test_recut_moves_the_threshold_without_recomputing(curation_copy):
    lib, _data = curation_copy
    result = cluster_images(lib, config=CONFIG, min_size=1)
    loose = result.recut(-1.0)
    tight = result.recut(0.99)
    assert len(loose.clusters) == 1 and len(tight.clusters) == len(result.ids)
    assert sum(c.size for c in tight.clusters) == len(result.ids)


def test_naming_a_cluster_labels_it_without_the_stragglers(curation_copy):
    lib, _data = curation_copy
    result = cluster_images(lib, config=CONFIG)
    stored = stored_clusters(lib)
    assert [c["id"] for c in stored] == [c.id for c in result.clusters]
    top = result.clusters[0]
    straggler = top.image_ids[-1]
    change = name_cluster(lib, top.id, "new_girl", exclude=[straggler])
    labelled = {r["id"] for r in L.labelled_images(lib) if r["character"] == "new_girl"}
    assert labelled == set(top.image_ids) - {straggler}
    assert change.count == len(labelled)
    assert top.id not in [c["id"] for c in stored_clusters(lib)]
    L.apply_label_state(lib, change.before)  # undo
    assert not [r for r in L.labelled_images(lib) if r["character"] == "new_girl"]


def test_naming_an_unknown_cluster_is_a_user_error(curation_copy):
    lib, _data = curation_copy
    cluster_images(lib, config=CONFIG)
    with pytest.raises(UserError, match="no cluster 999"):
        name_cluster(lib, 999, "x")
    with pytest.raises(UserError, match="non-empty"):
        name_cluster(lib, 1, "  ")
