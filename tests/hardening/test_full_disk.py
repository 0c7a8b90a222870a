"""A full disk while saving a model or writing labels: the previous state survives, errors are clear."""

from __future__ import annotations

import pytest

from animeid_desktop.core.engine.model_files import save_model
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.labels import add_character, set_labels
from animeid_desktop.core.media.files import atomic_write
from tests.hardening.fulldisk import full_disk_trial, injected_enospc, leftovers, loads_as, model


def test_atomic_write_on_a_full_disk_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "meta.json"
    target.write_bytes(b"old")
    with injected_enospc(after_bytes=10), pytest.raises(OSError, match="No space"):
        atomic_write(target, b"x" * 100)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_a_model_save_that_runs_out_of_space_leaves_the_previous_model_loadable(tmp_path):
    old_tensors, old_meta = model(5, 50, 1)
    save_model(tmp_path / "run_old", old_tensors, old_meta)
    new_tensors, new_meta = model(7, 500, 2)
    for target in ("run_old", "run_new"):  # over the old model (worst case) and into a new run folder
        with injected_enospc(), pytest.raises(OSError):
            save_model(tmp_path / target, new_tensors, new_meta)
    assert loads_as(tmp_path / "run_old", 5, old_tensors)
    assert leftovers(tmp_path) == []


def test_sqlite_disk_full_is_a_clear_user_error_and_the_connection_stays_usable(tmp_path, monkeypatch):
    import sqlite3

    lib = Library.open(tmp_path / "lib")
    with lib.write() as conn:
        conn.execute("INSERT INTO images(sha256, path, byte_size, format, width, height, status, added_at) "
                     "VALUES (?, '/x.png', 1, 'png', 1, 1, 'ok', 'now')", ("a" * 64,))
    add_character(lib, "aoi")
    add_character(lib, "rin")
    set_labels(lib, [1], "aoi")
    with pytest.raises(UserError, match="disk holding the library .* is full"):
        with lib.write() as conn:
            conn.execute("UPDATE labels SET character_id = 2")
            raise sqlite3.OperationalError("database or disk is full")
    assert not lib.connection().in_transaction
    assert lib.scalar("SELECT c.name FROM labels l JOIN characters c ON c.id = l.character_id") == "aoi"
    set_labels(lib, [1], "rin")  # later writes commit normally
    other = sqlite3.connect(lib.db_path)
    assert other.execute("SELECT character_id FROM labels").fetchone()[0] == 2
    other.close()
    lib.close()


def test_full_disk_trial(tmp_path):
    """Real tmpfs when running as root, injected ENOSPC otherwise."""
    result = full_disk_trial(tmp_path)
    assert result["previous_loads"] and result["temp_leftovers"] == 0 and result["integrity"] == 0
    assert "run_old: ENOSPC" in result["save_errors"] and "run_new: ENOSPC" in result["save_errors"]
    if result["method"].startswith("tmpfs"):
        assert "disk holding the library" in result["save_errors"]
        assert result["labels_after"] == "100 x before"  # the failed label write changed nothing
        assert result["writes_after_space_freed"] == 110
