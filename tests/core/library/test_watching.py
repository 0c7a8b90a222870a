"""Watched folders: the list, the catch-up at start and the live watcher, on generated pictures."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library import watching
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.watching import (
    EVENT_DELAY_S,
    add_watched_folder,
    catch_up,
    remove_watched_folder,
    watch,
    watched_folders,
)


def _picture(path: Path, seed: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    synthetic.make_image(seed % 3, image_seed=seed, size=40)[0].save(path)
    return path


def _labels(lib) -> dict:
    """Every ok image's path and character ('' when unlabelled)."""
    labelled = {r["path"]: r["character"] for r in L.labelled_images(lib)}
    return {r["path"]: labelled.get(r["path"], "") for r in lib.query("SELECT path FROM images WHERE status = 'ok'")}


@pytest.fixture
def inbox(tmp_path, library) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    add_watched_folder(library, folder)
    return folder


def test_the_list_lives_in_the_library(library, tmp_path, inbox):
    assert add_watched_folder(library, inbox).path == str(inbox)  # twice: still one entry
    assert [f.path for f in watched_folders(Library(library.root))] == [str(inbox)]
    with pytest.raises(UserError, match="no such folder"):
        add_watched_folder(library, tmp_path / "nowhere")
    with pytest.raises(UserError, match="inside the library folder"):
        add_watched_folder(library, library.cache_dir)
    remove_watched_folder(library, inbox)
    assert watched_folders(library) == []
    with pytest.raises(UserError, match="not a watched folder; 'animeid watch list'"):
        remove_watched_folder(library, inbox)


def test_catch_up_imports_labels_and_reports_then_examines_only_what_changed(library, inbox):
    rin = _picture(inbox / "rin" / "a.png", 1)
    loose = _picture(inbox / "b.png", 2)
    (inbox / "broken.jpg").write_bytes(b"not a picture")
    time.sleep(0.05)  # a clock tick: files as old as the scan's start are read again, to be safe
    report = catch_up(library)
    assert _labels(library) == {str(rin): "rin", str(loose): ""}
    assert [(Path(p).name, "not an image" in r) for p, r in report.skipped] == [("broken.jpg", True)]

    assert catch_up(library).files == 0  # nothing new: nothing read, the bad file not reported again

    # Arrivals while the app was closed, one of them moved in with an old modification time.
    later = _picture(inbox / "rin" / "c.png", 3)
    old = _picture(inbox / "aoba" / "d.png", 4)
    os.utime(old, (1e9, 1e9))
    _picture(loose, 5)  # the loose file changed content
    report = catch_up(library)
    assert report.files == 3 and report.skipped == []
    assert _labels(library) == {str(rin): "rin", str(loose): "", str(later): "rin", str(old): "aoba"}


def test_a_missing_watched_folder_is_reported_and_kept(library, inbox):
    inbox.rmdir()
    report = catch_up(library)
    [(path, reason)] = report.skipped
    assert path == str(inbox) and "reconnect it or remove it" in reason
    assert [f.path for f in watched_folders(library)] == [str(inbox)]


def _wait_for(condition, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "the watcher did not import the files in time"
        time.sleep(0.1)


def test_live_watcher_imports_new_files_and_skips_its_own_library(tmp_path):
    inbox = tmp_path / "inbox"
    lib = Library.open(inbox / "library")  # the library lies inside the watched folder
    add_watched_folder(lib, inbox)
    early = _picture(inbox / "loose.png", 0)
    reports, stop = [], threading.Event()

    def run():
        own = Library(lib.root)  # each thread its own connection
        try:
            watch(own, on_report=reports.append, should_stop=stop.is_set, quiet_s=0.3, poll_s=0.05)
        finally:
            own.close()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        _wait_for(lambda: reports)  # the catch-up of the first round
        new = _picture(inbox / "hifumi" / "new.png", 6)
        (inbox / "hifumi" / "bad.png").write_bytes(b"\x89PNG but cut short")
        _wait_for(lambda: str(new) in _labels(lib) and any(r.skipped for r in reports))
        time.sleep(EVENT_DELAY_S + 0.5)  # past the safety margin of the stop's scan record
    finally:
        stop.set()
        thread.join(30)
    assert _labels(lib) == {str(early): "", str(new): "hifumi"}
    skipped = [(Path(p).name, reason) for r in reports for p, reason in r.skipped]
    assert [name for name, _reason in skipped] == ["bad.png"]
    assert not any(str(lib.root) in p for r in reports for p, _ in r.skipped)
    assert catch_up(lib).files == 0  # a clean stop records the scan: the next start reads nothing
    lib.close()


def test_a_new_folder_waits_for_its_files_and_takes_them_along(tmp_path, monkeypatch):
    from watchdog.events import DirCreatedEvent, FileClosedEvent, FileCreatedEvent

    clock = [100.0]
    monkeypatch.setattr(watching.time, "monotonic", lambda: clock[0])
    folder, first, second = tmp_path / "hifumi", tmp_path / "hifumi" / "a.png", tmp_path / "hifumi" / "b.png"
    collector = watching._Collector(str(tmp_path / "library"))
    collector.on_any_event(DirCreatedEvent(str(folder)))
    collector.on_any_event(FileCreatedEvent(str(first)))
    clock[0] += 0.5
    collector.on_any_event(FileClosedEvent(str(second)))  # still being written when the folder is quiet
    clock[0] += 0.2
    assert collector.due(0.3) == []  # the folder waits for b.png; a.png waits for its folder
    clock[0] += 0.2
    assert collector.due(0.3) == [str(folder)]  # one import scans both files, once
    assert not collector.waiting()
    collector.on_any_event(FileCreatedEvent(str(tmp_path / "loose.png")))
    clock[0] += 0.5
    assert collector.due(0.3) == [str(tmp_path / "loose.png")]
