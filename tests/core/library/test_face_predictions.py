"""Stored face answers: the schema upgrade from version 5 keeps every label, box and prediction."""

from __future__ import annotations

import sqlite3

from animeid_desktop.core.library import image_characters as IC
from animeid_desktop.core.library.face_predictions import store_face_predictions
from animeid_desktop.core.library.folder import DB_NAME, Library
from animeid_desktop.core.library.gallery_query import suggested_labels
from animeid_desktop.core.library.label_state import Region
from animeid_desktop.core.library.schema import MIGRATIONS, SCHEMA_VERSION

T = "2024-01-02T00:00:00+00:00"


def _version5_library(root) -> None:
    """A library as schema version 5 left it: a group shot with a boxed label, a run and its predictions."""
    root.mkdir()
    conn = sqlite3.connect(root / DB_NAME, isolation_level=None)
    for number in range(1, 6):
        conn.executescript(f"BEGIN;\n{MIGRATIONS[number - 1]}\nPRAGMA user_version = {number};\nCOMMIT;")
    for n in (1, 2):
        conn.execute("INSERT INTO images(id, sha256, path, byte_size, format, width, height, added_at) "
                     "VALUES (?, ?, ?, 3, 'png', 4, 4, ?)", (n, f"{n:064x}", f"/old/{n}.png", T))
    conn.executemany("INSERT INTO characters(id, name, created_at) VALUES (?, ?, ?)", [(1, "aoi", T), (2, "kou", T)])
    conn.execute("INSERT INTO labels VALUES (1, 1, 'manual', ?, 0.1, 0.2, 0.4, 0.6, 'user')", (T,))
    conn.execute("INSERT INTO labels(image_id, character_id, source, labelled_at) VALUES (1, 2, 'confirmed', ?)", (T,))
    conn.execute("INSERT INTO training_runs(id, model, mode, status, created_at) VALUES ('r1', 'm', 'head', 'done', ?)",
                 (T,))
    conn.execute("INSERT INTO predictions VALUES (2, 'r1', 1, 'kou', 0.8, 0, ?)", (T,))
    conn.close()


class _Face:
    def __init__(self, box, name, score):
        self.box, self.top, self.unknown = box, ((name, score),), False


def test_upgrade_from_version_5_keeps_labels_boxes_and_predictions(tmp_path):
    _version5_library(tmp_path / "old")
    lib = Library.open(tmp_path / "old")
    assert lib.schema_version() == SCHEMA_VERSION == 6
    chars = {c.name: c for c in IC.image_characters(lib, 1)}
    assert chars["aoi"].region == Region(0.1, 0.2, 0.4, 0.6, source="user") and chars["aoi"].source == "manual"
    assert chars["kou"].region is None and chars["kou"].source == "confirmed" and chars["kou"].labelled_at == T
    assert [s.character for s in suggested_labels(lib, [2], "r1")[2]] == ["kou"]
    # the new table takes faces and goes with its image
    faces = [_Face((0.0, 0.0, 0.5, 0.5), "aoi", 0.9), _Face((0.5, 0.0, 1.0, 0.5), "kou", 0.7)]
    store_face_predictions(lib, "r1", {2: faces})
    assert [s.character for s in suggested_labels(lib, [2], "r1")[2]] == ["aoi", "kou"]
    with lib.write() as conn:
        conn.execute("DELETE FROM images WHERE id = 2")
    assert lib.scalar("SELECT COUNT(*) FROM face_predictions") == 0
    lib.close()
