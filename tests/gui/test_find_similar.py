"""Gallery context menu "Find similar": a background job, a dialog of scored matches, shown in the gallery."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from tests.gui.test_gallery_tagging import _import


def test_find_similar_from_the_context_menu(qtbot, threaded_window, pictures):
    window = threaded_window
    _import(qtbot, window, pictures)
    gallery = window.go_to("gallery")
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 22)
    index = gallery.model.index(0)
    gallery.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    query = gallery.model.id_at(0)
    actions = {a.text(): a for a in gallery.context_menu().actions()}
    actions["Find similar"].trigger()
    qtbot.waitUntil(lambda: gallery.similar_dialog is not None, timeout=120000)
    dialog = gallery.similar_dialog
    assert dialog.result.image_id == query and dialog.isVisible()
    scores = [float(dialog.table.item(r, 0).text()) for r in range(dialog.table.rowCount())]
    assert len(scores) == 10 and scores == sorted(scores, reverse=True) and scores[0] > 0
    matched = [int(dialog.table.item(r, 1).text()) for r in range(dialog.table.rowCount())]
    assert query not in matched
    dialog.show_button.click()
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 11)
    assert set(gallery.filters.explicit_ids) == {query, *matched}
    assert gallery.filters.chip.text() == f"Similar to image {query}"


def test_no_menu_without_a_selection(window):
    assert window.go_to("gallery").context_menu() is None
