"""Find similar keeps the library's unit features between queries and brings them up to date by itself."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from animeid_desktop.core.curation import similar_index
from animeid_desktop.core.curation.similar import find_similar
from animeid_desktop.core.engine.features import library_features
from animeid_desktop.core.library.importer import import_paths
from tests.core.curation_data import CONFIG, copy_library


@pytest.fixture
def counted(tmp_path, monkeypatch):
    """A copied curation library, and the ``image_ids`` argument of every feature read the index makes."""
    lib, data = copy_library(tmp_path)
    calls = []

    def counting(lib_, image_ids=None, *args, **kwargs):
        calls.append(None if image_ids is None else sorted(image_ids))
        return library_features(lib_, image_ids, *args, **kwargs)

    monkeypatch.setattr(similar_index, "library_features", counting)
    yield lib, data, calls
    lib.close()


def _fresh(lib):
    """What a full read gives: image id -> unit row."""
    feats = library_features(lib, None, CONFIG)
    unit = feats.vectors / np.linalg.norm(feats.vectors, axis=1, keepdims=True)
    return dict(zip(feats.ids, unit))


def test_queries_reuse_the_features_and_answer_as_a_full_read_would(counted):
    lib, data, calls = counted
    original = data.planted[0][0]
    first = find_similar(lib, str(original), limit=5, config=CONFIG)
    second = find_similar(lib, str(data.planted[1][0]), limit=5, config=CONFIG)
    again = find_similar(lib, str(original), limit=5, config=CONFIG)
    assert calls == [None]  # read once, then kept
    assert [(m.image_id, m.score) for m in again.matches] == [(m.image_id, m.score) for m in first.matches]
    assert second.matches and second.image_id == data.planted[1][0]
    kept = similar_index.library_unit_features(lib, CONFIG)
    fresh = _fresh(lib)
    assert sorted(kept.ids) == sorted(fresh)
    assert all(np.allclose(kept.unit[n], fresh[i], atol=1e-6) for n, i in enumerate(kept.ids))


def test_an_added_image_is_embedded_alone_and_found(counted, tmp_path):
    lib, data, calls = counted
    original = data.planted[0][0]
    find_similar(lib, str(original), limit=3, config=CONFIG)
    path = lib.scalar("SELECT path FROM images WHERE id = ?", (original,))
    twin = tmp_path / "new" / "twin.png"
    twin.parent.mkdir()
    shutil.copy(path, twin)
    with open(twin, "ab") as fh:  # other bytes, same picture: a new image
        fh.write(b"\0")
    new_id = import_paths(lib, [str(twin)]).image_ids[0]
    result = find_similar(lib, str(original), limit=3, config=CONFIG)
    assert calls == [None, [new_id]]
    assert result.matches[0].image_id == new_id and result.matches[0].score > 0.99


def test_a_removed_image_rebuilds_and_is_no_longer_offered(counted):
    lib, data, calls = counted
    original, copy, _kind = data.planted[0]
    assert copy in [m.image_id for m in find_similar(lib, str(original), limit=3, config=CONFIG).matches]
    with lib.write() as conn:
        conn.execute("UPDATE images SET status = 'missing' WHERE id = ?", (copy,))
    result = find_similar(lib, str(original), limit=3, config=CONFIG)
    assert calls == [None, None] and copy not in [m.image_id for m in result.matches]
