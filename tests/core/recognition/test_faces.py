"""Recognition per face: each face's crop answered, the characters present merged with the whole picture."""

from __future__ import annotations

import json

import numpy as np
from PIL import Image

from animeid_desktop.core.demo.synthetic import make_specs
from animeid_desktop.core.demo.synthetic_groups import render_group
from animeid_desktop.core.media.face_cache import FaceCache
from animeid_desktop.core.media.face_detection import Face, FaceDetector
from animeid_desktop.core.recognition.faces import FaceAnswer, FaceRecognition, characters_present
from animeid_desktop.core.recognition.recognizer import Prediction, Recognizer
from animeid_desktop.core.training.pipeline import TrainConfig, train
from tests.core.engine_fixtures import IMAGENET, TINY, easy_lib, isolated_weights

FIXTURES = (easy_lib, isolated_weights)  # shared fixtures, imported so pytest finds them
LEFT, RIGHT = (1 / 12, 1 / 6, 5 / 12, 5 / 6), (7 / 12, 1 / 6, 11 / 12, 5 / 6)  # plus margin 0.25: the halves


class HalvesDetector:
    """A stand-in detector: one face per half of the picture, whose crop (with its margin) is that half."""

    identity = "halves"
    calls = 0

    def detect(self, img):
        self.calls += 1
        return [Face(LEFT, 9.0), Face(RIGHT, 9.0)]

    def describe(self):
        return {"model": "halves"}


def _pair(written, tmp_path, left: str, right: str):
    a, b = Image.open(written[left][0]).convert("RGB"), Image.open(written[right][0]).convert("RGB")
    pair = Image.new("RGB", (a.width * 2, a.height))
    pair.paste(a, (0, 0))
    pair.paste(b, (a.width, 0))
    path = tmp_path / "pair.png"
    pair.save(path)
    return path


def test_recognition_returns_both_characters_of_a_two_character_picture(easy_lib, tmp_path):
    lib, written = easy_lib
    train(lib, TrainConfig(model=IMAGENET, image_size=TINY, epochs=10))
    detector = HalvesDetector()
    faces = FaceRecognition(Recognizer.load(lib), detector, cache=FaceCache(tmp_path / "faces.sqlite"))
    path = _pair(written, tmp_path, "aka", "ao")
    for _ in range(2):
        [answer] = list(faces.recognize_paths([path], top_k=2))
    assert detector.calls == 1  # the second time from the cache
    assert [f.best for f in answer.faces] == ["aka", "ao"] and answer.characters == ["aka", "ao"]
    out = json.loads(json.dumps(answer.to_json()))
    assert {"path", "top", "unknown", "faces", "characters"} <= set(out)
    assert out["faces"][0]["box"] == [round(v, 4) for v in LEFT] and set(out["faces"][0]) == {"box", "top", "unknown"}
    assert len(out["faces"][1]["top"]) == 2 and out["characters"] == answer.characters


def test_the_real_detector_finds_faces_of_a_generated_group_shot(easy_lib, tmp_path):
    lib, _ = easy_lib
    train(lib, TrainConfig(image_size=TINY, epochs=2))
    shot = render_group(make_specs(2, seed=3), np.random.default_rng(0), size=256)
    path = tmp_path / "group.png"
    shot.image.save(path)
    [answer] = list(FaceRecognition(Recognizer.load(lib), FaceDetector()).recognize_paths([path]))
    assert len(answer.faces) >= 1 and all(0 <= v <= 1 for f in answer.faces for v in f.box)


def test_unknown_faces_add_nobody_and_the_whole_picture_answers_when_no_face_does():
    whole = Prediction("p", None, [("ao", 0.9)], unknown=False)
    aka = FaceAnswer((0, 0, 1, 1), (("aka", 0.8),), False)
    unsure = FaceAnswer((0, 0, 1, 1), (("midori", 0.2),), True)
    assert characters_present(whole, [aka, unsure, aka]) == ["aka"]
    assert characters_present(whole, [unsure]) == ["ao"] and characters_present(whole, []) == ["ao"]
    assert characters_present(Prediction("p", None, [("ao", 0.3)], unknown=True), [unsure]) == []
    assert characters_present(Prediction("p", None, error="unreadable"), []) == []


