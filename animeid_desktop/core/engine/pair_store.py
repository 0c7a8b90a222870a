"""Near-duplicate pairs kept between passes, so that a pass compares only the images it has not seen.

One SQLite file per kind of pass and per comparison (perceptual hashes alone, or hashes and one
backbone's features, under the thresholds in force) under ``<library>/cache/duplicates/``: a
rebuildable cache, like the embedding caches. It holds the pairs found, by content hash, and the set
of content hashes the last pass compared, every one with every other. The next pass over a set of
images keeps the stored pairs among the hashes it shares with that set and compares only the others
(new images, or ones the last pass did not hold) with the whole set.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Sequence, Set, Tuple

FOLDER = "duplicates"
StoredPair = Tuple[str, str, str, int, int, "float | None"]  # sha a, sha b (a < b), kind, pHash/dHash distance, cosine


@dataclass(frozen=True)
class StoredPass:
    """What the last pass left: the hashes it compared and the pairs among them."""

    compared: Set[str]
    pairs: List[StoredPair]


class PairStore:
    """The pairs and compared hashes of one kind of pass, in the SQLite file ``path``."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._create()
        except sqlite3.DatabaseError:
            self._start_again()

    def _create(self) -> None:
        with self._connect() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS compared (sha256 TEXT PRIMARY KEY)")
            conn.execute("CREATE TABLE IF NOT EXISTS pairs (sha_a TEXT NOT NULL, sha_b TEXT NOT NULL, "
                         "kind TEXT NOT NULL, phash INTEGER NOT NULL, dhash INTEGER NOT NULL, similarity REAL, "
                         "PRIMARY KEY (sha_a, sha_b))")

    def _start_again(self) -> None:
        """Delete a damaged file (and its WAL) and create an empty one."""
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        self._create()

    @classmethod
    def for_library(cls, cache_dir: str | os.PathLike, name: str) -> PairStore:
        """The store called ``name`` under a library's cache folder."""
        return cls(Path(cache_dir) / FOLDER / f"{name}.sqlite")

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(str(self.path), timeout=30)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            with conn:  # one transaction
                yield conn
        finally:
            conn.close()

    def load(self, within: Set[str]) -> StoredPass:
        """The compared hashes that are in ``within``, and the stored pairs among them (none when the file
        cannot be read: it starts again)."""
        try:
            with self._connect() as conn:
                compared = {sha for (sha,) in conn.execute("SELECT sha256 FROM compared")} & within
                rows = conn.execute("SELECT sha_a, sha_b, kind, phash, dhash, similarity FROM pairs")
                pairs = [tuple(r) for r in rows if r[0] in compared and r[1] in compared]
        except sqlite3.DatabaseError:
            self._start_again()
            return StoredPass(set(), [])
        return StoredPass(compared, pairs)

    def save(self, compared: Sequence[str], pairs: Sequence[StoredPair], *, replace: bool) -> None:
        """Record a pass: ``compared`` (every hash compared with every other) replaces the last pass's set;
        ``pairs`` are added to the stored ones (``replace``: they are all there is). A file that cannot be
        written starts again holding nothing (the next pass searches everything)."""
        try:
            with self._connect() as conn:
                conn.execute("DELETE FROM compared")
                conn.executemany("INSERT INTO compared VALUES (?)", [(s,) for s in dict.fromkeys(compared)])
                if replace:
                    conn.execute("DELETE FROM pairs")
                conn.executemany("INSERT OR REPLACE INTO pairs VALUES (?, ?, ?, ?, ?, ?)", pairs)
        except sqlite3.DatabaseError:
            self._start_again()
