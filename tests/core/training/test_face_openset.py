"""The open set's face threshold (decision 0021): calibrated on the validation pictures' detected faces,
saved with the model, and what judges detected faces at recognition."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from animeid_desktop.core.demo.synthetic import make_specs
from animeid_desktop.core.demo.synthetic_groups import render_group, write_group_shots
from animeid_desktop.core.engine import openset as ops
from animeid_desktop.core.engine.preprocess import Preprocessing
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.media import face_detection
from animeid_desktop.core.media.face_detection import FaceDetector
from animeid_desktop.core.recognition.faces import FaceRecognition
from animeid_desktop.core.recognition.recognizer import Recognizer
from animeid_desktop.core.training.config import OPENSET_MIN_FACES
from animeid_desktop.core.training.face_openset import KnownFaces
from animeid_desktop.core.training.openset import Signals, face_threshold
from animeid_desktop.core.training.pipeline import TrainConfig, train
from tests.core.engine_fixtures import IMAGENET, TINY, isolated_weights

FIXTURES = (isolated_weights,)  # shared fixtures, imported so pytest finds them

CHARACTERS, SINGLES = 5, 16
PREP = Preprocessing(64, (0.5, 0.5, 0.5), (0.2, 0.2, 0.2))


def _openset(face_at: float | None) -> ops.OpenSet:
    rng = np.random.default_rng(0)
    protos = ops.unit_rows(rng.normal(size=(3, 8)))
    return ops.OpenSet(protos, rng.normal(size=(3, 8)).astype(np.float32), np.zeros(3, np.float32),
                       ops.Scale(0.5, 0.1, 0.5, 0.1), 0.0, {"weights_id": "w", "preprocessing": PREP.to_json()},
                       {"keep": 0.95}, face_at)


def test_face_crops_are_judged_by_the_face_threshold_and_it_is_saved_with_the_model():
    x = np.random.default_rng(1).normal(size=(40, 8)).astype(np.float32)
    scores = _openset(None).scores(x)
    lower = float(np.quantile(scores, 0.2))
    openset = dataclasses.replace(_openset(lower), threshold=float(np.quantile(scores, 0.6)))
    pictures, _ = openset.unknown(x)
    faces, _ = openset.unknown(x, faces=True)
    assert pictures.mean() == pytest.approx(0.6, abs=0.05) and faces.mean() == pytest.approx(0.2, abs=0.05)
    assert openset.figures["face_threshold"] == lower
    tensors, meta = openset.to_files()
    again = ops.OpenSet.from_files(meta, tensors, n_classes=3, feature_dim=8, where="test")
    assert again is not None and again.face_threshold == lower and "face_threshold" not in again.report
    meta.pop("face_threshold")  # written before decision 0021: faces judged like pictures
    older = ops.OpenSet.from_files(meta, tensors, n_classes=3, feature_dim=8, where="test")
    assert older is not None and older.face_threshold is None
    assert (older.unknown(x, faces=True)[0] == older.unknown(x)[0]).all()


def test_too_few_known_faces_leave_faces_to_the_pictures_threshold():
    empty = np.zeros(0, np.float32)
    few = OPENSET_MIN_FACES - 1
    signals = Signals(empty, empty, empty, empty, held_out=2, folds=2, face_cos=np.full(few, 0.5),
                      face_prob=np.full(few, 0.5))
    scale = ops.Scale(0.5, 0.1, 0.5, 0.1)
    faces = KnownFaces(np.zeros((few, 8), np.float32), np.zeros(few, np.int64))
    assert face_threshold(signals, scale, 0.0, 0.95, faces) == (None, {})
    assert face_threshold(signals, scale, 0.0, 0.95, None) == (None, {})


@pytest.fixture
def portraits(tmp_path, isolated_weights):
    """A library of single-character generated portraits (labelled by folder) and their characters."""
    specs = make_specs(CHARACTERS, seed=0)
    for spec in specs:
        (tmp_path / "art" / spec.name).mkdir(parents=True)
        for i in range(SINGLES):
            render_group([spec], np.random.default_rng([0, 5, i, len(spec.name)]), size=128).image.save(
                tmp_path / "art" / spec.name / f"{i}.png")
    lib = Library.open(tmp_path / "lib")
    import_paths(lib, [str(tmp_path / "art")])
    yield lib, specs
    lib.close()


@pytest.mark.skipif(not face_detection.available(), reason="needs OpenCV's face detector")
def test_right_faces_of_group_shots_stay_known_under_the_face_threshold(portraits, tmp_path):
    lib, specs = portraits
    result = train(lib, TrainConfig(model=IMAGENET, image_size=TINY, epochs=8, views="full"))
    cal = result.openset
    assert cal is not None and cal["known_faces"] >= OPENSET_MIN_FACES
    assert cal["face_threshold"] < cal["threshold"]  # crops score lower than the pictures they come from
    truth = write_group_shots(tmp_path / "shots", 16, specs, size=256, seed=1)
    rec = Recognizer.load(lib)
    assert rec.gate is not None and rec.gate.openset.face_threshold == cal["face_threshold"]
    right_unknown = {}
    for rule, openset in (("pictures", dataclasses.replace(rec.gate.openset, face_threshold=None)),
                          ("faces", rec.gate.openset)):
        rec.gate.openset = openset
        answers = FaceRecognition(rec, FaceDetector()).recognize_paths(
            [str(tmp_path / "shots" / name) for name in sorted(truth)])
        right = [f for name, a in zip(sorted(truth), answers) for f in a.faces
                 if f.top[0][0] in truth[name]["characters"]]
        assert len(right) >= 10
        right_unknown[rule] = np.mean([f.unknown for f in right])
    assert right_unknown["faces"] < right_unknown["pictures"]