class HalvesLibraryDetector(HalvesDetector):
    """The stand-in detector as the library job calls it (decode, then detect)."""

    def load(self, path):
        return np.zeros((8, 8), dtype=np.uint8)

    def detect_prepared(self, grey):
        return self.detect(None)


def test_faces_assign_gives_each_character_its_face(easy_lib, tmp_path):
    from animeid_desktop.core.library import image_characters as IC
    from animeid_desktop.core.library.importer import import_paths
    from animeid_desktop.core.recognition.face_assign import apply_assignments, best_matching, propose_assignments
    from animeid_desktop.core.training.data import labelled_set

    lib, written = easy_lib
    train(lib, TrainConfig(image_size=TINY, epochs=10))
    path = _pair(written, tmp_path, "ao", "aka")  # ao on the left
    import_paths(lib, [str(path)])
    pair = lib.query("SELECT id FROM images WHERE path = ?", (str(path),))[0]["id"]
    IC.set_characters(lib, [pair], ["aka", "ao"])
    assert labelled_set(lib).group_shots  # no boxes yet: left out
    found = propose_assignments(lib, recognizer=Recognizer.load(lib), detector=HalvesLibraryDetector())
    mine = next(a for a in found if a.image_id == pair)
    assert dict(mine.boxes) == {"ao": LEFT, "aka": RIGHT}
    change = apply_assignments(lib, [mine])
    regions = {c.name: c.region for c in IC.image_characters(lib, pair)}
    assert regions["ao"].box == LEFT and regions["aka"].source == "detector"
    assert change.before[pair] != change.after[pair] and labelled_set(lib).group_shots == ()
    order, score = best_matching([[0.1, 0.9], [0.8, 0.3]])
    assert order == (1, 0) and abs(score - 1.7) < 1e-9


def test_whole_pictures_and_face_crops_share_the_network_batches(easy_lib, tmp_path, monkeypatch):
    lib, written = easy_lib
    train(lib, TrainConfig(image_size=TINY, epochs=2))
    rec = Recognizer.load(lib)
    folders = [tmp_path / str(k) for k in range(3)]
    for folder in folders:
        folder.mkdir()
    paths = [_pair(written, folder, "aka", "ao") for folder in folders]
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    passes = []
    features = rec.features
    monkeypatch.setattr(rec, "features", lambda arrays: passes.append(len(arrays)) or features(arrays))
    answers = list(FaceRecognition(rec, HalvesDetector()).recognize_paths([*paths, broken], batch_size=32))
    assert passes == [3 + 3 * 2]  # one forward pass: three pictures and their six faces (was one per picture)
    assert [len(a.faces) for a in answers] == [2, 2, 2, 0] and answers[3].prediction.error
    whole = list(rec.predict_paths(paths))
    assert [a.prediction.top for a in answers[:3]] == [p.top for p in whole]


