"""Training, recognition and suggestions pages on generated data, with real worker threads.

A tiny ``head`` model (64 px inputs, few epochs) is trained once per module into a template
library; each test works on its own copy.
"""

from __future__ import annotations

import csv
import shutil

import pytest
from PySide6.QtCore import Qt

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths

FAST = {"epochs": 4, "image_size": 64}


def _labels(lib):
    return {r["id"]: (r["name"], r["source"]) for r in lib.query(
        "SELECT i.id, c.name, l.source FROM images i LEFT JOIN labels l ON l.image_id = i.id "
        "LEFT JOIN characters c ON c.id = l.character_id")}


@pytest.fixture(scope="module")
def trained_template(tmp_path_factory):
    """A library with 3 synthetic characters (6 labelled each), 4 loose images and a trained model."""
    from animeid_desktop.core.training.pipeline import TrainConfig, train

    root = tmp_path_factory.mktemp("trained")
    pictures = root / "pictures"
    synthetic.write_folder(pictures, n_characters=3, per_character=6, size=64, unlabelled=4, seed=3)
    lib = Library.open(root / "library")
    import_paths(lib, [pictures])
    result = train(lib, TrainConfig(**FAST))
    lib.close()
    return root / "library", result


@pytest.fixture
def trained_window(qtbot, tmp_path, answers, trained_template):
    from animeid_desktop.gui.app import create_window, make_app
    from animeid_desktop.gui.jobs import JobRunner

    template, _result = trained_template
    shutil.copytree(template, tmp_path / "library")
    make_app()
    window = create_window(str(tmp_path / "library"), runner=JobRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    yield window
    window.close()


def test_head_training_run_updates_plots_and_results(qtbot, threaded_window, pictures):
    window = threaded_window
    lib = window.session.lib
    import_paths(lib, [pictures])
    window.session.imagesChanged.emit()
    page = window.go_to("training")
    qtbot.waitUntil(lambda: page.models_ready, timeout=120000)
    page.form.epochs.setValue(FAST["epochs"])
    page.form.image_size.setValue(FAST["image_size"])
    assert page.start_button.isEnabled() and "18 labelled images of 3 characters" in page.summary.text()
    job = page.start()
    assert not page.start_button.isEnabled() and page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not job.running, timeout=300000)
    assert job.state == "succeeded", job.error
    batches, val_losses, val_accs = page.plots.counts()
    assert batches >= FAST["epochs"] and val_accs == FAST["epochs"] and val_losses == FAST["epochs"]
    assert page.results.values["best"].text().endswith("%")
    assert page.results.use_button.text() == "In use"  # a new run becomes the active model
    assert window.session.active_run_id() == job.result.run_id
    assert "anime_lite0" in window.model_label.text()  # the head-mode default
    assert "epoch" in page.log.toPlainText()
    assert "set aside as unknown" in page.results.unknown_note.text()  # the open-set calibration in one sentence

    # a confusion-matrix cell opens its validation images in the gallery
    view = page.results.confusion
    cell = next((r, c) for r in range(3) for c in range(3) if view.matrix_model.matrix[r][c])
    index = view.model().index(*cell)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert window.current_page_key() == "gallery"
    gallery = window.pages["gallery"]
    expected = page.results.ids_for_cell(view.class_at(cell[0]), view.class_at(cell[1]))
    qtbot.waitUntil(lambda: sorted(gallery.model.ids()) == sorted(expected))
    assert gallery.filters.chip.isVisible()

    # labelling more images shows the one-click Retrain
    assert not page.retrain_button.isVisibleTo(page)
    unlabelled = [i for i, (name, _s) in _labels(lib).items() if name is None]
    window.session.label(unlabelled[:1], window.session.characters()[0]["name"])
    qtbot.waitUntil(lambda: page.retrain_button.isVisibleTo(page), timeout=20000)


