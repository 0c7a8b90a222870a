"""Near-duplicates: perceptual hashes, planted copies found, review actions, duplicate-aware splits."""

from __future__ import annotations

import io
import shutil
from itertools import combinations

import numpy as np
import pytest
from PIL import Image

from animeid_desktop.core.curation.duplicate_review import (
    find_duplicates,
    keep_one,
    merge_labels,
    planted_pairs_found,
    record_review,
)
from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.engine.near_duplicates import duplicate_pairs, find_pairs, split_groups, union_find_groups
from animeid_desktop.core.engine.splits import stratified_split
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.media.perceptual_hashes import dhash, hamming, hamming_matrix, phash, to_uint64
from animeid_desktop.core.training.pipeline import TrainConfig, train
from tests.core.curation_data import CONFIG, SIZE, copy_library


@pytest.fixture
def curation_copy(tmp_path):
    lib, data = copy_library(tmp_path)
    yield lib, data
    lib.close()


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def test_hashes_survive_resizing_and_recompression_but_tell_pictures_apart():
    pictures = [synthetic.make_image(c, image_seed=10 * c + s, size=128)[0] for c in range(4) for s in range(3)]
    for img in pictures[:4]:
        for copy in (img.resize((80, 80)), _jpeg(img, 25), img.resize((256, 256))):
            assert hamming(phash(img), phash(copy)) <= 6
            assert hamming(dhash(img), dhash(copy)) <= 8
    distinct = [hamming(phash(a), phash(b)) for a, b in combinations(pictures, 2)]
    assert np.mean(distinct) > 20
    hashes = [(dhash(p), phash(p)) for p in pictures]
    assert find_pairs(to_uint64(d for d, _ in hashes), to_uint64(p for _, p in hashes)) == []


def test_hamming_matrix_matches_bit_counting():
    rng = np.random.default_rng(0)
    values = [int(v) for v in rng.integers(0, 2**63, 12, dtype=np.int64)] + [2**64 - 1, 0]
    m = hamming_matrix(to_uint64(values), to_uint64(values))
    for i, a in enumerate(values):
        for j, b in enumerate(values):
            assert m[i, j] == bin(a ^ b).count("1")


def test_pairs_and_union_find_groups():
    hashes = to_uint64([0, 1, 3, 2**40 - 1, 2**64 - 1])
    pairs = find_pairs(hashes, hashes)  # bit distances 0-1-2 apart: one chain; the others far away
    assert {(i, j) for i, j, *_ in pairs} == {(0, 1), (0, 2), (1, 2)}
    assert union_find_groups(5, [(0, 1), (1, 2), (3, 3)]) == [[0, 1, 2]]
    vectors = np.eye(5, dtype=np.float32)
    vectors[4] = vectors[3]
    far = to_uint64([0, 2**64 - 1, 0xFFFFFFFF, 0xFFFFFFFF00000000, 0x0F0F0F0F0F0F0F0F])  # all >= 32 bits apart
    found = find_pairs(far, far, vectors)
    assert [(i, j, kind) for i, j, kind, *_ in found] == [(3, 4, "variant")]


def test_planted_duplicates_are_found_and_never_mix_characters(curation_copy):
    lib, data = curation_copy
    report = find_duplicates(lib, config=CONFIG)
    planted = [(a, b) for a, b, _kind in data.planted]
    assert planted_pairs_found(report.groups, planted) == set(planted)
    for g in report.groups:
        assert len({data.truth[i] for i in g.image_ids}) == 1, f"group {g.id} mixes characters"
        assert not g.label_conflict
    kinds = {k for g in report.groups for k in g.kinds}
    assert {"resized", "recompressed"} <= kinds
    assert report.used_features


def test_keep_all_hides_a_group_and_not_duplicate_splits_it(curation_copy):
    lib, data = curation_copy
    groups = find_duplicates(lib, config=CONFIG).groups
    first, second = groups[0], groups[1]
    record_review(lib, first.image_ids, "keep_all")
    after = find_duplicates(lib, config=CONFIG)
    assert first.image_ids not in [g.image_ids for g in after.groups]
    assert first.image_ids in [g.image_ids for g in find_duplicates(lib, config=CONFIG, include_reviewed=True).groups]
    record_review(lib, second.image_ids, "not_duplicate")
    everything = find_duplicates(lib, config=CONFIG, include_reviewed=True).groups
    assert not any(set(g.image_ids) & set(second.image_ids) for g in everything)


