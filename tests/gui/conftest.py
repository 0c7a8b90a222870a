"""GUI test fixtures: offscreen Qt, settings in a temp folder, non-blocking dialogs, windows.

``window`` runs jobs synchronously (:class:`SyncJobRunner`) so tests are deterministic;
``threaded_window`` uses the real QThread runner for tests that wait on signals.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from animeid_desktop.core.demo import synthetic


@pytest.fixture(autouse=True)
def temp_settings(tmp_path):
    """QSettings go to a temporary INI file, never the user's."""
    from animeid_desktop.gui import settings

    settings.use_settings_dir(tmp_path / "qsettings")
    yield
    settings.use_settings_dir(None)


@pytest.fixture
def answers(monkeypatch):
    """Replace every modal dialog: messages are recorded, questions answered from queues."""
    from animeid_desktop.gui import dialogs

    a = SimpleNamespace(errors=[], infos=[], texts=[], choices=[], confirm=True, folders=[], files=[], saves=[])
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message, title="": a.errors.append(message))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, message, title="": a.infos.append(message))
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kw: a.confirm)
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kw: a.texts.pop(0) if a.texts else None)
    monkeypatch.setattr(dialogs, "ask_choice", lambda *args, **kw: a.choices.pop(0) if a.choices else None)
    monkeypatch.setattr(dialogs, "open_folder", lambda *args, **kw: a.folders.pop(0) if a.folders else None)
    monkeypatch.setattr(dialogs, "open_files", lambda *args, **kw: a.files.pop(0) if a.files else [])
    monkeypatch.setattr(dialogs, "save_file", lambda *args, **kw: a.saves.pop(0) if a.saves else None)
    return a


@pytest.fixture
def pictures(tmp_path) -> Path:
    """Three synthetic characters (6 labelled pictures each, in subfolders) plus 4 loose ones."""
    root = tmp_path / "pictures"
    synthetic.write_folder(root, n_characters=3, per_character=6, size=64, unlabelled=4, seed=3)
    return root


def _window(qtbot, tmp_path, runner):
    from animeid_desktop.gui.app import create_window, make_app

    make_app()
    window = create_window(str(tmp_path / "library"), runner=runner)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, tmp_path, answers):
    """A main window on an empty library; jobs run synchronously."""
    from animeid_desktop.gui.jobs import SyncJobRunner

    w = _window(qtbot, tmp_path, SyncJobRunner())
    yield w
    w.close()


@pytest.fixture
def threaded_window(qtbot, tmp_path, answers):
    """A main window on an empty library; jobs run on QThreads like in the app."""
    from animeid_desktop.gui.jobs import JobRunner

    w = _window(qtbot, tmp_path, JobRunner())
    yield w
    w.close()
