"""The "detected" picture view: the largest anime face the detector finds (with the recognition crop's
margin), the upper-centre face square where it finds none; cached under the detector's parameters."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PIL import Image

from animeid_desktop.core.demo.synthetic import background, make_specs
from animeid_desktop.core.demo.synthetic_groups import draw_portrait
from animeid_desktop.core.engine.preprocess import (
    DETECTED_DECODE,
    Preprocessing,
    face_square,
    load_input,
    resize_to_array,
)
from animeid_desktop.core.engine.view_features import view_arrays, view_cache
from animeid_desktop.core.media import face_detection
from animeid_desktop.core.media.face_crops import crop_face
from animeid_desktop.core.media.images import load_rgb

PREP = Preprocessing(64, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5), "fit")


def _portrait_in_a_corner(path) -> None:
    """A portrait at the bottom left of a square picture: its face is far from the upper-centre square."""
    img = background(np.random.default_rng(3), 192)
    layer = draw_portrait(make_specs(1)[0], 72)
    img.paste(layer, (0, 192 - layer.height), layer)
    img.save(path)


def test_the_detected_view_is_the_largest_face_with_its_margin(tmp_path):
    path = tmp_path / "corner.png"
    _portrait_in_a_corner(path)
    decoded = load_rgb(path, target=DETECTED_DECODE)
    box = face_detection.largest_face_box(decoded)
    assert box is not None and box[0] < 0.2 and box[1] > 0.5  # the portrait's face, bottom left
    detected, square = view_arrays(path, prep=PREP, names=["detected", "face"])
    assert np.array_equal(detected, resize_to_array(crop_face(decoded, box), PREP.size, "squash"))
    assert not np.array_equal(detected, square)
    both = load_input(path, replace(PREP, views="full+detected"))
    assert both.shape == (2, 64, 64, 3) and np.array_equal(both[1], detected)


def test_without_a_face_the_detected_view_is_the_face_square(tmp_path):
    path = tmp_path / "blank.png"
    Image.new("RGB", (120, 200), (200, 180, 160)).save(path)
    decoded = load_rgb(path, target=DETECTED_DECODE)
    assert face_detection.largest_face_box(decoded) is None
    (detected,) = view_arrays(path, prep=PREP, names=["detected"])
    assert np.array_equal(detected, resize_to_array(face_square(decoded), PREP.size, "squash"))


def test_features_of_the_detected_view_are_kept_apart_under_the_detector_settings(tmp_path):
    views = replace(PREP, views="full+face+detected")
    assert f":faces={face_detection.default_tag()}" in views.id
    assert ":faces=" not in replace(PREP, views="full+face").id
    assert Preprocessing.from_json(views.to_json()) == views
    caches = {n: view_cache(tmp_path, model="m", weights_id="w", prep=PREP, name=n) for n in ("face", "detected")}
    assert caches["face"].path != caches["detected"].path


def test_faces_found_before_serve_the_detected_view_without_detecting_again(tmp_path, monkeypatch):
    path = tmp_path / "corner.png"
    _portrait_in_a_corner(path)
    (own,) = view_arrays(path, prep=PREP, names=["detected"])
    found = face_detection.FaceDetector().detect(load_rgb(path, target=DETECTED_DECODE))  # as the face cache holds
    monkeypatch.setattr(face_detection, "largest_face_box", lambda _img: (_ for _ in ()).throw(AssertionError()))
    (given,) = view_arrays(path, prep=PREP, names=["detected"], faces=[f.box for f in found])
    assert np.array_equal(given, own)  # the same pixels, no second detection
    (none,) = view_arrays(path, prep=PREP, names=["detected"], faces=[])  # known to hold no face
    assert np.array_equal(none, resize_to_array(face_square(load_rgb(path, target=DETECTED_DECODE)), PREP.size,
                                                "squash"))
