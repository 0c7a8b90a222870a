"""What to label next: margin order, taking turns between look-alike groups."""

from __future__ import annotations

import pytest

from animeid_desktop.core.curation.active_learning import interleave, label_next_queue, margin_of, order_for_labelling
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.training.pipeline import TrainConfig, train
from tests.core.curation_data import CONFIG, SIZE, copy_library


@pytest.fixture
def curation_copy(tmp_path):
    lib, data = copy_library(tmp_path)
    yield lib, data
    lib.close()


def test_interleave_takes_turns_between_groups():
    assert interleave([0.1, 0.2, 0.3, 0.9], [1, 1, 1, 2]) == [0, 3, 1, 2]
    assert interleave([0.5, 0.4, 0.3, 0.2, 0.1], [1, 2, 1, 2, 3]) == [4, 3, 2, 1, 0]
    assert interleave([], []) == []


def test_margin_is_the_gap_between_the_two_best():
    assert margin_of([0.5, 0.3, 0.2]) == pytest.approx(0.2)
    assert margin_of([1.0]) == pytest.approx(1.0)


def _unlabel_some(lib, per_character=4):
    ids = []
    for c in L.list_characters(lib):
        ids += [r["id"] for r in L.labelled_images(lib) if r["character"] == c["name"]][:per_character]
    L.clear_labels(lib, ids)
    return ids


def test_without_a_model_the_queue_covers_each_group_first(curation_copy):
    lib, data = curation_copy
    unlabelled = set(_unlabel_some(lib)) | set(data.held_out_ids)
    queue = label_next_queue(lib, config=CONFIG)
    assert {q.image_id for q in queue} == unlabelled
    groups = [q.group for q in queue]
    distinct = len(set(groups))
    assert len(set(groups[:distinct])) == distinct, "a group came back before every group had its turn"
    assert all(q.margin is None and "typical" in q.reason for q in queue)


def test_above_the_exact_size_the_queue_is_grouped_on_the_neighbour_graph(curation_copy, monkeypatch):
    from animeid_desktop.core.curation import clustering

    lib, data = curation_copy
    unlabelled = set(_unlabel_some(lib)) | set(data.held_out_ids)
    exact = label_next_queue(lib, config=CONFIG)
    monkeypatch.setattr(clustering, "EXACT_UP_TO", 5)  # 12,000 in the app: these images take the graph path
    graph = label_next_queue(lib, config=CONFIG)
    assert {q.image_id for q in graph} == unlabelled
    assert len({q.group for q in graph}) >= len({q.group for q in exact}) - 2


def test_with_a_model_the_most_uncertain_image_comes_first(curation_copy):
    lib, _data = curation_copy
    _unlabel_some(lib)
    train(lib, TrainConfig(image_size=SIZE, epochs=4))
    queue = label_next_queue(lib, config=CONFIG)
    margins = [q.margin for q in queue]
    assert all(m is not None for m in margins)
    assert margins[0] == min(margins)
    first_round = queue[: len({q.group for q in queue})]
    assert [q.margin for q in first_round] == sorted(q.margin for q in first_round)
    assert all(len(q.top) >= 2 and "torn between" in q.reason for q in queue)
    ids = [q.image_id for q in queue]
    assert order_for_labelling(lib, list(reversed(ids)), CONFIG) == ids
    assert len(label_next_queue(lib, limit=3, config=CONFIG)) == 3