def test_recognition_confirm_undo_and_csv(qtbot, trained_window, tmp_path, answers):
    window = trained_window
    lib = window.session.lib
    page = window.go_to("recognition")
    names = [c["name"] for c in window.session.characters()]
    new = tmp_path / "new.png"
    synthetic.make_image(names[1], image_seed=77, size=64, spec_seed=3)[0].save(new)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 nope")
    job = page.recognise_paths([str(new), str(broken)])
    qtbot.waitUntil(lambda: not job.running, timeout=120000)
    assert job.state == "succeeded", job.error
    assert page.results.rowCount() == 2 and page.status.text().startswith("2 images recognised")
    assert page.results.unknown_count == (" unknown, listed last" in page.status.text())
    good, bad = sorted(page.results.rows, key=lambda r: bool(r.error))
    assert len(good.top) == 3 and abs(sum(s for _c, s in good.top) - 1.0) < 0.2 and good.status == "not in library"
    assert bad.error and not bad.top
    page.table.selectRow(page.results.rows.index(good))
    assert page.detail.bars.top == good.top

    page.confirm_current(names[2])  # "pick another character": imports the file, then labels it
    qtbot.waitUntil(lambda: any(v == (names[2], "confirmed") for v in _labels(lib).values()), timeout=20000)
    assert good.status == f"confirmed as {names[2]}"
    window.undo_action.trigger()
    assert not any(v[0] == names[2] and v[1] == "confirmed" for v in _labels(lib).values())

    out = tmp_path / "results.csv"
    answers.saves.append(str(out))
    page.export_csv()
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["path"] for r in rows] == [r.path for r in page.results.rows]  # in the table's order
    by_path = {r["path"]: r for r in rows}
    assert by_path[str(new)]["status"] == f"confirmed as {names[2]}" and by_path[str(broken)]["error"]


def test_suggestions_recognise_confirm_and_reject(qtbot, trained_window):
    window = trained_window
    lib = window.session.lib
    page = window.go_to("suggestions")
    qtbot.waitUntil(lambda: page.job is not None and not page.job.running, timeout=120000)
    assert page.job.state == "succeeded", page.job.error
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    shown = page.model.ids()
    scores = [page.model.row_data(r)["pred_score"] for r in range(len(shown))]
    assert scores == sorted(scores, reverse=True)  # most confident first
    before = _labels(lib)
    assert all(before[i][0] is None for i in shown)

    page.view.selectAll()
    predicted = {i: page.model.row_data(page.model.row_of(i))["pred"] for i in shown}
    page.confirm_button.click()
    after = _labels(lib)
    assert {i: after[i] for i in shown} == {i: (predicted[i], "confirmed") for i in shown}
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    window.undo_action.trigger()  # one undo step for the whole bulk confirm
    assert all(_labels(lib)[i][0] is None for i in shown)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(shown))

    page.view.selectAll()
    page.reject_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert all(_labels(lib)[i][0] is None for i in shown)  # rejected, still unlabelled
    unknown = lib.scalar("SELECT COUNT(DISTINCT image_id) FROM predictions WHERE unknown = 1")
    assert unknown >= len(shown)  # rejected suggestions count as unknown, and the page says how many
    qtbot.waitUntil(lambda: f"{unknown:,} unknown (not like your characters), not suggested" in page.status.text())


def test_a_group_shot_suggestion_confirms_both_characters_with_their_faces(qtbot, trained_window, tmp_path,
                                                                           monkeypatch):
    from PIL import Image

    from animeid_desktop.core.library import image_characters as IC
    from animeid_desktop.core.media import face_detection
    from tests.core.recognition.test_faces import HalvesDetector

    window = trained_window
    lib = window.session.lib
    names = [c["name"] for c in window.session.characters()][:2]
    halves = [Image.open(lib.query("SELECT i.path FROM images i JOIN labels l ON l.image_id = i.id JOIN characters c "
                                   "ON c.id = l.character_id WHERE c.name = ? LIMIT 1", (n,))[0]["path"]).convert("RGB")
              for n in names]
    pair = Image.new("RGB", (128, 64))
    for k, half in enumerate(halves):
        pair.paste(half.resize((64, 64)), (64 * k, 0))
    (tmp_path / "loose").mkdir()
    pair.save(tmp_path / "loose" / "pair.png")
    import_paths(lib, [tmp_path / "loose"])
    pair_id = lib.query("SELECT id FROM images WHERE path LIKE '%pair.png'")[0]["id"]
    monkeypatch.setattr(face_detection, "FaceDetector", HalvesDetector)
    page = window.go_to("suggestions")
    qtbot.waitUntil(lambda: page.job is not None and not page.job.running, timeout=120000)
    assert page.job.state == "succeeded", page.job.error
    stored = [r["character"] for r in lib.query("SELECT character FROM face_predictions WHERE image_id = ? "
                                                "ORDER BY face", (pair_id,))]
    assert stored == names  # each half's character
    qtbot.waitUntil(lambda: page.model.row_of(pair_id) is not None)
    shown = page.model.row_data(page.model.row_of(pair_id))["pred"]
    assert shown == "+".join(names)  # the card names every face's character
    page.view.selectionModel().select(page.model.index(page.model.row_of(pair_id)),
                                      page.view.selectionModel().SelectionFlag.ClearAndSelect)
    page.confirm_button.click()
    labels = {c.name: c.region for c in IC.image_characters(lib, pair_id)}
    assert sorted(labels) == sorted(names) and all(r is not None and r.source == "detector"
                                                         for r in labels.values())
    window.undo_action.trigger()  # one step
    assert IC.image_characters(lib, pair_id) == []
    from animeid_desktop.core.progress import FACES_PHASE

    requeried = []
    monkeypatch.setattr(page, "requery", lambda: requeried.append(1))
    page._progress(64, 300, FACES_PHASE)  # the whole pictures are answered: their suggestions show, faces follow
    page._progress(128, 300, FACES_PHASE)
    assert page.status.text() == "Looking at the faces of 128 of 300 images (group shots)…" and requeried == [1]


