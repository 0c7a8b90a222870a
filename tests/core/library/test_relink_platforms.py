"""Paths written on another machine: Windows drives and ``\\`` separators, case-insensitive file systems.

Relinking matches files by content hash, so a stored path's spelling never matters; each test
asserts what this machine's file system does with the stored path first.
"""

from __future__ import annotations

import os

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.library.relink import mark_missing, relink


def _paths(lib) -> dict:
    return {r["sha256"]: r["path"] for r in lib.query("SELECT sha256, path FROM images")}


def _import(library, root):
    synthetic.write_folder(root, n_characters=2, per_character=3, size=40, seed=11, attrs_file=False)
    assert import_paths(library, [root]).added == 6
    return _paths(library)


def _store(library, paths: dict) -> None:
    with library.write() as conn:
        conn.executemany("UPDATE images SET path = ? WHERE sha256 = ?", [(p, sha) for sha, p in paths.items()])


def test_a_library_moved_from_a_windows_drive_is_relinked_by_content(library, tmp_path):
    real = _import(library, tmp_path / "photos")
    windows = {sha: "D:\\Pictures\\Anime\\" + "\\".join(p.split(os.sep)[-2:]) for sha, p in real.items()}
    _store(library, windows)
    scan = mark_missing(library)  # on POSIX a backslash is an ordinary character of a name: no such file
    assert scan.missing == 6 and sorted(p for _i, p in scan.newly_missing) == sorted(windows.values())
    report = relink(library, [tmp_path / "photos"])
    assert len(report.relinked) == 6 and report.still_missing == 0
    assert _paths(library) == real  # the stored spelling did not matter, the content did
    assert {old for _i, old, _new in report.relinked} == set(windows.values())


def test_a_path_stored_in_another_case_is_found_on_any_file_system(library, tmp_path):
    real = _import(library, tmp_path / "photos")
    probe = tmp_path / "Probe.txt"
    probe.write_text("x", encoding="utf-8")
    case_insensitive = (tmp_path / "PROBE.TXT").exists()  # Windows and macOS defaults; not Linux
    shouted = {sha: os.path.join(os.path.dirname(p), os.path.basename(p).upper()) for sha, p in real.items()}
    _store(library, shouted)
    scan = mark_missing(library)
    assert scan.missing == (0 if case_insensitive else 6)
    report = relink(library, [tmp_path / "photos"])
    assert report.still_missing == 0
    assert len(report.relinked) == (0 if case_insensitive else 6)
    assert _paths(library) == (shouted if case_insensitive else real)
