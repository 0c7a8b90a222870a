"""Preprocessing, parallel decoding and the embedding cache (each image embedded once per key)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from animeid_desktop.core.engine.features import EmbeddingCache, cache_key, cached_features, decode_stream
from animeid_desktop.core.engine.preprocess import Preprocessing, load_array, resize_to_array

PREP = Preprocessing(32, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5), "fit")


class CountingExtractor:
    """Stands in for a network: the feature of an image is its mean colour; counts what it embeds."""

    def __init__(self, prep: Preprocessing = PREP) -> None:
        self.prep = prep
        self.embedded = 0

    def embed_arrays(self, arrays):
        self.embedded += len(arrays)
        return np.stack([a.reshape(-1, 3).mean(0) for a in arrays]).astype(np.float32)


def _write(path, colour, size=(40, 20)):
    Image.new("RGB", size, colour).save(path)
    return str(path)


def test_fit_keeps_the_whole_picture_and_pads():
    img = Image.new("RGB", (100, 50), (255, 0, 0))
    arr = resize_to_array(img, 32, "fit")
    assert arr.shape == (32, 32, 3)
    assert tuple(arr[16, 16]) == (255, 0, 0) and tuple(arr[0, 16]) == (255, 255, 255)  # padding above
    crop = resize_to_array(img, 32, "crop")
    assert crop.shape == (32, 32, 3) and tuple(crop[0, 16]) == (255, 0, 0)  # cut, no padding
    assert resize_to_array(img, 32, "squash").shape == (32, 32, 3)
    with pytest.raises(ValueError):
        resize_to_array(img, 32, "zoom")


def test_preprocessing_id_changes_with_every_setting():
    ids = {
        PREP.id,
        PREP.with_size(48).id,
        Preprocessing(32, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5), "crop").id,
        Preprocessing(32, (0.4, 0.5, 0.5), (0.5, 0.5, 0.5), "fit").id,
        Preprocessing(32, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5), "fit", flip=True).id,
    }
    assert len(ids) == 5
    assert Preprocessing.from_json(PREP.to_json()) == PREP


def test_cache_key_depends_on_model_weights_and_preprocessing():
    base = cache_key("efficientnet_lite0", "sha256:aa", PREP)
    assert base.startswith("efficientnet_lite0-")
    assert base == cache_key("efficientnet_lite0", "sha256:aa", PREP)
    others = {cache_key("mobilenet_v2", "sha256:aa", PREP), cache_key("efficientnet_lite0", "sha256:bb", PREP),
              cache_key("efficientnet_lite0", "sha256:aa", PREP.with_size(48))}
    assert base not in others and len(others) == 3


def test_decode_stream_keeps_order_and_reports_bad_files(tmp_path):
    paths = [_write(tmp_path / f"{i}.png", (i * 20, 0, 0)) for i in range(7)]
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    items = paths[:3] + [str(bad), str(tmp_path / "gone.png")] + paths[3:]
    out = list(decode_stream(items, lambda p: load_array(p, PREP), window=3, workers=2))
    assert [d.item for d in out] == items
    assert [d.error is None for d in out] == [True] * 3 + [False, False] + [True] * 4
    assert "cannot read file" in out[4].error
    assert out[0].array.shape == (32, 32, 3)


def test_each_image_is_embedded_once_per_cache_key(tmp_path):
    cache = EmbeddingCache.for_library(tmp_path / "emb", "m", "w1", PREP)
    rows = [{"sha256": f"h{i}", "path": _write(tmp_path / f"{i}.png", (i * 30, 10, 10))} for i in range(5)]
    ex = CountingExtractor()
    feats, errors, new = cached_features(cache, lambda: ex, rows, batch_size=2)
    assert (new, ex.embedded, errors, len(cache)) == (5, 5, {}, 5)
    # the same images again: nothing is computed, and the extractor is not even built
    feats2, _, new2 = cached_features(cache, lambda: pytest.fail("extractor built"), rows, batch_size=2)
    assert new2 == 0 and all(np.array_equal(feats[k], feats2[k]) for k in feats)
    # two more images: only those two are embedded
    more = rows + [{"sha256": f"h{i}", "path": _write(tmp_path / f"{i}.png", (0, i * 30, 0))} for i in (5, 6)]
    ex2 = CountingExtractor()
    _, _, new3 = cached_features(cache, lambda: ex2, more, batch_size=2)
    assert new3 == 2 and ex2.embedded == 2
    # another preprocessing is another cache: everything is embedded again
    other = EmbeddingCache.for_library(tmp_path / "emb", "m", "w1", PREP.with_size(16))
    ex3 = CountingExtractor(PREP.with_size(16))
    _, _, new4 = cached_features(other, lambda: ex3, more, batch_size=4)
    assert new4 == 7 and other.path != cache.path


def test_unreadable_images_are_reported_not_cached(tmp_path):
    cache = EmbeddingCache.for_library(tmp_path / "emb", "m", "w1", PREP)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 truncated")
    rows = [{"sha256": "ok", "path": _write(tmp_path / "ok.png", (1, 2, 3))}, {"sha256": "bad", "path": str(broken)}]
    feats, errors, new = cached_features(cache, CountingExtractor, rows)
    assert set(feats) == {"ok"} and set(errors) == {"bad"} and new == 1
    assert len(cache) == 1


def test_cancel_keeps_finished_batches(tmp_path):
    from animeid_desktop.core.errors import Cancelled

    cache = EmbeddingCache.for_library(tmp_path / "emb", "m", "w1", PREP)
    rows = [{"sha256": f"h{i}", "path": _write(tmp_path / f"{i}.png", (i, i, i))} for i in range(6)]
    calls = []

    def stop():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        cached_features(cache, CountingExtractor, rows, batch_size=2, should_stop=stop)
    assert 0 < len(cache) < 6  # what finished before the cancel stays cached


def test_several_views_are_the_mean_of_per_view_caches_shared_with_the_whole_picture(library, tmp_path):
    from animeid_desktop.core.demo import synthetic
    from animeid_desktop.core.engine.features import FeatureConfig, library_features
    from animeid_desktop.core.library.importer import import_paths

    synthetic.write_folder(tmp_path / "art", n_characters=2, per_character=3, size=64, seed=4, attrs_file=False)
    import_paths(library, [tmp_path / "art"])
    both = FeatureConfig(size=64, views="full+face")
    first = library_features(library, config=both)
    assert first.computed == 6 and first.vectors.shape == (6, 1280)
    assert library_features(library, config=both).computed == 0  # every view cached
    whole = library_features(library, config=FeatureConfig(size=64))
    assert whole.computed == 0  # the whole-picture view is the ordinary cache
    face = (2 * first.vectors - whole.vectors)  # what the face square alone gave
    assert not np.allclose(face, whole.vectors, atol=1e-3)
