"""Training from detected faces: a one-character picture showing one face also teaches from its crop."""

from __future__ import annotations

from typing import Dict, Tuple

import numpy as np

from animeid_desktop.core.library import image_characters as IC
from animeid_desktop.core.library.label_state import Region
from animeid_desktop.core.library.labels import labelled_images
from animeid_desktop.core.media import face_detection
from animeid_desktop.core.media.face_cache import FaceCache, FaceResult
from animeid_desktop.core.media.face_detection import Face, FaceDetector
from animeid_desktop.core.recognition.recognizer import Recognizer
from animeid_desktop.core.training import detected_faces as DF
from animeid_desktop.core.training.config import Reporter
from animeid_desktop.core.training.data import labelled_set
from animeid_desktop.core.training.pipeline import TrainConfig, train
from tests.core.engine_fixtures import IMAGENET, TINY, isolated_weights, synth_lib

FIXTURES = (isolated_weights, synth_lib)  # shared fixtures, imported so pytest finds them

ONE = (0.2, 0.1, 0.6, 0.5)
OTHER = (0.5, 0.5, 0.9, 0.9)


def _fake_detection(monkeypatch, faces_by_path: Dict[str, Tuple[tuple, ...]], error_paths=()) -> list:
    """Stand in the library's face scan: ``faces_by_path`` boxes (none for other paths); returns the rows asked."""
    asked: list = []

    def scan(lib, *, detector, rows, on_progress=None, should_stop=None):
        asked.extend(rows)
        for r in rows:
            error = "unreadable" if r["path"] in error_paths else None
            faces = tuple(Face(b) for b in faces_by_path.get(r["path"], ()))
            yield FaceResult(r["path"], r["sha256"], r["id"], () if error else faces, error=error)

    monkeypatch.setattr(DF, "detect_library_faces", scan)
    return asked


def _detected(data) -> int:
    return sum(1 for r in data.rows if r.get("box_source") == "detected")


def _with_faces(lib):
    return DF.with_detected_faces(lib, labelled_set(lib), report=Reporter(None, None))


def test_one_face_adds_a_crop_row_after_its_picture(synth_lib, monkeypatch):
    lib, _ = synth_lib
    singles = labelled_images(lib)
    one, two, err = singles[0], singles[1], singles[2]
    _fake_detection(monkeypatch, {one["path"]: (ONE,), two["path"]: (ONE, OTHER), err["path"]: (ONE,)},
                    error_paths={err["path"]})
    before = labelled_set(lib)
    after = _with_faces(lib)
    assert _detected(after) == 1 and len(after.rows) == len(before.rows) + 1
    first = after.rows.index(next(r for r in after.rows if r["id"] == one["id"]))
    crop = after.rows[first + 1]  # right after its picture
    assert after.rows[first]["faces"] == (ONE,)  # the picture's boxes, for its detected view
    assert next(r for r in after.rows if r["id"] == two["id"])["faces"] == (ONE, OTHER)
    assert "faces" not in next(r for r in after.rows if r["id"] == err["id"])  # unreadable: detected again later
    assert crop["id"] == one["id"] and crop["box"] == ONE and crop["box_source"] == "detected"
    assert crop["character"] == one["character"] and crop["source"] == one["path"] and crop["sha256"] != one["sha256"]
    assert [after.classes[i] for i in after.y] == [r["character"] for r in after.rows]
    assert after.fingerprint == before.fingerprint  # the labels did not change
    assert all(r["id"] not in (two["id"], err["id"]) for r in after.rows if "box" in r)  # two faces, unreadable


def test_pictures_with_a_box_or_several_characters_are_not_looked_at(synth_lib, monkeypatch):
    lib, _ = synth_lib
    singles = labelled_images(lib)
    boxed, pair = singles[0], singles[1]
    IC.set_region(lib, boxed["id"], boxed["character"], Region(0.0, 0.0, 0.5, 0.5))
    IC.set_characters(lib, [pair["id"]], [pair["character"], singles[-1]["character"]])
    asked = _fake_detection(monkeypatch, {r["path"]: (ONE,) for r in singles})
    after = _with_faces(lib)
    looked_at = {r["id"] for r in asked}
    assert boxed["id"] not in looked_at and pair["id"] not in looked_at and len(looked_at) == len(singles) - 2
    assert _detected(after) == len(singles) - 2
    assert [r.get("box_source") for r in after.rows if r["id"] == boxed["id"]] == [None, None]  # its own box only


def test_without_opencv_the_set_is_unchanged(synth_lib, monkeypatch):
    lib, _ = synth_lib
    asked = _fake_detection(monkeypatch, {r["path"]: (ONE,) for r in labelled_images(lib)})
    monkeypatch.setattr(face_detection, "available", lambda: False)
    data = labelled_set(lib)
    assert _with_faces(lib).rows == data.rows and asked == []


def test_a_run_learns_from_the_detected_faces_and_caches_them(synth_lib):
    lib, _ = synth_lib
    singles = labelled_images(lib)
    head = dict(model=IMAGENET, image_size=TINY, epochs=2, incremental=False)
    plain = train(lib, TrainConfig(**head, detected_faces=False))
    assert plain.detected_face_crops == 0 and plain.train_count + plain.val_count == len(singles)
    result = train(lib, TrainConfig(**head))
    assert result.detected_face_crops > 0  # the synthetic characters have faces the cascade finds
    assert result.train_count + result.val_count == len(singles) + result.detected_face_crops
    cache = FaceCache.for_library(lib.cache_dir, FaceDetector())
    assert len(cache.get_many([r["sha256"] for r in singles])) == len(singles)  # detected once, kept


def test_detected_crops_leave_the_validation_pictures_and_the_prototypes_unchanged(synth_lib):
    lib, _ = synth_lib
    head = dict(model=IMAGENET, image_size=TINY, epochs=2, incremental=False, views="full")
    plain = train(lib, TrainConfig(**head, detected_faces=False))
    plain_protos = Recognizer.load(lib).gate.openset.prototypes
    result = train(lib, TrainConfig(**head))
    assert result.detected_face_crops > 0
    # "unknown" is judged against the labelled pictures' prototypes, not pulled towards faces by the crops
    np.testing.assert_allclose(Recognizer.load(lib).gate.openset.prototypes, plain_protos, atol=1e-6)
    assert [v["image_id"] for v in result.val_items] == [v["image_id"] for v in plain.val_items]
    assert result.val_count == plain.val_count  # no crop validates: the crops of validation pictures are left out
    assert result.train_count == plain.train_count + result.detected_face_crops
