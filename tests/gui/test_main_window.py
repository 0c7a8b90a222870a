"""Main window: pages, menus with shortcuts, status bar, settings, library switching, self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

from animeid_desktop.gui import settings

ROOT = Path(__file__).resolve().parents[2]


def _actions(menu):
    out = {}
    for action in menu.actions():
        if action.menu():
            out.update(_actions(action.menu()))
        elif action.text():
            out[action.text().replace("&", "")] = action
    return out


def test_pages_menus_and_shortcuts(window):
    keys = [spec.key for spec in window.specs]
    assert keys[:4] == ["gallery", "suggestions", "training", "recognition"]
    actions = {}
    for top in window.menuBar().actions():
        actions.update(_actions(top.menu()))
    for text, shortcut in (("Open Library…", QKeySequence.StandardKey.Open), ("Import Folder…", "Ctrl+I"),
                           ("Undo", QKeySequence.StandardKey.Undo), ("Export Labels (seed files)…", "Ctrl+E"),
                           ("Gallery", "Ctrl+1"), ("Training", "Ctrl+3")):
        assert text in actions, sorted(actions)
        assert not actions[text].shortcut().isEmpty()
        if isinstance(shortcut, str):
            assert actions[text].shortcut() == QKeySequence(shortcut)
    actions["Training"].trigger()
    assert window.current_page_key() == "training"
    assert not window.undo_action.isEnabled()
    assert "0 images" in window.library_label.text() and "no model" in window.model_label.text()


def test_window_state_and_recent_libraries(qtbot, window, tmp_path, answers):
    window.go_to("recognition")
    window.save_state()
    stored = settings.app_settings().value("window/geometry")
    assert stored is not None and not stored.isEmpty()
    other = tmp_path / "second"
    answers.folders.append(str(other))
    window.new_library()
    assert window.session.lib.root == other and "second" in window.windowTitle()
    assert settings.recent_libraries()[:2] == [str(other), str(tmp_path / "library")]

    from animeid_desktop.gui.app import create_window

    again = create_window()
    qtbot.addWidget(again)
    again.restore_state()  # (the offscreen screen is 800x600, so the size itself is clamped)
    assert again.current_page_key() == "recognition"
    assert again.session.lib is None and settings.last_library() == str(other)
    # the library is locked by the first window: a second window gets a clear message
    assert not again.open_library(other)
    assert answers.errors and "already open" in answers.errors[-1]
    again.close()


def test_export_labels_and_folders(qtbot, window, pictures, answers, tmp_path):
    from animeid_desktop.core.library.importer import import_paths

    import_paths(window.session.lib, [pictures])
    seed = tmp_path / "seed"
    answers.folders.append(str(seed))
    window.export_seed()
    assert (seed / "role_index_mapping.json").is_file() and (seed / "character_attributes.json").is_file()
    folders = tmp_path / "by-character"
    answers.folders.append(str(folders))
    window.export_folders()
    qtbot.waitUntil(lambda: window.last_dialog.close_button.isVisible())
    assert "Copied 18 images" in window.last_dialog.summary.text()
    assert len(list(folders.glob("*/*.png"))) == 18


def test_self_test_flag_opens_every_page():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"], capture_output=True, text=True,
                         timeout=600, env=env, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "self-test: ok" in out.stdout and "Gallery" in out.stdout and "Training" in out.stdout


def test_every_listed_page_module_loads_and_a_misspelt_one_fails(monkeypatch):
    from animeid_desktop.gui import pages

    assert [s.key for s in pages.page_specs()][:4] == ["gallery", "suggestions", "training", "recognition"]
    assert len(pages.page_specs()) == len(pages.PAGE_MODULES)
    monkeypatch.setattr(pages, "PAGE_MODULES", [*pages.PAGE_MODULES, "galery_page"])
    with pytest.raises(ModuleNotFoundError, match="galery_page"):
        pages.page_specs()
