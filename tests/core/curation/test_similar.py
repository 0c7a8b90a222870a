"""Find similar: planted copies come first, queries by id, path or outside file, clear errors."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from animeid_desktop.core.curation.similar import find_similar, rank_similar
from animeid_desktop.core.errors import UserError
from tests.core.curation_data import CONFIG, copy_library


@pytest.fixture
def curation_copy(tmp_path):
    lib, data = copy_library(tmp_path)
    yield lib, data
    lib.close()


def test_rank_similar_orders_by_cosine_and_skips_the_query():
    vectors = np.array([[1, 0], [0.9, 0.1], [0, 1], [0.7, 0.7]], np.float32)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    found = rank_similar([10, 11, 12, 13], unit, vectors[0], limit=2, skip=10)
    assert [i for i, _s in found] == [11, 13]
    assert found[0][1] == pytest.approx(0.9 / np.hypot(0.9, 0.1), abs=1e-5)


def test_planted_copies_are_the_closest_images(curation_copy):
    lib, data = curation_copy
    for original, copy, kind in data.planted:
        result = find_similar(lib, str(original), limit=4, config=CONFIG)
        ids = [m.image_id for m in result.matches]
        assert original not in ids and copy in ids[:3], kind
        assert all(a.score >= b.score for a, b in zip(result.matches, result.matches[1:]))
        top = result.matches[0]
        assert top.character == data.truth[top.image_id] and top.path


def test_query_by_library_path_and_by_outside_file(curation_copy, tmp_path):
    lib, data = curation_copy
    original = data.planted[0][0]
    path = lib.scalar("SELECT path FROM images WHERE id = ?", (original,))
    by_path = find_similar(lib, path, limit=3, config=CONFIG)
    assert by_path.image_id == original
    outside = tmp_path / "outside.png"
    shutil.copy(path, outside)
    by_file = find_similar(lib, str(outside), limit=3, config=CONFIG)
    assert by_file.image_id is None
    assert by_file.matches[0].image_id == original and by_file.matches[0].score > 0.99
    assert by_file.to_json()["matches"][0]["id"] == original


def test_bad_queries_say_why(curation_copy, tmp_path):
    lib, _data = curation_copy
    with pytest.raises(UserError, match="no readable library image with id 99999"):
        find_similar(lib, "99999", config=CONFIG)
    with pytest.raises(UserError, match="neither a library image id nor an image file"):
        find_similar(lib, str(tmp_path / "missing.png"), config=CONFIG)
    with pytest.raises(UserError, match="--limit"):
        find_similar(lib, "1", limit=0, config=CONFIG)
