"""Recognition: top-k, unknown threshold, streaming over folders, bad files, library predictions, CSV."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from PIL import Image

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import runs
from animeid_desktop.core.recognition.library_recognition import recognize_library, unlabelled_image_ids
from animeid_desktop.core.recognition.recognizer import (
    Prediction,
    Recognizer,
    expand_paths,
    write_predictions_csv,
)
from animeid_desktop.core.training.pipeline import TrainConfig, train
from tests.core.engine_fixtures import IMAGENET, TINY, easy_lib, isolated_weights

FIXTURES = (easy_lib, isolated_weights)  # shared fixtures, imported so pytest finds them


@pytest.fixture
def trained(easy_lib):
    lib, written = easy_lib
    result = train(lib, TrainConfig(model=IMAGENET, image_size=TINY, epochs=10))
    return lib, written, result


def test_no_model_is_a_user_error(library):
    with pytest.raises(UserError, match="no trained model"):
        Recognizer.load(library)


def test_predict_paths_streams_folders_in_order_with_errors(trained, tmp_path):
    lib, written, result = trained
    names = sorted(k for k in written if k)
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    expected = []
    for i, name in enumerate(names):
        img = Image.open(written[name][0])
        target = folder / ("sub" if i % 2 else "") / f"{i}_{name}.png"
        img.save(target)
        expected.append(str(target))
    (folder / "notes.txt").write_text("not an image")  # not picked up from a folder (extension)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0garbage")
    files = expand_paths([folder])
    assert sorted(files) == sorted(expected)
    rec = Recognizer.load(lib)
    assert rec.classes == names and rec.run_id == result.run_id and rec.threshold == result.threshold
    progress = []
    preds = list(rec.predict_paths([broken, folder, tmp_path / "missing.png"], top_k=2, batch_size=2,
                                   on_progress=lambda d, t, m: progress.append((d, t))))
    assert [p.path for p in preds] == [str(broken)] + files + [str(tmp_path / "missing.png")]
    assert preds[0].error and preds[-1].error and not preds[0].top
    good = preds[1:-1]
    for p in good:
        assert p.error is None and len(p.top) == 2
        assert p.top[0][1] >= p.top[1][1] and 0.0 <= p.top[1][1] <= p.top[0][1] <= 1.0
        assert p.top[0][0] in names
    assert progress[-1] == (len(preds), len(preds))
    js = preds[1].to_json()
    assert set(js) == {"path", "top", "unknown", "openset"} and set(js["top"][0]) == {"character", "score"}
    assert "error" in preds[0].to_json()


def test_training_images_are_recognised_and_match_predict_images(trained):
    lib, written, _ = trained
    rec = Recognizer.load(lib)
    names = sorted(k for k in written if k)
    paths = [str(written[n][j]) for n in names for j in range(3)]
    by_path = list(rec.predict_paths(paths, top_k=1))
    right = sum(p.top[0][0] == n for p, n in zip(by_path, [n for n in names for _ in range(3)]))
    assert right >= 8  # colour-coded characters: far above chance (3 of 9)
    images = [Image.open(p) for p in paths]
    by_image = rec.predict_images(images, top_k=1)
    assert [p.top[0][0] for p in by_image] == [p.top[0][0] for p in by_path]
    assert np.allclose([p.top[0][1] for p in by_image], [p.top[0][1] for p in by_path], atol=0.02)


def test_threshold_decides_unknown_and_can_be_overridden(trained):
    lib, written, result = trained
    path = str(written[sorted(k for k in written if k)[0]][0])
    assert next(Recognizer.load(lib, threshold=1.0).predict_paths([path])).unknown
    assert not next(Recognizer.load(lib, threshold=0.0).predict_paths([path])).unknown
    runs.set_threshold_override(lib, result.run_id, 1.0)
    assert Recognizer.load(lib).threshold == 1.0
    runs.set_threshold_override(lib, result.run_id, None)
    assert Recognizer.load(lib).threshold == result.threshold
    with pytest.raises(UserError):
        runs.set_threshold_override(lib, result.run_id, 1.5)


def test_recognize_library_stores_top_k_for_unlabelled_images(trained):
    lib, written, result = trained
    unlabelled = unlabelled_image_ids(lib)
    assert len(unlabelled) == 4
    n = recognize_library(lib, top_k=2)
    assert n == 4
    rows = lib.query("SELECT image_id, run_id, rank, character, score, unknown FROM predictions "
                     "ORDER BY image_id, rank")
    assert len(rows) == 8 and {r["run_id"] for r in rows} == {result.run_id}
    assert {r["image_id"] for r in rows} == set(unlabelled) and {r["rank"] for r in rows} == {1, 2}
    # the same through the network directly gives the same answer (features came from the cache)
    rec = Recognizer.load(lib)
    path = lib.scalar("SELECT path FROM images WHERE id = ?", (unlabelled[0],))
    direct = next(rec.predict_paths([path], top_k=1))
    stored = [r for r in rows if r["image_id"] == unlabelled[0] and r["rank"] == 1][0]
    assert stored["character"] == direct.top[0][0] and abs(stored["score"] - direct.top[0][1]) < 0.02
    # running again replaces, never duplicates
    assert recognize_library(lib, image_ids=unlabelled[:1], top_k=1) == 1
    assert lib.scalar("SELECT COUNT(*) FROM predictions WHERE image_id = ?", (unlabelled[0],)) == 1


def test_csv_output(tmp_path):
    out = tmp_path / "p.csv"
    rows = [Prediction("a.png", None, [("aoi", 0.9), ("rin", 0.1)], False),
            Prediction("b.png", None, [("rin", 0.4)], True),
            Prediction("c.png", None, error="corrupt image data")]
    assert write_predictions_csv(out, rows) == 3
    lines = list(csv.DictReader(out.open()))
    assert [r["character"] for r in lines] == ["aoi", "unknown", ""]
    assert lines[0]["score"] == "0.9000" and lines[2]["error"] == "corrupt image data"
    write_predictions_csv(out, [("d.png", [("aoi", 0.7)], False, None, "confirmed")])
    assert list(csv.DictReader(out.open()))[0]["status"] == "confirmed"