def test_recognition_lists_unknown_pictures_apart(qtbot):
    from animeid_desktop.gui.widgets.recognition_table import ResultRow, ResultsModel

    model = ResultsModel()
    rows = [ResultRow(path="a", top=[("x", 0.9)]), ResultRow(path="b", top=[("x", 0.4)], unknown=True),
            ResultRow(path="c", top=[("y", 0.8)]), ResultRow(path="d", top=[("y", 0.3)], unknown=True)]
    model.add(rows[:2])
    model.add(rows[2:])
    assert [r.path for r in model.rows] == ["a", "c", "b", "d"]  # recognised first, unknown ones after
    assert model.known_count == 2 and model.unknown_count == 2
    assert model.data(model.index(2, 1)) == "unknown"
    model.add([ResultRow(path="a", top=[("x", 0.95)])])  # an update stays in place
    assert [r.path for r in model.rows] == ["a", "c", "b", "d"] and model.rows[0].top == [("x", 0.95)]


def _group_shot(tmp_path, n: int = 2):
    import numpy as np

    from animeid_desktop.core.demo.synthetic_groups import render_group

    path = tmp_path / "group.png"
    render_group(synthetic.make_specs(n, seed=3), np.random.default_rng(0), size=256).image.save(path)
    return path


def test_recognition_preview_draws_each_face_with_its_answer(qtbot, trained_window, tmp_path):
    page = trained_window.go_to("recognition")
    job = page.recognise_paths([str(_group_shot(tmp_path))])
    qtbot.waitUntil(lambda: not job.running, timeout=120000)
    assert job.state == "succeeded", job.error
    [row] = page.results.rows
    assert row.faces and "faces not looked for" not in page.status.text()
    page.table.selectRow(0)
    qtbot.waitUntil(page.detail.preview.has_picture, timeout=20000)
    boxes = page.detail.preview.labels
    assert [b.box for b in boxes] == [tuple(f.box) for f in row.faces]
    for box, face in zip(boxes, row.faces):
        assert box.character == ("unknown" if face.best is None else f"{face.best} {face.top[0][1]:.0%}")
    file_label = page.detail.file_label.text()
    assert (row.present in file_label) if row.present else file_label == "group.png"


def test_recognition_without_face_detection_works_as_before_and_says_so(qtbot, trained_window, tmp_path, monkeypatch):
    from animeid_desktop.core.errors import UserError
    from animeid_desktop.core.media import face_detection

    def no_opencv():
        raise UserError("face detection needs OpenCV")

    monkeypatch.setattr(face_detection, "FaceDetector", no_opencv)
    page = trained_window.go_to("recognition")
    job = page.recognise_paths([str(_group_shot(tmp_path))])
    qtbot.waitUntil(lambda: not job.running, timeout=120000)
    assert job.state == "succeeded", job.error
    [row] = page.results.rows
    assert len(row.top) == 3 and not row.faces and page.status.text().count("faces not looked for") == 1
    page.table.selectRow(0)
    assert page.detail.preview.labels == []
    assert page.detail.confirm_button.text() == (f"Confirm {row.best}" if row.best else "Confirm")


def test_recognition_rows_name_the_characters_present_and_each_face():
    from animeid_desktop.core.recognition.faces import FaceAnswer
    from animeid_desktop.gui.widgets.recognition_table import ResultRow, ResultsModel

    faces = [FaceAnswer((0, 0, 0.5, 1), (("A", 0.91), ("B", 0.05)), False),
             FaceAnswer((0.5, 0, 1, 1), (("B", 0.8),), False), FaceAnswer((0.2, 0.2, 0.3, 0.3), (("A", 0.3),), True)]
    row = ResultRow(path="g.png", top=[("A", 0.6)], faces=faces, characters=["A", "B"])
    assert row.present == "A+B" and ResultRow(path="one.png", characters=["A"]).present is None
    assert [b.character for b in row.face_boxes({"A": "#ff0000"})] == ["A 91%", "B 80%", "unknown"]
    assert row.face_boxes({"A": "#ff0000"})[0].colour == "#ff0000"
    model = ResultsModel()
    model.add([row])
    assert model.data(model.index(0, 1)) == "A+B"
