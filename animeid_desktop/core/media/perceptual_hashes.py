"""Perceptual hashes (dHash, pHash) of images, with numpy + PIL only, cached by content hash.

Both are 64-bit fingerprints of a greyscale miniature of the picture: resizing, recompression,
small colour changes and light noise flip few bits, a different picture flips about half of them.

- dHash: 9 x 8 miniature, one bit per horizontal neighbour pair ("is the right pixel brighter").
- pHash: 32 x 32 miniature, 2-D DCT, the 8 x 8 lowest frequencies (DC excluded from the median)
  compared with their median.

Hashes are derived data: they live in ``<library>/cache/perceptual_hashes.sqlite`` keyed by the
image's sha256 (so moves and renames keep them), computed once per image.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Dict, Iterable, Optional, Sequence, Tuple

import numpy as np
from PIL import Image

from animeid_desktop.core.media.content_cache import ContentCache
from animeid_desktop.core.media.images import load_rgb
from animeid_desktop.core.media.parallel_decode import decode_in_order
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop

HASH_VERSION = 1
CACHE_NAME = "perceptual_hashes.sqlite"
_MASK = (1 << 64) - 1


# ------------------------------------------------------------------------------------ hashing
def _grey(img: Image.Image, size: Tuple[int, int]) -> np.ndarray:
    return np.asarray(img.convert("L").resize(size, Image.Resampling.BOX), dtype=np.float32)


def _bits_to_int(bits: np.ndarray) -> int:
    value = 0
    for bit in bits.reshape(-1):
        value = (value << 1) | int(bool(bit))
    return value


def dhash(img: Image.Image) -> int:
    """64-bit difference hash of an image."""
    g = _grey(img, (9, 8))
    return _bits_to_int(g[:, 1:] > g[:, :-1])


@functools.lru_cache(maxsize=1)
def _dct_matrix(n: int = 32) -> np.ndarray:
    k = np.arange(n)[:, None]
    x = np.arange(n)[None, :]
    m = np.cos(np.pi * (2 * x + 1) * k / (2 * n)) * np.sqrt(2.0 / n)
    m[0] /= np.sqrt(2.0)
    return m.astype(np.float64)


def phash(img: Image.Image) -> int:
    """64-bit DCT hash of an image."""
    g = _grey(img, (32, 32)).astype(np.float64)
    d = _dct_matrix(32)
    low = (d @ g @ d.T)[:8, :8]
    median = np.median(low.reshape(-1)[1:])
    return _bits_to_int(low > median)


def image_hashes(img: Image.Image) -> Tuple[int, int]:
    """``(dhash, phash)`` of a decoded image."""
    return dhash(img), phash(img)



def to_uint64(values: Iterable[int]) -> np.ndarray:
    """Python ints (0 .. 2**64-1) as a uint64 array."""
    return np.array([int(v) & _MASK for v in values], dtype=np.uint64)


def hamming(a: int, b: int) -> int:
    """Number of differing bits of two 64-bit hashes."""
    return bin((int(a) ^ int(b)) & _MASK).count("1")


def hamming_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pairwise bit distances (len(a), len(b)) of two uint64 arrays, as uint8."""
    return np.bitwise_count(np.bitwise_xor(a[:, None], b[None, :]))


# ------------------------------------------------------------------------------------ cache
def _signed(v: int) -> int:
    v &= _MASK
    return v - (1 << 64) if v >= (1 << 63) else v


class HashCache:
    """``sha256 -> (dhash, phash)`` in one SQLite file (WAL: concurrent readers, one writer)."""

    def __init__(self, path: str | os.PathLike) -> None:
        columns = {"version": "INTEGER NOT NULL", "dhash": "INTEGER NOT NULL", "phash": "INTEGER NOT NULL"}
        self._store = ContentCache(path, table="hashes", columns=columns)
        self.path = self._store.path

    @classmethod
    def for_library(cls, cache_dir: str | os.PathLike) -> HashCache:
        return cls(Path(cache_dir) / CACHE_NAME)

    def get_many(self, shas: Sequence[str]) -> Dict[str, Tuple[int, int]]:
        """Cached hashes of the current :data:`HASH_VERSION` (others count as missing)."""
        rows = self._store.get_many(shas)
        return {sha: (dh & _MASK, ph & _MASK) for sha, (version, dh, ph) in rows.items() if version == HASH_VERSION}

    def put_many(self, items: Dict[str, Tuple[int, int]]) -> None:
        self._store.put_many({sha: (HASH_VERSION, _signed(d), _signed(p)) for sha, (d, p) in items.items()})


def cached_hashes(
    cache: HashCache,
    rows: Sequence[dict],
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Tuple[Dict[str, Tuple[int, int]], Dict[str, str]]:
    """Hashes of library rows (``sha256``, ``path``): cached ones read, missing ones computed and stored.

    Returns (hashes by sha256, decode error by sha256). Progress is reported per file; work done
    before a cancel is kept in the cache.
    """
    shas = list(dict.fromkeys(r["sha256"] for r in rows))
    found = cache.get_many(shas)
    missing = {r["sha256"]: r["path"] for r in rows if r["sha256"] not in found}
    errors: Dict[str, str] = {}
    total = len(missing)
    if on_progress:
        on_progress(0, total, f"{len(found)} cached, {total} to hash")
    pending: Dict[str, Tuple[int, int]] = {}
    done = 0
    try:
        for dec in decode_in_order(list(missing.items()), lambda kp: np.asarray(load_rgb(kp[1], target=64))):
            check_stop(should_stop)
            sha = dec.item[0]
            if dec.array is None:
                errors[sha] = dec.error or "unreadable"
            else:
                pending[sha] = image_hashes(Image.fromarray(dec.array))
            done += 1
            if len(pending) >= 256:
                cache.put_many(pending)
                found.update(pending)
                pending = {}
            if on_progress:
                on_progress(done, total, "perceptual hashes")
    finally:
        cache.put_many(pending)
        found.update(pending)
    return found, errors
