"""Moved and missing files: mark vanished images ``missing`` (never delete them) and find them again.

An image row is identified by its content hash, so its labels, attributes and predictions never
depend on where the file lives. :func:`mark_missing` compares every row with the disk: a file that
is gone (or whose size changed: different content) makes the row ``missing``; a missing file that
is back with the same content makes it ``ok`` again. :func:`relink` walks folders the user names
("I moved my collection here"), hashes only files whose size equals a missing image's size, and
points each missing row at the file with its content. Rows are never deleted here.

Both are long jobs taking ``on_progress(done, total, message)`` and ``should_stop()``; asked to
stop, they commit what they found so far and say ``cancelled`` in their report (nothing is lost,
so there is nothing to roll back and no :class:`Cancelled` is raised).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Tuple

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.label_state import CHARACTER_NAMES_SQL
from animeid_desktop.core.media.hashing import file_sha256
from animeid_desktop.core.media.scanning import display_path, scan_paths
from animeid_desktop.core.progress import ProgressFn, StopFn

WRITE_BATCH = 500


@dataclass
class MissingScan:
    """Result of comparing the library with the disk."""

    checked: int = 0
    newly_missing: List[Tuple[int, str]] = field(default_factory=list)  # (image id, path)
    back: List[Tuple[int, str]] = field(default_factory=list)  # missing before, present again
    missing: int = 0  # rows marked missing after the scan
    cancelled: bool = False
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "checked": self.checked,
            "newly_missing": [{"id": i, "path": p} for i, p in self.newly_missing],
            "back": [{"id": i, "path": p} for i, p in self.back],
            "missing": self.missing,
            "cancelled": self.cancelled,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class RelinkReport:
    """Result of :func:`relink`."""

    missing_before: int = 0
    files_seen: int = 0
    files_hashed: int = 0
    relinked: List[Tuple[int, str, str]] = field(default_factory=list)  # (image id, old path, new path)
    still_missing: int = 0
    skipped: List[Tuple[str, str]] = field(default_factory=list)  # (path, reason) from the folder walk
    cancelled: bool = False
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "missing_before": self.missing_before,
            "files_seen": self.files_seen,
            "files_hashed": self.files_hashed,
            "relinked": [{"id": i, "old": o, "new": n} for i, o, n in self.relinked],
            "still_missing": self.still_missing,
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
            "cancelled": self.cancelled,
            "seconds": round(self.seconds, 3),
        }


def _file_state(path: str, byte_size: int) -> str:
    """'present' (same size), 'changed' (other size) or 'gone'."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return "gone"
    if not os.path.isfile(path):
        return "gone"
    return "present" if st.st_size == byte_size else "changed"


def _same_content(path: str, sha256: str) -> bool:
    try:
        return file_sha256(path) == sha256
    except OSError:
        return False


def _set_status(lib: Library, changes: List[Tuple[str, int]]) -> None:
    if changes:
        with lib.write() as conn:
            conn.executemany("UPDATE images SET status = ? WHERE id = ?", changes)


