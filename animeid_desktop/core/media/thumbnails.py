"""On-disk thumbnail cache: ``<library>/cache/thumbnails/<sha256[:2]>/<sha256>.jpg``.

Thumbnails are keyed by content hash, so a moved or renamed file keeps its thumbnail and a
duplicate never gets a second one. Writing is atomic (temporary file + rename), so several
threads or processes may ask for the same thumbnail at once without ever reading half a file.
Qt-free: the GUI calls :func:`ensure_thumbnail` from its thread pool; the CLI could warm the cache.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional

from animeid_desktop.core.media.files import atomic_file
from animeid_desktop.core.media.images import ImageError, thumbnail

THUMB_SIZE = 256
JPEG_QUALITY = 85


def thumb_path(thumbs_dir: str | os.PathLike, sha256: str) -> Path:
    """Where the thumbnail of the image with this content hash lives (whether or not it exists)."""
    sha = sha256.lower()
    if len(sha) < 3 or not all(c in "0123456789abcdef" for c in sha):
        raise ValueError(f"not a hex content hash: {sha256!r}")
    return Path(thumbs_dir) / sha[:2] / f"{sha}.jpg"


def cached_thumbnail(thumbs_dir: str | os.PathLike, sha256: str) -> Optional[Path]:
    """The cached thumbnail file, or None when it has not been made yet."""
    path = thumb_path(thumbs_dir, sha256)
    return path if path.is_file() and path.stat().st_size > 0 else None


def ensure_thumbnail(
    thumbs_dir: str | os.PathLike,
    sha256: str,
    source: str | os.PathLike,
    size: int = THUMB_SIZE,
) -> Path:
    """Return the cached thumbnail of ``source``, making it first if needed.

    Raises :class:`~animeid_desktop.core.media.images.ImageError` when the source cannot be decoded
    (missing, broken, not an image); nothing is written in that case.
    """
    path = thumb_path(thumbs_dir, sha256)
    if path.is_file() and path.stat().st_size > 0:
        return path
    if not os.path.isfile(source):
        raise ImageError(f"{source}: file not found")
    img = thumbnail(source, size)
    with atomic_file(path, durable=False) as fh:  # a cache: a thumbnail lost in a crash is made again
        img.save(fh, "JPEG", quality=JPEG_QUALITY, optimize=False)
    return path


def prune_thumbnails(thumbs_dir: str | os.PathLike, keep: Iterable[str]) -> int:
    """Delete cached thumbnails whose hash is not in ``keep``; returns how many were removed."""
    wanted = {k.lower() for k in keep}
    removed = 0
    root = Path(thumbs_dir)
    if not root.is_dir():
        return 0
    for file in root.glob("*/*.jpg"):
        if file.stem not in wanted:
            file.unlink(missing_ok=True)
            removed += 1
    return removed
