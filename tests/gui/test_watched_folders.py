"""Settings → Watched Folders: pictures dropped into a watched folder are imported by the running app,
problems are listed, and what arrived while the app was closed is imported at the next start."""

from __future__ import annotations

from pathlib import Path

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.library import labels as L


def _picture(path: Path, seed: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    synthetic.make_image(seed % 3, image_seed=seed, size=40)[0].save(path)
    return path


def _labels(lib) -> dict:
    return {r["path"]: r["character"] for r in L.labelled_images(lib)}


def test_watched_folder_is_imported_while_the_app_runs_and_after_a_restart(qtbot, tmp_path, answers,
                                                                          threaded_window):
    from animeid_desktop.gui.app import create_window
    from animeid_desktop.gui.jobs import JobRunner

    window, inbox = threaded_window, tmp_path / "inbox"
    first = _picture(inbox / "rin" / "a.png", 1)
    window.show_watched_folders()
    dialog = window.watched_dialog
    answers.folders.append(str(inbox))
    dialog.add_folder()
    assert [dialog.folders.item(i).text() for i in range(dialog.folders.count())] == [str(inbox)]
    lib = window.session.lib
    qtbot.waitUntil(lambda: _labels(lib) == {str(first): "rin"}, timeout=20000)

    second = _picture(inbox / "aoba" / "b.png", 2)
    (inbox / "broken.png").write_bytes(b"\x89PNG cut short")
    qtbot.waitUntil(lambda: str(second) in _labels(lib) and bool(window.watcher.problems), timeout=20000)
    assert _labels(lib)[str(second)] == "aoba"
    assert [Path(p).name for p, _reason in window.watcher.problems] == ["broken.png"]
    assert dialog.problems.rowCount() == 1 and dialog.problems.item(0, 0).text() == str(inbox / "broken.png")
    window.close()

    third = _picture(inbox / "rin" / "c.png", 3)  # arrives while the app is closed
    again = create_window(str(lib.root), runner=JobRunner())
    qtbot.addWidget(again)
    try:
        qtbot.waitUntil(lambda: str(third) in _labels(again.session.lib), timeout=20000)
        again.show_watched_folders()
        again.watched_dialog.folders.setCurrentRow(0)
        again.watched_dialog.remove_folder()
        assert again.watched_dialog.folders.count() == 0 and again.session.watched_folders() == []
    finally:
        again.close()
