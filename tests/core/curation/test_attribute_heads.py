"""Attribute heads: trained from labelled values, predicted with confidence, confirmed in bulk."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from animeid_desktop.core.curation.attribute_heads import (
    confirm_attributes,
    load_attribute_heads,
    predict_attributes,
    train_attribute_heads,
    trainable,
)
from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.engine.features import ANIME_FEATURES, FeatureConfig
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.library.undo import UndoStack

CONFIG = FeatureConfig(size=64)


def framed(img: Image.Image) -> Image.Image:
    """The picture inside a thick red frame (the attribute the heads must learn)."""
    out = img.copy()
    ImageDraw.Draw(out).rectangle((0, 0, out.width - 1, out.height - 1), outline=(230, 20, 20), width=8)
    return out


@pytest.fixture
def framed_library(tmp_path):
    written = synthetic.write_folder(tmp_path / "art", n_characters=2, per_character=16, size=64, seed=2,
                                     attrs_file=False)
    truth = {}
    for name, paths in written.items():
        for n, path in enumerate(paths):
            if n % 2:
                framed(Image.open(path).convert("RGB")).save(path)
            truth[str(path)] = ("1" if n % 2 else "0", name)
    lib = Library.open(tmp_path / "lib")
    import_paths(lib, [tmp_path / "art"])
    for name in written:
        L.define_attribute(lib, name, "framed", "bool")
        L.define_attribute(lib, name, "note", "text")
        L.define_attribute(lib, name, "coin", "bool")  # a coin toss: nothing in the picture shows it
    coin = iter(np.random.default_rng(7).integers(0, 2, 64).tolist())
    unset = []
    for path, (value, name) in truth.items():
        image_id = L.image_ids_for_paths(lib, [path])[0]
        if path.endswith(("14.png", "15.png")):
            unset.append((image_id, value))  # left without a value: for bulk confirmation
        else:
            L.set_attribute_values(lib, [image_id], name, {"framed": value, "note": "x", "coin": str(next(coin))})
    yield lib, written, unset
    lib.close()


def test_trainable_needs_examples_of_two_values():
    assert trainable({"values": ["0"] * 5 + ["1"] * 5})
    assert not trainable({"values": ["0"] * 9})
    assert not trainable({"values": ["0"] * 8 + ["1"] * 2})


def test_no_examples_is_a_user_error(library):
    with pytest.raises(UserError, match="enough labelled examples"):
        train_attribute_heads(library, CONFIG)


def test_a_shared_head_learns_the_attribute_and_predicts_it_with_confidence(framed_library):
    lib, written, _unset = framed_library
    heads = train_attribute_heads(lib, CONFIG)
    assert [h.key for h in heads.heads] == ["coin", "framed"]  # text attributes get no head
    coin, head = heads.heads
    assert not coin.reliable and head.reliable  # the coin toss is not learnable: its head is not used
    assert head.characters == sorted(written) and head.values == ["0", "1"]
    assert head.val_accuracy is not None and head.val_accuracy >= 0.8 > head.baseline
    loaded = load_attribute_heads(lib)
    assert loaded is not None and loaded.heads == heads.heads
    name = sorted(written)[0]
    fresh = [synthetic.make_image(name, image_seed=100 + k, size=64, spec_seed=2)[0] for k in range(4)]
    images = [fresh[0], fresh[1], framed(fresh[2]), framed(fresh[3])]
    preds = predict_attributes(lib, images, characters=[name] * 4)
    assert [preds[k]["framed"][0] for k in range(4)] == ["0", "0", "1", "1"]
    assert all("coin" not in preds[k] for k in range(4))
    assert all(0.5 < preds[k]["framed"][1] <= 1.0 for k in range(4))
    assert predict_attributes(lib, [fresh[0]], characters=[None]) == {0: {}}


def test_heads_read_the_anime_eyes_unless_saved_with_others(framed_library):
    lib, _written, _unset = framed_library
    assert train_attribute_heads(lib).config == ANIME_FEATURES  # the default
    assert load_attribute_heads(lib).config.model == "anime_lite0"
    train_attribute_heads(lib, FeatureConfig())  # heads made before the anime eyes: ImageNet Lite0
    loaded = load_attribute_heads(lib)
    assert loaded.config == FeatureConfig() and loaded.config.model == "efficientnet_lite0"


def test_confident_predictions_are_confirmed_in_one_undo_step(framed_library):
    lib, _written, unset = framed_library
    train_attribute_heads(lib, CONFIG)
    ids = [i for i, _v in unset]
    preds = predict_attributes(lib, ids)
    assert set(preds) == set(ids) and all("framed" in p for p in preds.values())
    change = confirm_attributes(lib, preds, min_confidence=0.0)
    stored = {i: L.attribute_values(lib, i).get("framed") for i in ids}
    assert stored == {i: preds[i]["framed"][0] for i in ids}
    assert sum(v == expected for (i, expected), v in zip(unset, stored.values())) >= len(unset) - 1
    stack = UndoStack()
    stack.push(change)
    stack.undo(lib)
    assert all(L.attribute_values(lib, i).get("framed") is None for i in ids)
    assert confirm_attributes(lib, preds, min_confidence=1.01).parts == []
