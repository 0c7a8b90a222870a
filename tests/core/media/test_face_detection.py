"""The anime-face detector on generated pictures: finds drawn faces, none in blank ones, any image mode."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from animeid_desktop.core.demo.synthetic import make_specs
from animeid_desktop.core.demo.synthetic_groups import render_group
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.media.face_detection import (
    FaceDetector,
    FaceParams,
    box_iou,
    matched_boxes,
    model_path,
    same_face,
)

pytest.importorskip("cv2")


@pytest.fixture(scope="module")
def detector() -> FaceDetector:
    return FaceDetector()


@pytest.fixture(scope="module")
def shot():
    """A generated two-character picture whose faces the default detector finds."""
    return render_group(make_specs(4)[1:3], np.random.default_rng(7), size=320)


def matched(faces, truth) -> int:
    """How many true boxes some detected box covers with IoU >= 0.5."""
    return sum(any(box_iou(t, f.box) >= 0.5 for f in faces) for t in truth)


def test_finds_the_faces_of_a_generated_group_shot(detector, shot):
    faces = detector.detect(shot.image)
    assert matched(faces, shot.faces) == 2
    assert all(0.0 <= v <= 1.0 for f in faces for v in f.box)
    assert all(f.score >= detector.params.min_neighbors for f in faces)


def test_finds_nothing_in_blank_pictures(detector):
    yy, xx = np.mgrid[0:300, 0:400]
    gradient = np.stack([xx * 255 // 400, yy * 255 // 300, np.full_like(xx, 128)], axis=-1).astype(np.uint8)
    for img in (Image.new("RGB", (400, 300), (240, 240, 240)), Image.fromarray(gradient, "RGB")):
        assert detector.detect(img) == []


@pytest.mark.parametrize("mode", ["L", "LA", "RGBA", "P", "PA", "CMYK", "I;16", "I", "F"])
def test_every_image_mode_is_detected_like_rgb(detector, shot, mode):
    img = shot.image.convert("RGBA" if mode == "PA" else mode)
    if mode == "PA":
        img = shot.image.convert("P").convert("PA")
    assert img.mode == mode
    assert matched(detector.detect(img), shot.faces) == 2


@pytest.mark.parametrize("mode", ["L", "RGBA", "P", "LA"])
def test_files_in_every_mode_decode_and_detect(detector, shot, tmp_path, mode):
    path = tmp_path / f"shot-{mode}.png"
    shot.image.convert(mode).save(path)
    assert matched(detector.detect_prepared(detector.load(path)), shot.faces) == 2


def test_large_pictures_are_detected_on_a_small_copy(detector, shot):
    big = shot.image.resize((1600, 1600), Image.Resampling.BICUBIC)
    grey = detector.prepare(big)
    assert max(grey.shape) == detector.params.max_side and grey.dtype == np.uint8
    assert matched(detector.detect(big), shot.faces) == 2


def test_the_shrunk_copy_keeps_the_shape_and_is_rgb(detector):
    wide = Image.new("LA", (2000, 500), (90, 255))
    small = detector.shrunk(wide)
    assert small.mode == "RGB" and small.size == (detector.params.max_side, 128)
    tiny = Image.new("P", (40, 30))
    assert detector.shrunk(tiny).size == (40, 30) and detector.shrunk(tiny).mode == "RGB"


def test_identity_names_every_parameter(detector):
    others = [FaceParams(scale_factor=1.2), FaceParams(min_neighbors=2), FaceParams(min_face=0.1),
              FaceParams(max_side=800), FaceParams(pad=0.0), FaceParams(darkest_pass=False)]
    identities = {detector.identity} | {FaceDetector(p).identity for p in others}
    assert len(identities) == 1 + len(others)
    assert detector.identity.startswith("lbpcascade_animeface-")


@pytest.mark.parametrize("bad", [{"scale_factor": 1.0}, {"min_neighbors": -1}, {"min_face": 1.0}, {"max_side": 10},
                                 {"pad": 1.5}])
def test_bad_parameters_are_refused(bad):
    with pytest.raises(ValueError, match=next(iter(bad))):
        FaceParams(**bad)


def test_the_shipped_model_is_in_the_package():
    assert model_path().is_file() and model_path().parent.name == "resources"
    assert "The MIT License" in model_path().read_text(encoding="utf-8")[:2000]


def test_a_damaged_model_names_the_file_and_the_fix(tmp_path):
    bad = tmp_path / "lbpcascade_animeface.xml"
    bad.write_text("<opencv_storage></opencv_storage>", encoding="utf-8")
    with pytest.raises(UserError, match="reinstall") as info:
        FaceDetector(path=bad)
    assert str(bad) in str(info.value)
    with pytest.raises(UserError, match=str(tmp_path / "missing.xml")):
        FaceDetector(path=tmp_path / "missing.xml")


def test_a_face_that_fills_the_picture_is_found_thanks_to_the_repeated_edges(shot):
    x0, y0, x1, y1 = shot.faces[0]
    margin = 0.1 * (x1 - x0)
    crop = shot.image.crop([round(v * 320) for v in (x0 - margin, y0 - margin, x1 + margin, y1 + margin)])
    (face,) = FaceDetector().detect(crop)
    assert face.box[2] - face.box[0] > 0.8 and all(0.0 <= v <= 1.0 for v in face.box)
    assert FaceDetector(FaceParams(pad=0.0)).detect(crop) == []


def test_matched_boxes_pairs_each_box_once_best_overlap_first():
    truth = [(0.0, 0.0, 0.4, 0.4), (0.5, 0.5, 0.9, 0.9)]
    # one found box overlaps both true ones (the first better); one is a near copy of the first
    found = [(0.05, 0.05, 0.85, 0.85), (0.0, 0.0, 0.4, 0.42)]
    assert matched_boxes(truth, found) == 1  # the near copy takes the first; the big box matches nothing at 0.5
    assert matched_boxes(truth, found, min_iou=0.15) == 2  # then the big box takes the second
    assert matched_boxes(truth, []) == 0


@pytest.mark.parametrize("seed", [0, 12])
def test_the_darkest_pass_adds_the_face_that_luma_misses_and_no_copy_of_the_other(seed):
    shot = render_group(make_specs(6)[seed % 5: seed % 5 + 2], np.random.default_rng(seed), size=320)
    luma = FaceDetector(FaceParams(darkest_pass=False)).detect(shot.image)
    both = FaceDetector().detect(shot.image)
    assert matched_boxes(shot.faces, [f.box for f in luma]) == 1
    assert matched_boxes(shot.faces, [f.box for f in both]) == 2
    assert len(both) == 2 and not same_face(both[0].box, both[1].box)
    assert all(any(f == g for g in both) for f in luma)  # the luma pass's faces are kept as they were
    areas = [(f.box[2] - f.box[0]) * (f.box[3] - f.box[1]) for f in both]
    assert areas == sorted(areas, reverse=True)


def test_same_face_is_judged_on_the_smaller_box():
    face = (0.2, 0.2, 0.4, 0.4)
    assert same_face(face, (0.15, 0.15, 0.5, 0.5))  # a wider box around it: IoU 0.33, still that face
    assert same_face(face, (0.25, 0.2, 0.45, 0.4))  # shifted by a quarter
    assert not same_face(face, (0.35, 0.35, 0.6, 0.6))  # a neighbour touching its corner
    assert not same_face(face, (0.5, 0.5, 0.7, 0.7))
