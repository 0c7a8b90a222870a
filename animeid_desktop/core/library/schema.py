"""Library schema as an ordered list of migrations, applied by ``PRAGMA user_version``.

Migration N brings a database from ``user_version == N - 1`` to ``N``. Never edit a released
migration: append a new one.
"""

from __future__ import annotations

import sqlite3
from typing import List

_V1 = """
        CREATE TABLE images (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL,
            byte_size INTEGER NOT NULL,
            format TEXT NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'missing', 'broken')),
            added_at TEXT NOT NULL
        );
        CREATE INDEX idx_images_path ON images(path);
        CREATE TABLE characters (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            series TEXT,
            colour TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE attribute_defs (
            id INTEGER PRIMARY KEY,
            character_id INTEGER NOT NULL REFERENCES characters(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('bool', 'choice', 'text')),
            choices TEXT,
            UNIQUE (character_id, key)
        );
        CREATE TABLE labels (
            image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
            character_id INTEGER NOT NULL REFERENCES characters(id) ON DELETE CASCADE,
            source TEXT NOT NULL CHECK (source IN ('manual', 'imported', 'confirmed')),
            labelled_at TEXT NOT NULL
        );
        CREATE INDEX idx_labels_character ON labels(character_id);
        CREATE TABLE attribute_values (
            image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            attr_id INTEGER NOT NULL REFERENCES attribute_defs(id) ON DELETE CASCADE,
            value TEXT NOT NULL,
            PRIMARY KEY (image_id, attr_id)
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT
        );
"""


_V2 = """
        CREATE TABLE training_runs (
            id TEXT PRIMARY KEY,
            model TEXT NOT NULL,
            mode TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
            created_at TEXT NOT NULL,
            finished_at TEXT,
            classes TEXT,
            pretrained INTEGER,
            best_val_acc REAL,
            final_val_acc REAL,
            seconds REAL,
            path TEXT,
            parent_run_id TEXT,
            metrics TEXT
        );
        CREATE TABLE predictions (
            image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            run_id TEXT NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
            rank INTEGER NOT NULL,
            character TEXT NOT NULL,
            score REAL NOT NULL,
            unknown INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            PRIMARY KEY (image_id, run_id, rank)
        );
        CREATE INDEX idx_predictions_run ON predictions(run_id, rank);
"""


# Remember where an image was first seen and which file names it had, so moved files can be
# re-linked by content hash and the original folder structure can be explained.
_V3 = """
        ALTER TABLE images ADD COLUMN original_name TEXT;
        UPDATE images SET original_name = path;
"""


# Curation: the latest grouping of unlabelled images (so "name cluster 3" means what was shown) and
# the user's decisions on near-duplicate pairs (by content hash, so they survive moves).
_V4 = """
        CREATE TABLE clusters (
            id INTEGER PRIMARY KEY,
            scope TEXT NOT NULL,
            similarity REAL NOT NULL,
            looks_like TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE cluster_members (
            cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
            image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            rank INTEGER NOT NULL,
            PRIMARY KEY (cluster_id, image_id)
        );
        CREATE TABLE duplicate_reviews (
            sha_a TEXT NOT NULL,
            sha_b TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('keep_all', 'not_duplicate')),
            reviewed_at TEXT NOT NULL,
            PRIMARY KEY (sha_a, sha_b)
        );
"""


# Several characters per image (decision 0009): labels keyed by (image, character), each with an
# optional region (normalised 0..1 box) and where the box came from. Every single label is copied over
# with its source and time; attribute values already belong to (image, attribute of a character).
_V5 = """
        CREATE TABLE labels_v5 (
            image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            character_id INTEGER NOT NULL REFERENCES characters(id) ON DELETE CASCADE,
            source TEXT NOT NULL CHECK (source IN ('manual', 'imported', 'confirmed')),
            labelled_at TEXT NOT NULL,
            x0 REAL,
            y0 REAL,
            x1 REAL,
            y1 REAL,
            box_source TEXT CHECK (box_source IN ('user', 'detector')),
            PRIMARY KEY (image_id, character_id),
            CHECK ((box_source IS NULL AND x0 IS NULL AND y0 IS NULL AND x1 IS NULL AND y1 IS NULL)
                   OR (box_source IS NOT NULL AND 0 <= x0 AND x0 < x1 AND x1 <= 1
                       AND 0 <= y0 AND y0 < y1 AND y1 <= 1))
        );
        INSERT INTO labels_v5(image_id, character_id, source, labelled_at)
            SELECT image_id, character_id, source, labelled_at FROM labels;
        DROP TABLE labels;
        ALTER TABLE labels_v5 RENAME TO labels;
        CREATE INDEX idx_labels_character ON labels(character_id);
"""


# What each detected face of a library image was recognised as (issue 16): one row per face and run, its box
# (normalised 0..1) and top answer; "unknown" faces are kept (they say "somebody else is here").
_V6 = """
        CREATE TABLE face_predictions (
            image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            run_id TEXT NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
            face INTEGER NOT NULL,
            x0 REAL NOT NULL,
            y0 REAL NOT NULL,
            x1 REAL NOT NULL,
            y1 REAL NOT NULL,
            character TEXT NOT NULL,
            score REAL NOT NULL,
            unknown INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            PRIMARY KEY (image_id, run_id, face)
        );
        CREATE INDEX idx_face_predictions_run ON face_predictions(run_id, character);
"""


MIGRATIONS: List[str] = [_V1, _V2, _V3, _V4, _V5, _V6]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every pending migration, each in its own transaction; return the final version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"library schema version {version} is newer than this program supports "
            f"({SCHEMA_VERSION}); update AnimeID Desktop"
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        # One script per migration so that its statements and the version bump commit together
        # (sqlite3's executescript would commit an outer transaction first).
        script = f"BEGIN IMMEDIATE;\n{MIGRATIONS[number - 1]}\nPRAGMA user_version = {number};\nCOMMIT;"
        try:
            conn.executescript(script)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
