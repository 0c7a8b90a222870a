"""Importer: folder layout -> labels, content sniffing, bad files, dedupe, relinking, cancel, safety."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import importer
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.library.labels import add_character, list_characters, set_labels
from animeid_desktop.core.media.thumbnails import ensure_thumbnail
from tests.core.badfiles import write_bad_files


def _counts(lib) -> dict:
    return {c["name"]: c["images"] for c in list_characters(lib)}


def _label_of(lib, image_id):
    return lib.query(
        "SELECT c.name, l.source FROM labels l JOIN characters c ON c.id = l.character_id WHERE l.image_id = ?",
        (image_id,),
    )


@pytest.fixture
def synth(tmp_path) -> tuple[Path, dict]:
    root = tmp_path / "art"
    written = synthetic.write_folder(root, n_characters=3, per_character=4, size=48, seed=3, unlabelled=2)
    return root, written


@pytest.fixture
def plain(tmp_path) -> Path:
    """12 labelled images (3 characters x 4) and no side files."""
    root = tmp_path / "plain"
    synthetic.write_folder(root, n_characters=3, per_character=4, size=48, seed=4, attrs_file=False)
    return root


def test_subfolders_become_characters_and_loose_files_stay_unlabelled(library, synth):
    root, written = synth
    report = import_paths(library, [root])
    names = [n for n in written if n]
    assert report.added == 14 and report.labelled == 12 and report.duplicates == 0
    assert report.skipped == []  # attributes.json and unlabelled_truth.json are silent side files
    assert _counts(library) == {n: 4 for n in names}
    assert len(report.image_ids) == 14 and report.unlabelled_loose == 2
    loose = {os.path.abspath(p) for p in written[""]}
    rows = library.query("SELECT i.path FROM images i LEFT JOIN labels l ON l.image_id = i.id WHERE l.image_id IS NULL")
    assert {r["path"] for r in rows} == loose
    labels = library.query("SELECT DISTINCT source FROM labels")
    assert labels == [{"source": "imported"}]


def test_reimport_is_idempotent(library, synth):
    root, _ = synth
    first = import_paths(library, [root])
    before = library.query("SELECT * FROM images ORDER BY id")
    again = import_paths(library, [root])
    assert (again.added, again.labelled, again.duplicates) == (0, 0, 14)
    assert sorted(again.image_ids) == sorted(first.image_ids)
    assert library.query("SELECT * FROM images ORDER BY id") == before


def test_bad_files_are_named_and_good_ones_kept(library, tmp_path):
    expected = write_bad_files(tmp_path / "bad")
    report = import_paths(library, [tmp_path / "bad"])
    skipped = {Path(p).name: reason.lower() for p, reason in report.skipped}
    rows = {Path(r["path"]).name: r for r in library.query("SELECT * FROM images")}
    for name, exp in expected.items():
        if exp.outcome == "skip":
            assert name in skipped, f"{name} should be reported"
            assert exp.reason in skipped[name], (name, skipped[name])
            assert name not in rows
        elif exp.outcome == "ok":
            assert name in rows, f"{name} should be imported, got: {skipped.get(name)}"
            assert rows[name]["format"] == exp.format, name
            if exp.size:
                assert (rows[name]["width"], rows[name]["height"]) == exp.size, name
            # what imports must also make a thumbnail (a reduced-scale decode, unlike the import's)
            thumb = ensure_thumbnail(tmp_path / "thumbs", rows[name]["sha256"], rows[name]["path"])
            assert thumb.stat().st_size > 0, name
        else:
            assert name not in rows and name not in skipped, name
    assert report.added == sum(e.outcome == "ok" for e in expected.values()) == len(rows)
    assert set(skipped) == {n for n, e in expected.items() if e.outcome == "skip"}


def test_content_decides_format_not_extension(library, tmp_path):
    img, _ = synthetic.make_image(0, size=40)
    img.save(tmp_path / "photo.jpg", "PNG")
    report = import_paths(library, [tmp_path / "photo.jpg"])
    assert report.added == 1
    assert library.scalar("SELECT format FROM images") == "png"


def test_unicode_folder_and_file_names(library, tmp_path):
    folder = tmp_path / "收藏" / "缇宝"
    folder.mkdir(parents=True)
    synthetic.make_image(1, size=40)[0].save(folder / "可爱な絵.png")
    report = import_paths(library, [tmp_path / "收藏"])
    assert report.labelled == 1
    assert _counts(library) == {"缇宝": 1}
    assert library.scalar("SELECT path FROM images") == str(folder / "可爱な絵.png")


def test_decomposed_folder_names_are_normalised(library, tmp_path):
    for i, name in enumerate(["Ame\u0301lie", "Am\u00e9lie_2"]):
        (tmp_path / "root" / name).mkdir(parents=True)
        synthetic.make_image(i, size=40)[0].save(tmp_path / "root" / name / "a.png")
    import_paths(library, [tmp_path / "root"])
    assert set(_counts(library)) == {"Am\u00e9lie", "Am\u00e9lie_2"}


def test_same_content_twice_in_one_import_is_one_row_and_a_conflict(library, tmp_path):
    img, _ = synthetic.make_image(2, size=40)
    for name in ("alice", "bob"):
        (tmp_path / "r" / name).mkdir(parents=True)
        img.save(tmp_path / "r" / name / "same.png")
    report = import_paths(library, [tmp_path / "r"])
    assert (report.added, report.duplicates, report.labelled) == (1, 1, 1)
    assert len(report.conflicts) == 1 and "alice" in report.conflicts[0][1]
    assert library.scalar("SELECT COUNT(*) FROM images") == 1
    assert _label_of(library, report.image_ids[0]) == [{"name": "alice", "source": "imported"}]


def test_reimport_never_overwrites_a_manual_label(library, synth):
    root, written = synth
    report = import_paths(library, [root])
    first_name = [n for n in written if n][0]
    add_character(library, "someone_else")
    image_id = library.scalar("SELECT id FROM images WHERE path = ?", (os.path.abspath(written[first_name][0]),))
    set_labels(library, [image_id], "someone_else", source="manual")
    again = import_paths(library, [root])
    assert _label_of(library, image_id) == [{"name": "someone_else", "source": "manual"}]
    assert [Path(p).name for p, _ in again.conflicts] == [written[first_name][0].name]
    assert again.labelled == 0 and report.labelled == 12


def test_loose_duplicate_of_unlabelled_image_gets_label_from_character_option(library, synth):
    root, written = synth
    import_paths(library, [root])
    loose = written[""][0]
    report = import_paths(library, [loose], character="picked")
    assert (report.added, report.duplicates, report.labelled) == (0, 1, 1)
    assert _label_of(library, report.image_ids[0]) == [{"name": "picked", "source": "imported"}]


def test_character_option_labels_a_whole_tree(library, synth):
    root, _ = synth
    report = import_paths(library, [root], character="everyone")
    assert report.labelled == 14
    assert _counts(library) == {"everyone": 14}


def test_non_recursive_stops_below_character_folders(library, tmp_path):
    deep = tmp_path / "r" / "kana" / "sketches"
    deep.mkdir(parents=True)
    synthetic.make_image(0, size=40)[0].save(tmp_path / "r" / "kana" / "top.png")
    synthetic.make_image(1, size=40)[0].save(deep / "deep.png")
    assert import_paths(library, [tmp_path / "r"], recursive=False).added == 1
    report = import_paths(library, [tmp_path / "r"])
    assert (report.added, report.labelled) == (1, 1)
    assert _counts(library) == {"kana": 2}


def test_moved_file_is_relinked(library, tmp_path):
    (tmp_path / "a").mkdir()
    synthetic.make_image(0, size=40)[0].save(tmp_path / "a" / "x.png")
    first = import_paths(library, [tmp_path / "a" / "x.png"])
    (tmp_path / "b").mkdir()
    shutil.move(tmp_path / "a" / "x.png", tmp_path / "b" / "y.png")
    with library.write() as conn:
        conn.execute("UPDATE images SET status = 'missing'")
    second = import_paths(library, [tmp_path / "b"])
    assert second.image_ids == first.image_ids and second.relinked == 1 and second.added == 0
    row = library.query("SELECT path, status, original_name FROM images")[0]
    assert row == {"path": str(tmp_path / "b" / "y.png"), "status": "ok",
                   "original_name": str(tmp_path / "a" / "x.png")}


def test_copy_elsewhere_keeps_the_original_path(library, tmp_path):
    synthetic.make_image(0, size=40)[0].save(tmp_path / "x.png")
    import_paths(library, [tmp_path / "x.png"])
    shutil.copy(tmp_path / "x.png", tmp_path / "copy.png")
    report = import_paths(library, [tmp_path / "copy.png"])
    assert (report.duplicates, report.relinked) == (1, 0)
    assert library.scalar("SELECT path FROM images") == str(tmp_path / "x.png")


def test_file_changed_in_place_marks_the_old_row_missing(library, tmp_path):
    path = tmp_path / "x.png"
    synthetic.make_image(0, size=40)[0].save(path)
    import_paths(library, [path])
    synthetic.make_image(1, size=40)[0].save(path)
    assert import_paths(library, [path]).added == 1
    rows = library.query("SELECT status FROM images ORDER BY id")
    assert [r["status"] for r in rows] == ["missing", "ok"]


def test_cancel_keeps_what_was_done_and_a_rerun_finishes(library, plain, monkeypatch):
    root = plain
    monkeypatch.setattr(importer, "BATCH_SIZE", 3)
    calls = []
    report = import_paths(library, [root], on_progress=lambda d, t, m="": calls.append((d, t)),
                          should_stop=lambda: len(calls) > 5)
    assert report.cancelled
    assert report.added == 5  # stopped right after the 5th file; the partial batch was committed
    assert library.scalar("SELECT COUNT(*) FROM images") == 5
    assert calls[-1] == (5, 12)
    rest = import_paths(library, [root])
    assert not rest.cancelled and (rest.added, rest.duplicates) == (7, 5)
    assert library.scalar("SELECT COUNT(*) FROM images") == 12


def test_crash_mid_import_loses_at_most_the_open_batch(library, plain, monkeypatch):
    root = plain
    monkeypatch.setattr(importer, "BATCH_SIZE", 4)

    def explode(done, total, message=""):
        if done == 7:
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        import_paths(library, [root], on_progress=explode)
    assert library.scalar("SELECT COUNT(*) FROM images") == 4  # one committed batch, nothing half-written
    assert library.scalar("SELECT COUNT(*) FROM labels l LEFT JOIN images i ON i.id = l.image_id "
                          "WHERE i.id IS NULL") == 0
    assert import_paths(library, [root]).added == 8


def test_missing_path_is_a_user_error_before_anything_is_written(library, synth):
    root, _ = synth
    with pytest.raises(UserError, match="no such file or folder"):
        import_paths(library, [root, root / "nope"])
    assert library.scalar("SELECT COUNT(*) FROM images") == 0


def test_hidden_side_and_unknown_files(library, tmp_path):
    (tmp_path / ".cache").mkdir()
    synthetic.make_image(0, size=40)[0].save(tmp_path / ".cache" / "a.png")
    (tmp_path / "Thumbs.db").write_bytes(b"\x00" * 10)
    (tmp_path / "readme.txt").write_text("hi")
    (tmp_path / "song.mp3").write_bytes(b"ID3" + b"\x00" * 40)
    report = import_paths(library, [tmp_path])
    assert report.added == 0
    assert [(Path(p).name, "not an image" in r) for p, r in report.skipped] == [("song.mp3", True)]


def test_library_cache_is_never_imported(library):
    library.thumbs_dir.mkdir(parents=True, exist_ok=True)
    synthetic.make_image(0, size=40)[0].save(library.thumbs_dir / "t.png")
    (library.root / "pics").mkdir()
    synthetic.make_image(1, size=40)[0].save(library.root / "pics" / "p.png")
    report = import_paths(library, [library.root])
    assert report.added == 1 and _counts(library) == {"pics": 1}


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlink_loop_is_reported_not_followed_forever(library, tmp_path):
    char = tmp_path / "r" / "mio"
    char.mkdir(parents=True)
    synthetic.make_image(0, size=40)[0].save(char / "a.png")
    os.symlink(char, char / "loop")
    os.symlink(tmp_path / "nowhere.png", char / "dangling.png")
    report = import_paths(library, [tmp_path / "r"])
    reasons = {Path(p).name: r for p, r in report.skipped}
    assert report.added == 1
    assert "symlink loop" in reasons["loop"] and "broken link" in reasons["dangling.png"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_special_files_do_not_hang(library, tmp_path):
    os.mkfifo(tmp_path / "pipe.png")
    report = import_paths(library, [tmp_path])
    assert [(Path(p).name, r) for p, r in report.skipped] == [("pipe.png", "not a regular file")]


def test_unreadable_file_is_reported(library, tmp_path, monkeypatch):
    synthetic.make_image(0, size=40)[0].save(tmp_path / "locked.png")
    synthetic.make_image(1, size=40)[0].save(tmp_path / "fine.png")
    real_open = open

    def guarded_open(path, *args, **kwargs):  # chmod 000 does not stop root, so refuse like the OS would
        if str(path).endswith("locked.png"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(importer, "open", guarded_open, raising=False)
    report = import_paths(library, [tmp_path])
    assert report.added == 1
    assert [(Path(p).name, r) for p, r in report.skipped] == [("locked.png", "cannot read file (Permission denied)")]


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs a filesystem that accepts any bytes")
def test_file_name_that_is_not_utf8(library, tmp_path):
    name = os.fsencode(tmp_path) + b"/bad\xff.png"
    synthetic.make_image(0, size=40)[0].save(os.fsdecode(name), "PNG")
    report = import_paths(library, [tmp_path])
    assert report.added == 0
    assert len(report.skipped) == 1 and "not valid UTF-8" in report.skipped[0][1]
    report.skipped[0][0].encode("utf-8")  # printable


def test_progress_reports_every_file(library, synth):
    root, _ = synth
    seen = []
    import_paths(library, [root], on_progress=lambda d, t, m="": seen.append((d, t)))
    # 14 images + 2 JSON side files are looked at; the side files are then ignored silently
    assert seen[0] == (0, 0) and seen[-1] == (16, 16)
    assert [d for d, _ in seen[1:]] == list(range(1, 17))


@pytest.mark.dataset
def test_newgame8_counts_and_reimport(library, newgame8):
    report = import_paths(library, [newgame8])
    assert report.skipped == [] and report.added == 494
    assert sorted(_counts(library).values(), reverse=True) == [112, 95, 95, 70, 62, 28, 16, 16]
    again = import_paths(library, [newgame8])
    assert (again.added, again.labelled, again.duplicates) == (0, 0, 494)


def test_overlapping_paths_examine_each_file_once_and_keep_its_folder_label(library, plain):
    first = sorted(p for p in plain.iterdir() if p.is_dir())[0]
    report = import_paths(library, [first, plain])
    assert (report.added, report.duplicates, report.labelled) == (12, 0, 12)
    assert _counts(library)[first.name] == 4


def test_blank_character_option_is_refused(library, plain):
    with pytest.raises(UserError, match="non-empty"):
        import_paths(library, [plain], character="  ")


def test_unreadable_folder_is_reported(library, plain, monkeypatch):
    locked = sorted(p for p in plain.iterdir() if p.is_dir())[1]
    real_scandir = os.scandir

    def guarded_scandir(path):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    report = import_paths(library, [plain])
    assert report.added == 8
    assert report.skipped == [(str(locked), "cannot open folder (permission denied)")]