def test_library_recognition_stores_each_face_and_confirming_labels_both(easy_lib, tmp_path):
    from animeid_desktop.core.library import image_characters as IC
    from animeid_desktop.core.library import undo
    from animeid_desktop.core.library.gallery_query import GalleryFilter, fetch_rows, query_ids, suggested_labels
    from animeid_desktop.core.library.importer import import_paths
    from animeid_desktop.core.progress import FACES_PHASE
    from animeid_desktop.core.recognition.library_recognition import recognize_library

    lib, written = easy_lib
    train(lib, TrainConfig(model=IMAGENET, image_size=TINY, epochs=10))
    path = _pair(written, tmp_path, "aka", "ao")
    import_paths(lib, [str(path)])
    pair = lib.query("SELECT id FROM images WHERE path = ?", (str(path),))[0]["id"]
    rec = Recognizer.load(lib)
    detector = HalvesDetector()
    faces = FaceRecognition(rec, detector, cache=FaceCache(tmp_path / "faces.sqlite"))
    seen = []
    assert recognize_library(lib, image_ids=[pair], recognizer=rec, faces=faces,
                             on_progress=lambda d, t, m: seen.append(m)) == 1
    assert seen[-1] == FACES_PHASE and seen.index(FACES_PHASE) > seen.index("recognising") and detector.calls == 1
    stored = lib.query("SELECT face, character, unknown, x0 FROM face_predictions WHERE image_id = ? ORDER BY face",
                       (pair,))
    assert [(r["face"], r["character"], r["unknown"]) for r in stored] == [(0, "aka", 0), (1, "ao", 0)]
    assert stored[0]["x0"] == LEFT[0]
    assert fetch_rows(lib, [pair], rec.run_id)[pair]["pred"] == "aka+ao"
    assert query_ids(lib, GalleryFilter(status="predicted", run_id=rec.run_id, character="ao")) == [pair]
    suggestion = suggested_labels(lib, [pair], rec.run_id)
    stack = undo.UndoStack()
    stack.push(IC.apply_suggestions(lib, suggestion))
    labels = {c.name: c for c in IC.image_characters(lib, pair)}
    assert set(labels) == {"aka", "ao"} and labels["ao"].region.box == RIGHT and labels["aka"].source == "confirmed"
    assert labels["aka"].region.source == "detector"
    stack.undo(lib)
    assert IC.image_characters(lib, pair) == []
    # again: detections and crop features come from their caches, the file is not read, nothing is embedded
    passes = []
    features = rec.features
    rec.features = lambda arrays: passes.append(len(arrays)) or features(arrays)
    path.unlink()
    assert recognize_library(lib, image_ids=[pair], recognizer=rec, faces=faces) == 1
    assert passes == [] and detector.calls == 1
    assert lib.query("SELECT face, character, unknown, x0 FROM face_predictions WHERE image_id = ? ORDER BY face",
                     (pair,)) == stored


def test_a_detected_face_view_shares_the_decode_and_the_faces_with_the_face_crops(easy_lib, tmp_path, monkeypatch):
    from animeid_desktop.core.engine import preprocess
    from animeid_desktop.core.media import face_detection, images
    from animeid_desktop.core.media.face_cache import detect_faces
    from animeid_desktop.core.media.hashing import file_sha256

    lib, _ = easy_lib
    train(lib, TrainConfig(image_size=TINY, epochs=2, views="full+detected"))
    rec = Recognizer.load(lib)
    paths = []
    for k in range(3):
        paths.append(tmp_path / f"group{k}.png")
        render_group(make_specs(3, seed=3), np.random.default_rng(k), size=320).image.save(paths[-1])
    whole = [p.top for p in rec.predict_paths(paths)]
    decodes, detections = [], []
    decode, largest = images._decode, face_detection.largest_face_box
    monkeypatch.setattr(images, "_decode", lambda *a, **k: decodes.append(a[0]) or decode(*a, **k))
    monkeypatch.setattr(preprocess.face_detection, "largest_face_box", lambda img: detections.append(1) or largest(img))
    detector = FaceDetector()
    cached = FaceCache(tmp_path / "faces.sqlite")
    list(detect_faces([{"path": str(p), "sha256": file_sha256(p)} for p in paths[:1]], detector=detector,
                      cache=cached))  # as 'animeid faces detect' does, for one of them
    decodes.clear()
    for _ in range(2):  # faces detected now for two pictures, then all three from the cache
        detections.clear()
        answers = list(FaceRecognition(rec, detector, cache=cached).recognize_paths(paths))
        faces = sum(len(a.faces) for a in answers)
        assert faces >= 3 and len(decodes) == len(paths)  # one decode per picture (was two)
        assert len(detections) == faces  # each crop's own view only: the picture's faces serve its view
        assert [a.prediction.top for a in answers] == whole  # the same answers as without faces
        decodes.clear()