def mark_missing(
    lib: Library,
    verify_hashes: bool = False,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> MissingScan:
    """Mark images whose file vanished (or changed size) ``missing`` and returning ones ``ok``.

    A file coming back is hashed before it counts as back. ``verify_hashes`` also hashes every
    present file (slow; catches same-size edits). Images marked ``broken`` are left alone.
    """
    started = time.monotonic()
    progress = on_progress or (lambda done, total, message="": None)
    stop = should_stop or (lambda: False)
    rows = lib.query("SELECT id, path, sha256, byte_size, status FROM images WHERE status IN ('ok', 'missing')")
    scan = MissingScan()
    pending: List[Tuple[str, int]] = []
    for n, row in enumerate(rows, 1):
        if stop():
            scan.cancelled = True
            break
        state = _file_state(row["path"], row["byte_size"])
        present = state == "present" and (
            (row["status"] == "ok" and not verify_hashes) or _same_content(row["path"], row["sha256"])
        )
        if row["status"] == "ok" and not present:
            pending.append(("missing", row["id"]))
            scan.newly_missing.append((row["id"], row["path"]))
        elif row["status"] == "missing" and present:
            pending.append(("ok", row["id"]))
            scan.back.append((row["id"], row["path"]))
        scan.checked = n
        if len(pending) >= WRITE_BATCH:
            _set_status(lib, pending)
            pending = []
        if n % 200 == 0 or n == len(rows):
            progress(n, len(rows), "checking files")
    _set_status(lib, pending)
    scan.missing = int(lib.scalar("SELECT COUNT(*) FROM images WHERE status = 'missing'"))
    scan.seconds = time.monotonic() - started
    return scan


def _missing_by_size(lib: Library) -> Dict[int, Dict[str, Tuple[int, str]]]:
    """{byte size: {sha256: (image id, old path)}} of every image marked missing."""
    out: Dict[int, Dict[str, Tuple[int, str]]] = {}
    for row in lib.query("SELECT id, path, sha256, byte_size FROM images WHERE status = 'missing'"):
        out.setdefault(int(row["byte_size"]), {})[row["sha256"]] = (int(row["id"]), row["path"])
    return out


def relink(
    lib: Library,
    folders: Iterable[str | os.PathLike],
    recursive: bool = True,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> RelinkReport:
    """Find images whose file is missing inside ``folders`` by content and point them there.

    Only files with the byte size of some missing image are hashed, so re-linking a moved
    collection reads each candidate once. Labels, attributes and predictions stay with the image.
    Raises :class:`UserError` when a folder does not exist.
    """
    started = time.monotonic()
    progress = on_progress or (lambda done, total, message="": None)
    stop = should_stop or (lambda: False)
    folders = [os.path.abspath(os.fspath(f)) for f in folders]
    for folder in folders:
        if not os.path.isdir(folder):
            raise UserError(f"{display_path(folder)}: no such folder (give the folder the images were moved to)")
    report = RelinkReport()
    mark_missing(lib, should_stop=stop)  # the database's statuses are up to date before searching
    wanted = _missing_by_size(lib)
    report.missing_before = sum(len(v) for v in wanted.values())
    if report.missing_before:
        progress(0, 0, "listing files")
        scan = scan_paths(folders, recursive=recursive, exclude=[str(lib.cache_dir), str(lib.models_dir)],
                          should_stop=stop)
        report.skipped = scan.skipped
        report.files_seen = len(scan.files)
        pending: List[Tuple[str, int]] = []
        for n, cand in enumerate(scan.files, 1):
            if stop():
                report.cancelled = True
                break
            _relink_one(cand.path, wanted, report, pending)
            if len(pending) >= WRITE_BATCH:
                _write_paths(lib, pending)
                pending = []
            progress(n, len(scan.files), os.path.basename(cand.path))
        _write_paths(lib, pending)
        report.cancelled = report.cancelled or stop()
    report.still_missing = int(lib.scalar("SELECT COUNT(*) FROM images WHERE status = 'missing'"))
    report.seconds = time.monotonic() - started
    return report


def _relink_one(path: str, wanted: Dict[int, Dict[str, Tuple[int, str]]], report: RelinkReport,
                pending: List[Tuple[str, int]]) -> None:
    try:
        size = os.path.getsize(path)
    except OSError:
        return
    by_sha = wanted.get(size)
    if not by_sha:
        return
    try:
        sha = file_sha256(path)
    except OSError:
        return
    report.files_hashed += 1
    hit = by_sha.pop(sha, None)
    if hit is not None:
        image_id, old = hit
        pending.append((path, image_id))
        report.relinked.append((image_id, old, path))


def _write_paths(lib: Library, pending: List[Tuple[str, int]]) -> None:
    if pending:
        with lib.write() as conn:
            conn.executemany("UPDATE images SET path = ?, status = 'ok' WHERE id = ?", pending)


def missing_images(lib: Library, limit: Optional[int] = None) -> List[dict]:
    """Images marked missing: ``id, path, sha256, character`` (``A+B`` for several, or None), by path."""
    sql = (
        f"SELECT i.id, i.path, i.sha256, {CHARACTER_NAMES_SQL} AS character FROM images i "
        "WHERE i.status = 'missing' ORDER BY i.path"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return lib.query(sql)
