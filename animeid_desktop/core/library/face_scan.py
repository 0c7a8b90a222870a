"""Face detection over a library's images, or over files and folders, cached in the library.

:func:`detect_library_faces` is the job the CLI and GUI run: it yields one
:class:`~animeid_desktop.core.media.face_cache.FaceResult` per image, in order, takes
``on_progress``/``should_stop`` and keeps what it found in ``<library>/cache/faces/``.
"""

from __future__ import annotations

import os
from typing import Iterator, List, Optional, Sequence, Tuple

from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.media.face_cache import FaceCache, FaceResult, detect_faces
from animeid_desktop.core.media.face_detection import FaceDetector
from animeid_desktop.core.media.hashing import file_sha256
from animeid_desktop.core.media.scanning import expand_paths
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop


def library_rows(lib: Library, image_ids: Optional[Sequence[int]] = None) -> List[dict]:
    """``id``, ``sha256``, ``path`` of the library's readable images (all, or those ids), by id."""
    sql = "SELECT id, sha256, path FROM images WHERE status = 'ok'"
    if image_ids is None:
        return lib.query(sql + " ORDER BY id")
    rows = lib.query_in(sql + " AND id IN ({marks})", [int(i) for i in image_ids])
    return sorted(rows, key=lambda r: r["id"])


def path_rows(
    lib: Library,
    paths: Sequence[str | os.PathLike],
    *,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Tuple[List[dict], List[FaceResult]]:
    """Rows for files and folders (image files found recursively), hashed, with their library id if any.

    Returns (rows, results for files that could not be read).
    """
    files = expand_paths(paths)
    rows: List[dict] = []
    unreadable: List[FaceResult] = []
    for done, path in enumerate(files, 1):
        check_stop(should_stop)
        try:
            rows.append({"path": path, "sha256": file_sha256(path)})
        except OSError as exc:
            reason = f"cannot read file ({exc.strerror or exc})"
            unreadable.append(FaceResult(path=path, sha256="", image_id=None, faces=(), error=reason))
        if on_progress:
            on_progress(done, len(files), "hashing")
    ids = {r["sha256"]: r["id"] for r in lib.query_in("SELECT id, sha256 FROM images WHERE sha256 IN ({marks})",
                                                       [r["sha256"] for r in rows])}
    for row in rows:
        row["id"] = ids.get(row["sha256"])
    return rows, unreadable


def detect_library_faces(
    lib: Library,
    *,
    detector: FaceDetector,
    rows: Optional[Sequence[dict]] = None,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Iterator[FaceResult]:
    """Faces of ``rows`` (from :func:`path_rows`; default: every readable library image), cached in ``lib``."""
    rows = library_rows(lib) if rows is None else rows
    cache = FaceCache.for_library(lib.cache_dir, detector)
    yield from detect_faces(rows, detector=detector, cache=cache, on_progress=on_progress, should_stop=should_stop)
