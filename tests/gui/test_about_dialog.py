"""Help → About is built from the Qt Designer form in ui/ and shows live facts."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from animeid_desktop import __version__
from animeid_desktop.gui.about_dialog import about_dialog, ui_dir


def test_about_form_exists_and_shows_version_library_and_device(qtbot, tmp_path):
    assert (ui_dir() / "about_dialog.ui").is_file()
    dialog = about_dialog(None, str(tmp_path), "cpu")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "About AnimeID Desktop"
    assert dialog.findChild(QLabel, "versionValue").text() == __version__
    assert dialog.findChild(QLabel, "libraryValue").text() == str(tmp_path)
    assert dialog.findChild(QLabel, "deviceValue").text() == "cpu"
    assert "PyTorch" in dialog.findChild(QLabel, "runtimeValue").text()


def test_a_missing_form_is_named_in_the_error(monkeypatch, tmp_path):
    import pytest

    from animeid_desktop.gui import about_dialog as mod

    monkeypatch.setattr(mod, "ui_dir", lambda: tmp_path)
    with pytest.raises(FileNotFoundError, match="about_dialog.ui"):
        mod.load_form("about_dialog")