def test_keep_one_removes_the_copies_and_keeps_the_label(curation_copy):
    lib, _data = curation_copy
    group = find_duplicates(lib, config=CONFIG).groups[0]
    keep, *others = group.image_ids
    character = group.characters[keep]
    L.clear_labels(lib, [keep])
    result = keep_one(lib, keep, group.image_ids)
    assert result == {"removed": len(others), "labelled_as": character}
    assert lib.scalar(f"SELECT COUNT(*) FROM images WHERE id IN ({','.join(map(str, others))})") == 0
    assert {r["id"]: r["character"] for r in L.labelled_images(lib)}[keep] == character
    with pytest.raises(UserError):
        keep_one(lib, 10**6, group.image_ids)


def test_merge_labels_gives_the_group_one_character(curation_copy):
    lib, _data = curation_copy
    group = find_duplicates(lib, config=CONFIG).groups[0]
    character = group.characters[group.image_ids[0]]
    L.clear_labels(lib, group.image_ids[1:])
    change = merge_labels(lib, group.image_ids)
    labels = {r["id"]: r["character"] for r in L.labelled_images(lib)}
    assert all(labels[i] == character for i in group.image_ids) and change.count == len(group.image_ids)
    other = next(c["name"] for c in L.list_characters(lib) if c["name"] != character)
    L.set_labels(lib, group.image_ids[:1], other)
    with pytest.raises(UserError, match="different characters"):
        merge_labels(lib, group.image_ids)


def test_group_aware_split_keeps_groups_together_and_equals_the_plain_split_without_groups():
    keys = [f"{i:04x}" for i in range(60)]
    labels = [i % 3 for i in range(60)]
    plain = stratified_split(keys, labels, 0.25, seed=1)
    assert stratified_split(keys, labels, 0.25, 1, [None] * 60) == plain
    groups = [i // 4 if i < 24 else None for i in range(60)]  # six groups of four (mixed classes)
    train_idx, val_idx = stratified_split(keys, labels, 0.25, 1, groups)
    assert sorted(train_idx + val_idx) == list(range(60))
    for g in range(6):
        members = {i for i in range(60) if groups[i] == g}
        assert members <= set(train_idx) or members <= set(val_idx)
    for c in range(3):
        assert any(labels[i] == c for i in train_idx)


def test_training_keeps_planted_duplicates_on_one_side_and_records_the_groups(curation_copy):
    lib, data = curation_copy
    rows = L.labelled_images(lib)
    groups, count = split_groups(lib, [r["id"] for r in rows])
    planted_groups = {groups[[r["id"] for r in rows].index(a)] for a, _b, _k in data.planted}
    assert None not in planted_groups and count >= 2
    result = train(lib, TrainConfig(image_size=SIZE, epochs=3, val_fraction=0.3))
    assert result.duplicate_groups == count
    val = {v["image_id"] for v in result.val_items}
    for a, b, _kind in data.planted:
        assert (a in val) == (b in val), "a planted copy ended on the other side of the split"
    plain = train(lib, TrainConfig(image_size=SIZE, epochs=3, val_fraction=0.3, duplicate_aware_split=False))
    assert plain.duplicate_groups == 0


def test_cached_features_join_the_hashes_only_when_cached(curation_copy):
    lib, _data = curation_copy
    ids = [r["id"] for r in L.labelled_images(lib)]
    assert duplicate_pairs(lib, ids, True, True, CONFIG)[3]  # the library's cached CONFIG features are used
    shutil.rmtree(lib.embeddings_dir)
    assert not duplicate_pairs(lib, ids, True, True, CONFIG)[3]  # nothing cached: hashes only, nothing computed
    assert not any(lib.embeddings_dir.glob("*.sqlite"))
