"""Test-time views: the whole picture, its top square and its upper-centre "face" square."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from animeid_desktop.core.engine.preprocess import Preprocessing, face_square, image_to_input, top_square
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.training.pipeline import TrainConfig, _check_config


def _marked(w: int, h: int) -> Image.Image:
    """White picture with a red block where a portrait's face is (upper centre)."""
    arr = np.full((h, w, 3), 255, np.uint8)
    arr[int(0.1 * h): int(0.25 * h), int(0.4 * w): int(0.6 * w)] = (255, 0, 0)
    return Image.fromarray(arr)


def test_face_square_is_the_upper_centre_of_portraits_and_landscapes():
    assert face_square(Image.new("RGB", (100, 200))).size == (70, 70)
    portrait = face_square(_marked(100, 200))
    assert portrait.size == (70, 70)
    assert np.asarray(portrait)[30, 35].tolist() == [255, 0, 0]  # the face block is inside, near the centre
    landscape = Image.new("RGB", (300, 100))
    box = face_square(landscape)
    assert box.size == (70, 70)
    assert top_square(landscape).size == (100, 100)


def test_views_are_stacked_in_the_order_they_are_named():
    img = _marked(120, 240)
    prep = Preprocessing(32, (0.5,) * 3, (0.5,) * 3, "fit", False, "full+top+face")
    out = image_to_input(img, prep)
    assert out.shape == (3, 32, 32, 3)
    face_only = image_to_input(img, Preprocessing(32, (0.5,) * 3, (0.5,) * 3, "fit", False, "full+face"))
    assert np.array_equal(face_only[1], out[2]) and not np.array_equal(out[1], out[2])
    assert Preprocessing.from_json(prep.to_json()).views == "full+top+face"


def test_auto_views_are_a_setting_of_both_modes():
    _check_config(TrainConfig(mode="head", views="auto"), "anime_lite0")
    _check_config(TrainConfig(mode="finetune", views="auto"), "efficientnet_lite0")
    assert TrainConfig(mode="head").resolved_views() == "auto"
    with pytest.raises(UserError, match="unknown views"):
        _check_config(TrainConfig(mode="finetune", views="full+hands"), "efficientnet_lite0")
