"""The content-addressed SQLite cache, and the two caches built on it reading files made before it."""

from __future__ import annotations

import sqlite3

import numpy as np

from animeid_desktop.core.engine.features import EmbeddingCache
from animeid_desktop.core.media.content_cache import ContentCache
from animeid_desktop.core.media.perceptual_hashes import HASH_VERSION, HashCache


def test_put_then_get_many_across_chunks_replaces_and_counts(tmp_path):
    cache = ContentCache(tmp_path / "c.sqlite", table="blobs", columns={"data": "BLOB NOT NULL", "n": "INTEGER"})
    items = {f"{i:064x}": (bytes([i % 256]) * 3, i) for i in range(1203)}
    cache.put_many(items)
    cache.put_many({f"{0:064x}": (b"new", -1)})
    got = cache.get_many([*items, "f" * 64])
    assert len(got) == 1203 and len(cache) == 1203
    assert got[f"{0:064x}"] == (b"new", -1) and got[f"{1202:064x}"] == (bytes([1202 % 256]) * 3, 1202)
    assert cache.connect().execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_embedding_cache_reads_a_file_written_by_the_old_code(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE embeddings (sha256 TEXT PRIMARY KEY, vec BLOB NOT NULL)")
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO embeddings VALUES (?, ?)", ("a" * 64, np.arange(4, dtype=np.float32).tobytes()))
    conn.commit()
    conn.close()
    cache = EmbeddingCache(path)
    np.testing.assert_array_equal(cache.get_many(["a" * 64, "b" * 64])["a" * 64], [0, 1, 2, 3])
    cache.put_many({"b" * 64: np.ones(4)})
    assert len(cache) == 2 and cache.get_many(["b" * 64])["b" * 64].dtype == np.float32


def test_hash_cache_reads_old_files_and_ignores_other_hash_versions(tmp_path):
    path = tmp_path / "hashes.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE hashes (sha256 TEXT PRIMARY KEY, version INTEGER NOT NULL, "
                 "dhash INTEGER NOT NULL, phash INTEGER NOT NULL)")
    conn.executemany("INSERT INTO hashes VALUES (?, ?, ?, ?)",
                     [("a" * 64, HASH_VERSION, -1, 5), ("b" * 64, HASH_VERSION + 1, 1, 2)])
    conn.commit()
    conn.close()
    cache = HashCache(path)
    assert cache.get_many(["a" * 64, "b" * 64]) == {"a" * 64: (2**64 - 1, 5)}
    cache.put_many({"c" * 64: (2**63, 7)})
    assert cache.get_many(["c" * 64]) == {"c" * 64: (2**63, 7)}
