"""Library: schema and migrations, WAL and foreign keys, the single writer, and the labelling API."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.folder import DB_NAME, Library, utcnow
from animeid_desktop.core.library.schema import MIGRATIONS, SCHEMA_VERSION, migrate

TABLES = {"images", "characters", "attribute_defs", "labels", "attribute_values", "settings", "training_runs",
          "predictions"}


def _add_images(lib: Library, n: int, start: int = 0) -> list[int]:
    with lib.write() as conn:
        return [
            conn.execute(
                "INSERT INTO images(sha256, path, byte_size, format, width, height, added_at, original_name) "
                "VALUES (?, ?, 1, 'png', 8, 8, ?, ?)",
                (f"{i:064x}", f"/pics/{i}.png", utcnow(), f"/pics/{i}.png"),
            ).lastrowid
            for i in range(start, start + n)
        ]


def _old_database(path, version: int) -> None:
    """A database as an older release left it, with one image, character and label."""
    conn = sqlite3.connect(path, isolation_level=None)
    for number in range(1, version + 1):
        conn.executescript(f"BEGIN;\n{MIGRATIONS[number - 1]}\nPRAGMA user_version = {number};\nCOMMIT;")
    conn.execute("INSERT INTO images(id, sha256, path, byte_size, format, width, height, added_at) "
                 "VALUES (1, 'ab', '/old/a.png', 3, 'png', 4, 4, '2024-01-01T00:00:00+00:00')")
    conn.execute("INSERT INTO characters(id, name, created_at) VALUES (1, 'kana', '2024-01-01')")
    conn.execute("INSERT INTO labels VALUES (1, 1, 'manual', '2024-01-01')")
    conn.close()


# ------------------------------------------------------------------ schema and connections
def test_new_library_has_current_schema(library):
    assert library.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
    names = {r["name"] for r in library.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert TABLES <= names
    assert (library.root / DB_NAME).is_file() and library.cache_dir.is_dir() and library.models_dir.is_dir()


@pytest.mark.parametrize("version", [1, 2])
def test_old_databases_upgrade_and_keep_their_data(tmp_path, version):
    (tmp_path / "old").mkdir()
    _old_database(tmp_path / "old" / DB_NAME, version)
    lib = Library.open(tmp_path / "old")
    assert lib.schema_version() == SCHEMA_VERSION
    rows = lib.query("SELECT path, original_name FROM images")
    assert rows == [{"path": "/old/a.png", "original_name": "/old/a.png"}]
    assert L.labelled_images(lib)[0]["character"] == "kana"
    assert lib.scalar("SELECT COUNT(*) FROM training_runs") == 0
    lib.close()
    assert Library.open(tmp_path / "old").schema_version() == SCHEMA_VERSION  # idempotent


def test_newer_database_is_refused(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.sqlite", isolation_level=None)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="newer"):
        migrate(conn)


def test_failed_migration_leaves_the_old_version(tmp_path, monkeypatch):
    from animeid_desktop.core.library import schema

    conn = sqlite3.connect(tmp_path / "x.sqlite", isolation_level=None)
    monkeypatch.setattr(schema, "MIGRATIONS", [MIGRATIONS[0], "CREATE TABLE broken (;"])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not conn.in_transaction


def test_wal_and_foreign_keys_are_on(library):
    assert library.scalar("PRAGMA journal_mode") == "wal"
    assert library.scalar("PRAGMA foreign_keys") == 1
    with pytest.raises(sqlite3.IntegrityError):
        with library.write() as conn:
            conn.execute("INSERT INTO labels(image_id, character_id, source, labelled_at) "
                         "VALUES (999, 999, 'manual', 'now')")


def test_deleting_an_image_cascades_to_labels_and_values(library):
    (image,) = _add_images(library, 1)
    L.add_character(library, "rin")
    L.define_attribute(library, "rin", "glasses", "bool")
    L.set_labels(library, [image], "rin")
    L.set_attribute_values(library, [image], "rin", {"glasses": "yes"})
    with library.write() as conn:
        conn.execute("DELETE FROM images WHERE id = ?", (image,))
    assert library.scalar("SELECT COUNT(*) FROM labels") == 0
    assert library.scalar("SELECT COUNT(*) FROM attribute_values") == 0


def test_write_rolls_back_as_a_whole_and_is_reentrant(library):
    with pytest.raises(ValueError):
        with library.write():
            _add_images(library, 2)  # nested write joins the outer transaction
            raise ValueError("boom")
    assert library.scalar("SELECT COUNT(*) FROM images") == 0


def test_readers_see_committed_data_while_a_writer_is_open(library):
    _add_images(library, 1)
    seen = []
    with library.write():
        _add_images(library, 1, start=1)
        t = threading.Thread(target=lambda: seen.append(library.scalar("SELECT COUNT(*) FROM images")))
        t.start()
        t.join()
    assert seen == [1]  # WAL: the reader is not blocked and does not see uncommitted rows
    assert library.scalar("SELECT COUNT(*) FROM images") == 2


def test_unreadable_library_is_a_user_error(tmp_path):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / DB_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(UserError, match="cannot open library"):
        Library.open(tmp_path / "bad")
    (tmp_path / "file").write_text("x")
    with pytest.raises(UserError, match="is a file"):
        Library.open(tmp_path / "file")
    with pytest.raises(UserError, match="no library"):
        Library.open(tmp_path / "absent", create=False)


def test_settings_round_trip(library):
    assert library.get_setting("k", "d") == "d"
    library.set_setting("k", "v1")
    library.set_setting("k", "v2")
    assert library.get_setting("k") == "v2"


# ------------------------------------------------------------------ labels and undo
def test_set_labels_and_undo_redo(library):
    ids = _add_images(library, 3)
    L.add_character(library, "kana")
    L.add_character(library, "rin")
    L.set_labels(library, ids[:1], "rin")
    change = L.set_labels(library, ids, "kana")
    assert change.count == 3 and change.before[ids[0]][0].character_id == L.character_id(library, "rin")
    assert {r["character"] for r in L.labelled_images(library)} == {"kana"}
    L.apply_label_state(library, change.before)  # undo
    assert [r["character"] for r in L.labelled_images(library)] == ["rin"]
    L.apply_label_state(library, change.after)  # redo
    assert len(L.labelled_images(library)) == 3
    cleared = L.clear_labels(library, ids[1:])
    assert [r["id"] for r in L.labelled_images(library)] == ids[:1]
    L.apply_label_state(library, cleared.before)
    assert len(L.labelled_images(library)) == 3


def test_unknown_character_and_source_are_refused(library):
    ids = _add_images(library, 1)
    with pytest.raises(UserError, match="unknown character 'ghost'"):
        L.set_labels(library, ids, "ghost")
    L.add_character(library, "kana")
    with pytest.raises(ValueError):
        L.set_labels(library, ids, "kana", source="guess")
    with pytest.raises(UserError):
        L.add_character(library, "   ")


def test_add_character_is_idempotent_and_colours_differ(library):
    a = L.add_character(library, "kana")
    assert L.add_character(library, " kana ") == a
    L.add_character(library, "rin")
    colours = [c["colour"] for c in L.list_characters(library)]
    assert len(set(colours)) == 2


def test_list_characters_counts_only_present_images(library):
    ids = _add_images(library, 3)
    L.add_character(library, "kana")
    L.add_character(library, "empty")
    L.set_labels(library, ids, "kana")
    with library.write() as conn:
        conn.execute("UPDATE images SET status = 'missing' WHERE id = ?", (ids[0],))
    assert {c["name"]: c["images"] for c in L.list_characters(library)} == {"empty": 0, "kana": 2}


def test_rename_merge_delete(library):
    ids = _add_images(library, 4)
    for name in ("a", "b", "c"):
        L.add_character(library, name)
    L.define_attribute(library, "a", "glasses", "bool")
    L.define_attribute(library, "b", "glasses", "bool")
    L.define_attribute(library, "a", "mood", "text")
    L.set_labels(library, ids[:2], "a")
    L.set_labels(library, ids[2:3], "b")
    L.set_labels(library, ids[3:], "c")
    L.set_attribute_values(library, ids[:1], "a", {"glasses": "no", "mood": "calm"})
    with pytest.raises(UserError, match="exists already"):
        L.rename_character(library, "a", "b")
    L.rename_character(library, "a", "alpha")
    assert L.character_id(library, "a") is None
    moved = L.merge_characters(library, "alpha", "b")
    assert moved == 2
    assert {c["name"]: c["images"] for c in L.list_characters(library)} == {"b": 3, "c": 1}
    assert {d["key"] for d in L.attribute_defs(library, "b")} == {"glasses", "mood"}
    assert L.attribute_values(library, ids[0]) == {"glasses": "0", "mood": "calm"}
    assert L.delete_character(library, "c") == 1
    assert library.scalar("SELECT COUNT(*) FROM images") == 4  # images stay, unlabelled
    assert library.scalar("SELECT COUNT(*) FROM labels WHERE image_id = ?", (ids[3],)) == 0


def test_attributes_are_validated(library):
    ids = _add_images(library, 1)
    L.add_character(library, "kana")
    L.define_attribute(library, "kana", "outfit", "choice", ["school", "casual"])
    L.define_attribute(library, "kana", "glasses", "bool")
    with pytest.raises(UserError, match="must be one of"):
        L.set_attribute_values(library, ids, "kana", {"outfit": "armour"})
    with pytest.raises(UserError, match="yes/no"):
        L.set_attribute_values(library, ids, "kana", {"glasses": "maybe"})
    with pytest.raises(UserError, match="no attribute 'hat'"):
        L.set_attribute_values(library, ids, "kana", {"hat": "1"})
    with pytest.raises(UserError, match="--choices"):
        L.define_attribute(library, "kana", "mood", "choice")
    with pytest.raises(UserError, match="type must be"):
        L.define_attribute(library, "kana", "mood", "number")
    L.set_attribute_values(library, ids, "kana", {"outfit": "casual", "glasses": "Yes"})
    assert L.attribute_values(library, ids[0]) == {"outfit": "casual", "glasses": "1"}


def test_rename_and_delete_attribute(library):
    ids = _add_images(library, 1)
    L.add_character(library, "kana")
    L.define_attribute(library, "kana", "glasses", "bool")
    L.define_attribute(library, "kana", "hat", "bool")
    L.set_attribute_values(library, ids, "kana", {"glasses": "1"})
    L.rename_attribute(library, "kana", "glasses", "specs")
    assert L.attribute_values(library, ids[0]) == {"specs": "1"}
    with pytest.raises(UserError, match="exists already"):
        L.rename_attribute(library, "kana", "specs", "hat")
    with pytest.raises(UserError, match="no attribute"):
        L.rename_attribute(library, "kana", "nope", "other")
    L.delete_attribute(library, "kana", "specs")
    assert L.attribute_values(library, ids[0]) == {}


def test_image_ids_for_paths(library, tmp_path):
    (image,) = _add_images(library, 1)
    assert L.image_ids_for_paths(library, ["/pics/0.png"]) == [image]
    with pytest.raises(UserError, match="not in the library"):
        L.image_ids_for_paths(library, [str(tmp_path / "other.png")])


def test_query_in_and_execute_in_cover_every_chunk(library):
    from animeid_desktop.core.library.folder import IN_CHUNK, execute_in

    ids = _add_images(library, IN_CHUNK * 2 + 7)
    wanted = ids[1::2]  # more than one chunk, every other id
    rows = library.query_in("SELECT id FROM images WHERE status = ? AND id IN ({marks})", wanted, ("ok",))
    assert sorted(r["id"] for r in rows) == wanted
    with library.write() as conn:
        counts = execute_in(conn, "SELECT COUNT(*) FROM images WHERE id IN ({marks})", wanted)
        execute_in(conn, "DELETE FROM images WHERE id IN ({marks})", wanted)
    assert sum(n for (n,) in counts) == len(wanted) and len(counts) == 2
    assert [r["id"] for r in library.query("SELECT id FROM images ORDER BY id")] == ids[0::2]
    assert library.query_in("SELECT id FROM images WHERE id IN ({marks})", []) == []
