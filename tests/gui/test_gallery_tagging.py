"""Open a library, import through a drop, label with keys / clicks / drag, undo and redo."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from animeid_desktop.core.library.labels import attribute_values
from tests.gui.helpers import drop_mime, drop_urls


def _labels(lib):
    return {r["id"]: r["name"] for r in lib.query(
        "SELECT i.id, c.name FROM images i LEFT JOIN labels l ON l.image_id = i.id "
        "LEFT JOIN characters c ON c.id = l.character_id")}


def _import(qtbot, window, pictures):
    drop_urls(window, [pictures])
    qtbot.waitUntil(lambda: window.last_dialog is not None and window.last_dialog.report is not None, timeout=20000)
    return window.last_dialog.report


def _select_rows(view, rows):
    model, sel = view.model(), view.selectionModel()
    sel.clearSelection()
    for r in rows:
        sel.select(model.index(r), QItemSelectionModel.SelectionFlag.Select)
    sel.setCurrentIndex(model.index(rows[0]), QItemSelectionModel.SelectionFlag.NoUpdate)


def test_drop_import_then_label_with_keys_and_undo(qtbot, window, pictures):
    report = _import(qtbot, window, pictures)
    assert (report.added, report.labelled, report.skipped) == (22, 18, [])
    assert "Added 22 images" in window.last_dialog.summary.text()
    gallery = window.go_to("gallery")
    lib = window.session.lib
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 22)
    names = gallery.characters.names()
    assert len(names) == 3 and names == sorted(names)
    assert "22 images" in window.library_label.text()

    gallery.filters.set_status("unlabelled")
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 4)
    first = gallery.model.id_at(0)
    _select_rows(gallery.view, [0])
    gallery.view.setFocus()
    qtbot.keyClick(gallery.view, Qt.Key.Key_2)
    assert _labels(lib)[first] == names[1]
    assert gallery.model.rowCount() == 3  # labelled images leave the "unlabelled" view
    assert gallery.view.selected_ids() == [gallery.model.id_at(0)]  # moved on to the next image

    window.undo_action.trigger()
    assert _labels(lib)[first] is None and gallery.model.rowCount() == 4
    window.redo_action.trigger()
    assert _labels(lib)[first] == names[1]

    # bulk: select all remaining, key 1, then a single undo restores all three
    rest = gallery.model.ids()
    gallery.view.selectAll()
    qtbot.keyClick(gallery.view, Qt.Key.Key_1)
    assert {_labels(lib)[i] for i in rest} == {names[0]}
    assert "add " in window.undo_action.text() and "3 image(s)" in window.undo_action.text()
    window.undo_action.trigger()
    assert {_labels(lib)[i] for i in rest} == {None}
    # 0 clears a label, undoably
    gallery.filters.set_status("all")
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 22)
    labelled_id = gallery.model.id_at(0)
    _select_rows(gallery.view, [0])
    qtbot.keyClick(gallery.view, Qt.Key.Key_0)
    assert _labels(lib)[labelled_id] is None
    window.undo_action.trigger()
    assert _labels(lib)[labelled_id] is not None


def test_click_and_drag_onto_character(qtbot, window, pictures):
    _import(qtbot, window, pictures)
    gallery = window.go_to("gallery")
    lib = window.session.lib
    gallery.filters.set_status("unlabelled")
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 4)
    ids = gallery.model.ids()
    panel = gallery.characters
    target = panel.names()[2]

    _select_rows(gallery.view, [0, 1])
    item_rect = panel.list.visualItemRect(panel.list.item(2))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=item_rect.center())
    assert [_labels(lib)[i] for i in ids[:2]] == [target, target]

    # drag the other two thumbnails onto the first character
    remaining = gallery.model.ids()
    _select_rows(gallery.view, [0, 1])
    mime = gallery.model.mimeData(gallery.view.selectionModel().selectedIndexes())
    drop_mime(panel.list.viewport(), mime, panel.list.visualItemRect(panel.list.item(0)).center())
    assert [_labels(lib)[i] for i in remaining] == [panel.names()[0]] * 2
    # the counts in the list follow
    counts = {panel.list.item(n).text(): panel.list.item(n).data(Qt.ItemDataRole.UserRole + 2) for n in range(3)}
    assert counts[target] == 8 and counts[panel.names()[0]] == 8


def test_attributes_and_character_management(qtbot, window, pictures, answers):
    _import(qtbot, window, pictures)
    gallery = window.go_to("gallery")
    session, lib = window.session, window.session.lib
    name = gallery.characters.names()[0]
    session.define_attribute(name, "glasses", "bool")
    session.define_attribute(name, "outfit", "choice", ["school", "casual"])
    gallery.show_character(name)
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 6)
    _select_rows(gallery.view, [0, 1])
    ids = gallery.view.selected_ids()
    editor = gallery.detail.attributes
    qtbot.waitUntil(lambda: set(editor.editors) == {"glasses", "outfit"})
    editor.editors["glasses"].click()
    assert [attribute_values(lib, i).get("glasses") for i in ids] == ["1", "1"]
    combo = editor.editors["outfit"]
    combo.setCurrentIndex(combo.findData("casual"))
    combo.activated.emit(combo.currentIndex())
    assert [attribute_values(lib, i).get("outfit") for i in ids] == ["casual", "casual"]
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert [attribute_values(lib, i) for i in ids] == [{}, {}]

    # rename, merge and delete from the panel (dialogs answered by the fixture)
    panel = gallery.characters
    panel.list.setCurrentRow(0)
    answers.texts.append("renamed_one")
    panel.rename_current()
    assert "renamed_one" in panel.names()
    panel.list.setCurrentRow(panel.names().index("renamed_one"))
    other = [n for n in panel.names() if n != "renamed_one"][0]
    answers.choices.append(other)
    panel.merge_current()
    assert "renamed_one" not in panel.names()
    assert sum(1 for v in _labels(lib).values() if v == other) == 12
    panel.list.setCurrentRow(panel.names().index(other))
    panel.delete_current()
    assert other not in panel.names() and not window.undo_action.isEnabled()
    assert answers.errors == []


def test_a_group_shot_shows_all_its_characters(qtbot, window, pictures):
    from animeid_desktop.core.library import image_characters as IC

    _import(qtbot, window, pictures)
    gallery = window.go_to("gallery")
    lib = window.session.lib
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 22)
    names = gallery.characters.names()
    shot = gallery.model.id_at(0)
    IC.set_characters(lib, [shot], names[:2])
    window.session.labelsChanged.emit([shot])
    _select_rows(gallery.view, [0])
    qtbot.waitUntil(lambda: gallery.detail.label_text.text().replace("\u200b", "").startswith(f"{names[0]}+{names[1]}"))
    gallery.filters.set_status("unlabelled")
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 4)
    assert shot not in gallery.model.ids()
    gallery.filters.set_status("group_shots")
    qtbot.waitUntil(lambda: gallery.model.ids() == [shot])
    gallery.filters.set_character(names[1])
    qtbot.waitUntil(lambda: gallery.model.ids() == [shot])
