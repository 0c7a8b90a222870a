"""Face detection over many images as a cancellable job, with results cached by content hash.

Results live in ``<library>/cache/faces/<detector identity>.sqlite`` (table ``faces``: sha256 ->
JSON list of faces), like the embedding caches: the identity names the model file's content, every
detector parameter and the copy it detects on, so another detector, other parameters or another copy read
another file (a cache miss), and moves and renames keep their results. An image where no face was found
is cached too, with an empty list: the whole picture stays the unit. Files that cannot be decoded are
reported, not cached.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, Optional, Sequence, Tuple

from animeid_desktop.core.media.content_cache import ContentCache
from animeid_desktop.core.media.face_detection import Face, FaceDetector
from animeid_desktop.core.media.parallel_decode import decode_in_order
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop

CACHE_FOLDER = "faces"
_FLUSH_EVERY = 64


class FaceCache:
    """``sha256 -> faces`` for one detector identity, in one SQLite file."""

    def __init__(self, path: str | os.PathLike, descriptor: Optional[dict] = None) -> None:
        self._store = ContentCache(path, table="faces", columns={"faces": "TEXT NOT NULL"}, descriptor=descriptor or {})
        self.path = self._store.path

    @classmethod
    def for_library(cls, cache_dir: str | os.PathLike, detector: FaceDetector) -> FaceCache:
        """The cache file of ``detector`` under a library's cache folder."""
        return cls(Path(cache_dir) / CACHE_FOLDER / f"{detector.identity}.sqlite", detector.describe())

    def get_many(self, shas: Sequence[str]) -> Dict[str, Tuple[Face, ...]]:
        """Cached faces of the given hashes (hashes never seen are absent; no face is an empty tuple)."""
        out = {}
        for sha, (text,) in self._store.get_many(shas).items():
            out[sha] = tuple(Face(box=tuple(f["box"]), score=f["score"]) for f in json.loads(text))
        return out

    def put_many(self, items: Dict[str, Sequence[Face]]) -> None:
        """Store the faces of these hashes (one transaction)."""
        self._store.put_many({sha: (json.dumps([f.to_json() for f in faces]),) for sha, faces in items.items()})

    def __len__(self) -> int:
        return len(self._store)


@dataclass(frozen=True)
class FaceResult:
    """The faces of one image (empty: none found, the whole picture is the unit) or why it was not read."""

    path: str
    sha256: str
    image_id: Optional[int]
    faces: Tuple[Face, ...]
    error: Optional[str] = None
    cached: bool = False

    def to_json(self) -> dict:
        """``{"path", "image_id", "faces": [{"box", "score"}], "error"}`` (error None when it was read)."""
        return {"path": self.path, "image_id": self.image_id, "faces": [f.to_json() for f in self.faces],
                "error": self.error}


def detect_faces(
    rows: Sequence[dict],
    *,
    detector: FaceDetector,
    cache: FaceCache,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Iterator[FaceResult]:
    """Faces of each row (``path``, ``sha256``, optional ``id``), in the rows' order.

    Cached results are read; the others are decoded on a thread pool, detected and stored in batches.
    ``should_stop`` is checked between images (raises ``Cancelled``); results found before a cancel
    stay in the cache.
    """
    found: Dict[str, Tuple[Face, ...]] = cache.get_many(list(dict.fromkeys(r["sha256"] for r in rows)))
    was_cached = set(found)
    todo: Dict[str, dict] = {}
    for row in rows:
        if row["sha256"] not in found:
            todo.setdefault(row["sha256"], row)
    if on_progress:
        on_progress(0, len(rows), f"{len(rows) - len(todo)} cached, {len(todo)} to detect")
    pending: Dict[str, Tuple[Face, ...]] = {}
    failed: Dict[str, str] = {}
    stream = decode_in_order(list(todo.values()), lambda row: detector.load(row["path"]))
    try:
        for done, row in enumerate(rows, 1):
            check_stop(should_stop)
            sha = row["sha256"]
            if sha not in found and sha not in failed:
                decoded = next(stream)
                if decoded.array is None:
                    failed[sha] = decoded.error or "unreadable"
                else:
                    found[sha] = pending[sha] = tuple(detector.detect_prepared(decoded.array))
                if len(pending) >= _FLUSH_EVERY:
                    cache.put_many(pending)
                    pending = {}
            yield FaceResult(path=row["path"], sha256=sha, image_id=row.get("id"), faces=found.get(sha, ()),
                             error=failed.get(sha), cached=sha in was_cached)
            if on_progress:
                on_progress(done, len(rows), "faces")
    finally:
        stream.close()
        cache.put_many(pending)


def summarise(results: Sequence[FaceResult]) -> Dict[str, int]:
    """Counts for a report: images, with a face, faces, unreadable, read from the cache."""
    read = [r for r in results if r.error is None]
    return {"images": len(results), "with_face": sum(1 for r in read if r.faces),
            "faces": sum(len(r.faces) for r in read), "unreadable": len(results) - len(read),
            "cached": sum(1 for r in results if r.cached)}

