"""Several characters per image in the gallery: keys toggle, boxes in the detail panel, the X-and-Y filter."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from animeid_desktop.core.library.image_characters import characters_by_image, image_characters
from tests.gui.test_gallery_tagging import _import, _select_rows


def _chars(lib, image_id):
    return characters_by_image(lib, [image_id]).get(image_id, [])


def _regions(lib, image_id):
    return {c.name: c.region for c in image_characters(lib, image_id)}


def _pick(monkeypatch, boxes, text):
    """Answer the detail panel's next menu by triggering its action called ``text``."""
    def run_menu(menu, _pos):
        next(a for a in menu.actions() if a.text() == text).trigger()
    monkeypatch.setattr(boxes, "run_menu", run_menu)


def _one_image(qtbot, window, pictures):
    _import(qtbot, window, pictures)
    gallery = window.go_to("gallery")
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 22)
    _select_rows(gallery.view, [0])
    gallery.view.setFocus()
    return gallery, gallery.model.id_at(0)


def test_key_toggles_a_character_and_undo_restores_the_set(qtbot, window, pictures):
    gallery, image_id = _one_image(qtbot, window, pictures)
    lib, names = window.session.lib, gallery.characters.names()
    before = _chars(lib, image_id)
    third = names[2]
    assert third not in before
    qtbot.keyClick(gallery.view, Qt.Key.Key_3)
    assert sorted(_chars(lib, image_id)) == sorted(before + [third])
    assert gallery.view.selected_ids() == [image_id]  # stays, so the next key adds another character
    assert "+" in gallery.model.row_data(0)["character"]  # the card shows "A+B"
    qtbot.keyClick(gallery.view, Qt.Key.Key_3)
    assert _chars(lib, image_id) == before
    window.undo_action.trigger()
    assert third in _chars(lib, image_id)
    window.undo_action.trigger()
    assert _chars(lib, image_id) == before

    # several images: add to all unless all have it, then remove from all
    _select_rows(gallery.view, [0, 1, 2])
    ids = gallery.view.selected_ids()
    qtbot.keyClick(gallery.view, Qt.Key.Key_3)
    assert all(third in _chars(lib, i) for i in ids)
    qtbot.keyClick(gallery.view, Qt.Key.Key_3)
    assert not any(third in _chars(lib, i) for i in ids)


