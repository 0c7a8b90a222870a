"""A content-addressed cache: ``sha256 -> values`` in one SQLite table (WAL: many readers, one writer).

The embedding cache and the perceptual-hash cache are both this, each with its own table and value
columns (their names are those of the files already on users' disks).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Dict, Mapping, Optional, Sequence, Tuple

_CHUNK = 500  # hashes per "IN (...)" list; old SQLite builds allow 999 parameters


class ContentCache:
    """Rows of ``columns`` keyed by content hash in table ``table`` of the SQLite file ``path``."""

    def __init__(self, path: str | os.PathLike, *, table: str, columns: Mapping[str, str],
                 descriptor: Optional[dict] = None) -> None:
        """``columns`` maps each value column to its SQL type, e.g. ``{"vec": "BLOB NOT NULL"}``; a
        ``descriptor`` (what made the values) is kept once in a ``meta`` table for whoever reads the file."""
        self.path = Path(path)
        self.table = table
        self.columns = tuple(columns)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        declared = ", ".join(f"{name} {kind}" for name, kind in columns.items())
        with contextlib.closing(self.connect()) as conn:
            conn.execute(f"CREATE TABLE IF NOT EXISTS {table} (sha256 TEXT PRIMARY KEY, {declared})")
            if descriptor is not None:
                conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
                if descriptor:
                    conn.execute("INSERT OR IGNORE INTO meta VALUES ('descriptor', ?)", (json.dumps(descriptor),))

    def connect(self) -> sqlite3.Connection:
        """A new autocommit connection in WAL mode (one per call: safe from any thread)."""
        conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA busy_timeout = 30000")
        return conn

    def get_many(self, shas: Sequence[str]) -> Dict[str, Tuple]:
        """The stored values of the given hashes, as tuples in column order (missing ones absent)."""
        out: Dict[str, Tuple] = {}
        shas = list(shas)
        cols = ", ".join(self.columns)
        conn = self.connect()
        try:
            for start in range(0, len(shas), _CHUNK):
                chunk = shas[start : start + _CHUNK]
                sql = f"SELECT sha256, {cols} FROM {self.table} WHERE sha256 IN ({','.join('?' * len(chunk))})"
                for sha, *values in conn.execute(sql, chunk):
                    out[sha] = tuple(values)
        finally:
            conn.close()
        return out

    def put_many(self, items: Mapping[str, Sequence]) -> None:
        """Store (or replace) the values of these hashes in one transaction."""
        if not items:
            return
        marks = ", ".join("?" * (len(self.columns) + 1))
        conn = self.connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                f"INSERT OR REPLACE INTO {self.table}(sha256, {', '.join(self.columns)}) VALUES ({marks})",
                [(sha, *values) for sha, values in items.items()],
            )
            conn.execute("COMMIT")
        finally:
            conn.close()

    def __len__(self) -> int:
        conn = self.connect()
        try:
            return int(conn.execute(f"SELECT COUNT(*) FROM {self.table}").fetchone()[0])
        finally:
            conn.close()
