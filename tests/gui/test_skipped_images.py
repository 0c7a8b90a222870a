"""Never shrink a training set silently: the Training page and the Health page show the images a run skipped.

The library has 3 synthetic characters x 6 labelled pictures; one labelled file is truncated after
the import, so a run can use 17 of 18 (1/18 skipped: above the 5% warning share).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.library.runs import SKIPPED_WARN_SHARE

FAST = {"epochs": 3, "image_size": 64}


@pytest.fixture
def damaged_window(qtbot, tmp_path, answers):
    """A window (real worker threads) on a library whose first labelled file was truncated after the import."""
    from animeid_desktop.gui.app import create_window, make_app
    from animeid_desktop.gui.jobs import JobRunner

    synthetic.write_folder(tmp_path / "pictures", n_characters=3, per_character=6, size=64, seed=3)
    lib = Library.open(tmp_path / "library")
    import_paths(lib, [tmp_path / "pictures"])
    damaged = L.labelled_images(lib)[0]
    lib.close()
    data = Path(damaged["path"]).read_bytes()
    Path(damaged["path"]).write_bytes(data[: len(data) // 3])
    make_app()
    window = create_window(str(tmp_path / "library"), runner=JobRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    yield window, damaged
    window.close()


def _train(qtbot, page):
    qtbot.waitUntil(lambda: page.models_ready, timeout=120000)
    page.form.epochs.setValue(FAST["epochs"])
    page.form.image_size.setValue(FAST["image_size"])
    job = page.start()
    qtbot.waitUntil(lambda: not job.running, timeout=300000)
    assert job.state == "succeeded", job.error
    return job.result


def test_training_warns_about_skipped_images_and_health_lists_them(qtbot, damaged_window):
    window, damaged = damaged_window
    page = window.go_to("training")
    result = _train(qtbot, page)
    assert [s.path for s in result.skipped] == [damaged["path"]] and result.labelled_count == 18

    # the Training page: a prominent warning with the count, and the list with path and reason
    banner = page.results.skipped
    assert banner.isVisibleTo(page) and banner.warns and 1 / 18 > SKIPPED_WARN_SHARE
    assert "Warning: 1 of 18 labelled images (6%) was not used for training" in banner.text.text()
    assert result.skipped[0].reason in banner.text.text()
    assert "1 labelled image(s) skipped" in page.progress.stage.text()
    dialog = banner.show_list()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == damaged["path"]
    assert dialog.table.item(0, 1).text() == result.skipped[0].reason
    dialog.close()

    # a share below the threshold is still said, without the warning; a stored run shows it too
    page.results.show_result(replace(result, labelled_count=100))
    assert banner.isVisibleTo(page) and not banner.warns and "Warning" not in banner.text.text()
    assert "1 of 100 labelled images (1%) was not used" in banner.text.text()
    page.result = None
    page.show_run(result.run_id)
    assert banner.isVisibleTo(page) and banner.warns and banner.skipped == result.skipped

    # the Dataset health page lists it; double-click shows it in the gallery, Remove labels unlabels it
    qtbot.mouseClick(banner.health_button, Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "health"
    health = window.pages["health"]
    panel = health.skipped
    qtbot.waitUntil(lambda: panel.isVisibleTo(health) and panel.table.rowCount() == 1, timeout=60000)
    assert panel.table.item(0, 0).text() == damaged["path"]
    assert panel.table.item(0, 1).text() == damaged["character"]
    assert panel.table.item(0, 2).text() == result.skipped[0].reason
    warnings = [health.warnings.item(n).text() for n in range(health.warnings.count())]
    assert any("could not use 1 labelled image" in w for w in warnings)
    assert not panel.unlabel_button.isEnabled()  # nothing selected yet
    panel.table.cellDoubleClicked.emit(0, 0)
    assert window.current_page_key() == "gallery"
    gallery = window.pages["gallery"]
    qtbot.waitUntil(lambda: gallery.model.ids() == [damaged["id"]])
    window.go_to("health")
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.unlabel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.isVisibleTo(health), timeout=60000)
    assert damaged["id"] not in {r["id"] for r in L.labelled_images(window.session.lib)}