def test_boxes_drawn_assigned_and_deleted(qtbot, window, pictures, monkeypatch):
    gallery, image_id = _one_image(qtbot, window, pictures)
    lib, detail = window.session.lib, gallery.detail
    preview, names = detail.preview, gallery.characters.names()
    qtbot.waitUntil(lambda: detail.current == image_id and preview.has_picture())
    detail.resize(300, 700)
    other = next(n for n in names if n not in _chars(lib, image_id))

    # drag a box on the picture, say who it is: the character is added with that region
    pic = preview.picture_rect()
    start = QPoint(int(pic.left() + pic.width() * 0.1), int(pic.top() + pic.height() * 0.1))
    end = QPoint(int(pic.left() + pic.width() * 0.5), int(pic.top() + pic.height() * 0.6))
    _pick(monkeypatch, detail.boxes, other)
    qtbot.mousePress(preview, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(preview, end)
    qtbot.mouseRelease(preview, Qt.MouseButton.LeftButton, pos=end)
    region = _regions(lib, image_id)[other]
    assert region is not None and region.source == "user"
    assert abs(region.x0 - 0.1) < 0.05 and abs(region.y1 - 0.6) < 0.05
    qtbot.waitUntil(lambda: [lb.character for lb in preview.labels] == [other])  # the box is drawn
    preview.grab()  # paints without error
    window.undo_action.trigger()  # one step: the character and its box go together
    assert other not in _chars(lib, image_id)
    window.redo_action.trigger()
    assert _regions(lib, image_id)[other] is not None

    # a detected face: click it and name it; it becomes that character's region, from the user
    own = next(n for n in _chars(lib, image_id) if n != other)
    detail.boxes.faces[image_id] = [(0.55, 0.05, 0.95, 0.45)]
    detail.boxes.refresh()
    assert preview.faces == [(0.55, 0.05, 0.95, 0.45)]
    _pick(monkeypatch, detail.boxes, own)
    face = preview.to_widget(preview.faces[0]).center().toPoint()
    qtbot.mouseClick(preview, Qt.MouseButton.LeftButton, pos=face)
    assert _regions(lib, image_id)[own].box == (0.55, 0.05, 0.95, 0.45)
    assert _regions(lib, image_id)[own].source == "user"
    qtbot.waitUntil(lambda: preview.faces == [])  # now covered by the label box

    # the active model answered a face of this picture: its guess heads the face's menu and names it in one click
    from animeid_desktop.core.library.face_predictions import store_face_predictions

    class Answer:
        box, top, unknown = (0.05, 0.6, 0.4, 0.95), ((other, 0.42),), True

    with lib.write() as conn:
        conn.execute("INSERT INTO training_runs(id, model, mode, status, created_at) VALUES ('r', 'm', 'head', 'done', "
                     "'2024-01-01')")
    monkeypatch.setattr(window.session, "active_run_id", lambda: "r")
    store_face_predictions(lib, "r", {image_id: [Answer()]})
    menu = detail.boxes.box_menu((0.06, 0.61, 0.41, 0.94))
    assert menu.actions()[0].text() == f"{other} (the model's guess, 42%, unsure)"
    assert detail.boxes.box_menu((0.55, 0.05, 0.95, 0.45)).actions()[0].text() != menu.actions()[0].text()
    menu.actions()[0].trigger()
    assert _regions(lib, image_id)[other].box == (0.06, 0.61, 0.41, 0.94)  # the detected face's box
    window.undo_action.trigger()

    # delete a wrong box: the region is cleared, the character stays; undo brings the box back
    _pick(monkeypatch, detail.boxes, f"Delete the box of {other}")
    qtbot.mouseClick(preview, Qt.MouseButton.LeftButton, pos=start + QPoint(4, 4))
    assert _regions(lib, image_id)[other] is None and other in _chars(lib, image_id)
    window.undo_action.trigger()
    assert _regions(lib, image_id)[other] is not None


def test_contains_x_and_y_filter(qtbot, window, pictures):
    gallery, image_id = _one_image(qtbot, window, pictures)
    lib, names = window.session.lib, gallery.characters.names()
    first = _chars(lib, image_id)[0]
    second = next(n for n in names if n != first)
    window.session.toggle_character([image_id], second)
    filters = gallery.filters
    assert filters.also.isEnabled() is False
    filters.set_character(first)
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 6)
    assert filters.also.isEnabled()
    filters.also.setCurrentIndex(filters.also.findData(second))
    qtbot.waitUntil(lambda: gallery.model.ids() == [image_id])
    filters.set_character(None)
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 22)


def test_faces_are_detected_off_the_gui_thread_and_drawn(qtbot, threaded_window, tmp_path, monkeypatch):
    import threading

    from animeid_desktop.core.demo import synthetic, synthetic_groups
    from animeid_desktop.core.library.importer import import_paths
    from animeid_desktop.core.media.face_detection import FaceDetector

    threads = []
    detect = FaceDetector.detect_prepared
    monkeypatch.setattr(FaceDetector, "detect_prepared",
                        lambda self, grey: threads.append(threading.current_thread()) or detect(self, grey))
    synthetic_groups.write_group_shots(tmp_path / "group", 1, synthetic.make_specs(3), size=384, seed=1)
    window = threaded_window
    import_paths(window.session.lib, [str(tmp_path / "group")])
    window.session.imagesChanged.emit()
    gallery = window.go_to("gallery")
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 1)
    _select_rows(gallery.view, [0])
    image_id = gallery.model.id_at(0)
    boxes = gallery.detail.boxes
    qtbot.waitUntil(lambda: image_id in boxes.faces, timeout=30000)
    assert threads and threading.main_thread() not in threads
    assert boxes.faces[image_id] and gallery.detail.preview.faces == boxes.faces[image_id]  # drawn, dashed
    assert "found" in gallery.detail.box_hint.text()
