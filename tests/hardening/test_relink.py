"""Moved and missing files: marked missing (never deleted), found again by content, labels kept."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from animeid_desktop.cli import main as cli_main
from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.library.integrity import check_library, database_problems
from animeid_desktop.core.library.labels import (
    attribute_values,
    define_attribute,
    labelled_images,
    set_attribute_values,
)
from animeid_desktop.core.library.relink import mark_missing, missing_images, relink


@pytest.fixture
def collection(tmp_path, library):
    """A library with 3 characters x 4 images imported from ``tmp_path/photos``."""
    root = tmp_path / "photos"
    synthetic.write_folder(root, n_characters=3, per_character=4, size=48, seed=3, attrs_file=False)
    report = import_paths(library, [root])
    assert report.added == 12 and report.labelled == 12
    return library, root


def _labels(lib):
    return {r["sha256"]: r["character"] for r in lib.query(
        "SELECT i.sha256, c.name AS character FROM labels l JOIN images i ON i.id = l.image_id "
        "JOIN characters c ON c.id = l.character_id")}


def test_vanished_files_are_marked_missing_not_deleted_and_come_back(collection):
    lib, root = collection
    before = _labels(lib)
    victim = sorted(root.rglob("*.png"))[0]
    parked = victim.with_suffix(".parked")
    victim.rename(parked)
    scan = mark_missing(lib)
    assert [p for _i, p in scan.newly_missing] == [str(victim)]
    assert scan.missing == 1 and scan.checked == 12
    assert lib.scalar("SELECT COUNT(*) FROM images") == 12  # nothing deleted
    assert _labels(lib) == before  # the label is still there
    assert len(labelled_images(lib)) == 11  # training only sees files that exist
    assert mark_missing(lib).newly_missing == []  # idempotent
    parked.rename(victim)
    scan = mark_missing(lib)
    assert [p for _i, p in scan.back] == [str(victim)] and scan.missing == 0
    assert len(labelled_images(lib)) == 12


def test_a_file_replaced_by_other_content_is_missing_and_does_not_come_back_unverified(collection):
    lib, root = collection
    victim = sorted(root.rglob("*.png"))[0]
    victim.write_bytes(b"different content now")
    assert mark_missing(lib).missing == 1
    assert mark_missing(lib).back == []  # the file at the path is not this image


def test_relink_finds_a_moved_collection_by_content_and_keeps_labels_and_attributes(collection, tmp_path):
    lib, root = collection
    name = lib.query("SELECT name FROM characters ORDER BY name LIMIT 1")[0]["name"]
    define_attribute(lib, name, "glasses", "bool")
    some_id = lib.scalar("SELECT image_id FROM labels l JOIN characters c ON c.id = l.character_id WHERE c.name = ?",
                         (name,))
    set_attribute_values(lib, [some_id], name, {"glasses": "yes"})
    before = _labels(lib)
    moved = tmp_path / "new disk" / "my art"
    moved.parent.mkdir()
    shutil.move(str(root), str(moved))
    (moved / "renamed").mkdir()
    first = sorted(moved.rglob("*.png"))[0]
    (moved / "unrelated.png").write_bytes(first.read_bytes()[:-1] + b"\x00")  # same size, other content
    first.rename(moved / "renamed" / "new name.png")  # renamed as well as moved

    report = relink(lib, [moved.parent])
    assert report.missing_before == 12
    assert len(report.relinked) == 12 and report.still_missing == 0
    assert report.files_hashed >= 12 and report.files_seen == 13
    paths = {r["path"] for r in lib.query("SELECT path FROM images")}
    assert all(p.startswith(str(moved)) for p in paths)
    assert str(moved / "renamed" / "new name.png") in paths
    assert _labels(lib) == before
    assert attribute_values(lib, some_id) == {"glasses": "1"}
    assert database_problems(lib) == []
    assert relink(lib, [moved]).relinked == []  # nothing left to do


def test_relink_reports_what_it_could_not_find(collection, tmp_path):
    lib, root = collection
    gone = sorted(root.rglob("*.png"))[:2]
    for p in gone:
        p.unlink()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    report = relink(lib, [elsewhere])
    assert report.relinked == [] and report.still_missing == 2
    assert sorted(r["path"] for r in missing_images(lib)) == sorted(str(p) for p in gone)
    with pytest.raises(UserError, match="no such folder"):
        relink(lib, [tmp_path / "nope"])


def test_relink_can_be_cancelled_and_keeps_what_it_found(collection, tmp_path):
    lib, root = collection
    moved = tmp_path / "moved"
    shutil.move(str(root), str(moved))
    seen = {"files": 0}

    def progress(done, total, message=""):
        seen["files"] = done

    report = relink(lib, [moved], on_progress=progress, should_stop=lambda: seen["files"] >= 5)
    assert report.cancelled
    assert 0 < len(report.relinked) < 12
    assert lib.scalar("SELECT COUNT(*) FROM images WHERE status = 'ok'") == len(report.relinked)
    assert len(relink(lib, [moved]).relinked) == 12 - len(report.relinked)


def test_check_library_on_a_healthy_and_a_damaged_database(collection):
    lib, root = collection
    report = check_library(lib)
    assert report.ok and report.images == 12 and report.labelled == 12 and report.files.missing == 0
    assert report.unfinished_runs == []
    with lib.write() as conn:  # what a training process killed mid-run leaves behind
        conn.execute("INSERT INTO training_runs(id, model, mode, status, created_at) "
                     "VALUES ('r1', 'mobilenet_v2', 'head', 'running', 'now')")
    assert check_library(lib, scan_files=False).unfinished_runs == ["r1"]
    with lib.write() as conn:  # simulate damage a bug or an old version could leave
        conn.execute("PRAGMA foreign_keys = OFF")
    conn = lib.connection()
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO labels(image_id, character_id, source, labelled_at) VALUES (9999, 1, 'manual', 'x')")
    conn.execute("PRAGMA foreign_keys = ON")
    problems = database_problems(lib)
    assert any("foreign keys" in p for p in problems)
    assert any("labels on images that do not exist" in p for p in problems)
    assert not check_library(lib, scan_files=False).ok


def test_cli_check_and_relink(collection, tmp_path, capsys):
    lib, root = collection
    moved = tmp_path / "moved"
    shutil.move(str(root), str(moved))
    assert cli_main(["check", "--library", str(lib.root), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] and out["files"]["missing"] == 12 and len(out["files"]["newly_missing"]) == 12
    assert cli_main(["check", "--library", str(lib.root)]) == 0
    assert "animeid relink" in capsys.readouterr().out
    assert cli_main(["relink", str(moved), "--library", str(lib.root)]) == 0
    assert "relinked 12 of 12" in capsys.readouterr().out
    assert cli_main(["relink", str(tmp_path / "nope"), "--library", str(lib.root)]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert cli_main(["check", "--library", str(tmp_path / "no-library")]) == 2
    assert not os.path.exists(tmp_path / "no-library" / "library.sqlite")
