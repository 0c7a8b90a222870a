"""Import image files into a library: sniff by content, hash, decode, dedupe, label from folders.

Files outside character folders take their label from the tags beside them (XMP sidecar or caption
``.txt``, see :mod:`sidecars`) when those name a character.

Files are examined (read, SHA-256, full decode) in a small thread pool (Pillow releases the GIL);
all database writes happen on the calling thread in transactions of :data:`BATCH_SIZE` files, so an
interrupted import loses at most one uncommitted batch and never leaves a half-written row.
Bad files are skipped with a reason; nothing a file contains can crash an import.
"""

from __future__ import annotations

import os
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Deque, Dict, Iterable, List, Optional, Tuple, Union

from animeid_desktop.core.library.folder import Library, utcnow
from animeid_desktop.core.library.labels import add_character
from animeid_desktop.core.library.sidecars import SidecarTags, characters_named, read_side_files
from animeid_desktop.core.media.hashing import bytes_sha256, file_sha256
from animeid_desktop.core.media.images import (
    FORMAT_NAMES,
    IMAGE_EXTENSIONS,
    SNIFF_BYTES,
    ImageError,
    load_rgb,
    sniff_format,
)
from animeid_desktop.core.media.scanning import Candidate, display_path, scan_paths
from animeid_desktop.core.progress import ProgressFn, StopFn

BATCH_SIZE = 200
# Files up to this size are read once into memory (hash and decode from the same bytes).
IN_MEMORY_BYTES = 64 * 1024 * 1024
# Non-image files that commonly sit beside pictures; ignored without a report.
SIDE_FILE_EXTENSIONS = {
    ".json", ".txt", ".db", ".ini", ".xmp", ".md", ".csv", ".nfo", ".url", ".log",
    ".sqlite", ".sqlite3", ".sqlite-wal", ".sqlite-shm", ".db-wal", ".db-shm", ".db-journal",
}
SIDE_FILE_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}


@dataclass
class ImportReport:
    """What an import did. ``skipped`` and ``conflicts`` hold ``(path, reason)`` pairs."""

    added: int = 0  # new image rows
    duplicates: int = 0  # files whose content was already in the library (or seen twice in this import)
    labelled: int = 0  # images that received a label from folder name / --character
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    image_ids: list[int] = field(default_factory=list)  # ids of every imported-or-duplicate image
    cancelled: bool = False
    seconds: float = 0.0
    # Labels kept because the image already had a different one: (path, explanation).
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    relinked: int = 0  # known images whose stored file had moved, now pointing at the new path
    unlabelled_loose: int = 0  # files given loose (no character folder, no --character, no tags naming one)
    tagged: int = 0  # of ``labelled``: labels taken from an XMP sidecar or caption file
    # Sidecar / caption files that could not be used, or named more characters than one label holds.
    tag_problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def files(self) -> int:
        """Files examined (imported, duplicate or skipped)."""
        return self.added + self.duplicates + len(self.skipped)

    def files_per_second(self) -> float:
        return self.files / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict:
        """A JSON-ready summary (``image_ids`` reduced to a count)."""
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "labelled": self.labelled,
            "relinked": self.relinked,
            "tagged": self.tagged,
            "images": len(self.image_ids),
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
            "conflicts": [{"path": p, "reason": r} for p, r in self.conflicts],
            "tag_problems": [{"path": p, "reason": r} for p, r in self.tag_problems],
            "cancelled": self.cancelled,
            "seconds": round(self.seconds, 3),
            "files_per_second": round(self.files_per_second(), 1),
        }


@dataclass
class _Examined:
    """A decodable image file (``width``/``height`` are 0 when the content was already known)."""

    cand: Candidate
    sha256: str
    byte_size: int
    format: str
    width: int = 0
    height: int = 0
    tags: Optional[SidecarTags] = None  # read only for files outside character folders
    tag_problems: List[Tuple[str, str]] = field(default_factory=list)


_Outcome = Union[_Examined, Tuple[str, str], None]  # image, (path, reason) to report, or ignore


def _is_side_file(path: str) -> bool:
    name = os.path.basename(path).lower()
    return name in SIDE_FILE_NAMES or os.path.splitext(name)[1] in SIDE_FILE_EXTENSIONS


def _not_image_reason(path: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext in IMAGE_EXTENSIONS:
        return f"not an image: named {ext} but the content is none of {FORMAT_NAMES}"
    return f"not an image (content is none of {FORMAT_NAMES})"


def examine(cand: Candidate, known: frozenset) -> _Outcome:
    """Read, sniff, hash and (unless its hash is in ``known``) fully decode one file."""
    path = cand.path
    shown = display_path(path)
    try:
        size = os.path.getsize(path)
        if size == 0:
            return (shown, "empty file (0 bytes)")
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
            fmt = sniff_format(head)
            if fmt is None:
                return None if _is_side_file(path) else (shown, _not_image_reason(path))
            if size <= IN_MEMORY_BYTES:
                data = head + fh.read()
                source: Union[str, bytes] = data
                sha, size = bytes_sha256(data), len(data)
            else:
                source, sha = path, file_sha256(path)
    except OSError as exc:
        return (shown, f"cannot read file ({exc.strerror or exc})")
    found = _Examined(cand, sha, size, fmt)
    if cand.character is None:
        found.tags, found.tag_problems = read_side_files(path)
    if sha in known:
        return found
    try:
        img = load_rgb(source)
    except ImageError as exc:
        return (shown, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop an import
        return (shown, f"cannot decode ({type(exc).__name__}: {exc})")
    found.width, found.height = img.size
    return found


class _Writer:
    """Writes examined files to the library in batches (only ever from the importing thread)."""

    def __init__(self, lib: Library, report: ImportReport) -> None:
        self.lib = lib
        self.report = report
        self.pending: List[_Outcome] = []
        self.char_ids: Dict[str, int] = {}
        self.char_names: Dict[int, str] = {}
        self.ids_seen: Dict[int, None] = {}
        self.known_names: List[str] = []

    def add(self, outcome: _Outcome) -> None:
        self.pending.append(outcome)
        if len(self.pending) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        with self.lib.write() as conn:
            self.known_names = [r[0] for r in conn.execute("SELECT name FROM characters")]
            for outcome in batch:
                if isinstance(outcome, _Examined):
                    self._record(conn, outcome)
                elif outcome is not None:
                    self.report.skipped.append(outcome)

    def _character_id(self, name: str) -> int:
        cid = self.char_ids.get(name)
        if cid is None:
            cid = self.char_ids[name] = add_character(self.lib, name)  # joins the open transaction
            self.char_names[cid] = name
            self.known_names.append(name)
        return cid

    def _record(self, conn, item: _Examined) -> None:
        report, now, path = self.report, utcnow(), item.cand.path
        row = conn.execute("SELECT id, path, status FROM images WHERE sha256 = ?", (item.sha256,)).fetchone()
        if row is None:
            if not item.width:  # known when examined, deleted since: nothing to link to
                report.skipped.append((display_path(path), "image was removed from the library during the import"))
                return
            image_id = conn.execute(
                "INSERT INTO images(sha256, path, byte_size, format, width, height, status, added_at, original_name)"
                " VALUES (?, ?, ?, ?, ?, ?, 'ok', ?, ?)",
                (item.sha256, path, item.byte_size, item.format, item.width, item.height, now, path),
            ).lastrowid
            report.added += 1
        else:
            image_id, old_path, status = row
            report.duplicates += 1
            if old_path != path and not os.path.exists(old_path):
                conn.execute("UPDATE images SET path = ?, status = 'ok' WHERE id = ?", (path, image_id))
                report.relinked += 1
            elif old_path == path and status == "missing":
                conn.execute("UPDATE images SET status = 'ok' WHERE id = ?", (image_id,))
        # Another image row that claimed this path now has different content on disk.
        conn.execute(
            "UPDATE images SET status = 'missing' WHERE path = ? AND id != ? AND status = 'ok'", (path, image_id)
        )
        if image_id not in self.ids_seen:
            self.ids_seen[image_id] = None
            report.image_ids.append(image_id)
        report.tag_problems.extend((display_path(p), reason) for p, reason in item.tag_problems)
        if item.cand.character is not None:
            self._label(conn, image_id, [item.cand.character], path, now)
        elif not self._label_from_tags(conn, image_id, item, now):
            report.unlabelled_loose += 1

    def _label_from_tags(self, conn, image_id: int, item: _Examined, now: str) -> bool:
        """Label from the sidecar / caption tags when they name characters (all of them: a group shot);
        False when they name none."""
        names = characters_named(item.tags, self.known_names) if item.tags else []
        if not names:
            return False
        if self._label(conn, image_id, names, item.cand.path, now):
            self.report.tagged += 1
        return True

    def _label(self, conn, image_id: int, characters: List[str], path: str, now: str) -> bool:
        """Label a new image with ``characters`` (True); existing different labels are kept and reported."""
        cids = [self._character_id(name) for name in characters]
        current = dict(conn.execute(
            "SELECT l.character_id, c.name FROM labels l JOIN characters c ON c.id = l.character_id "
            "WHERE l.image_id = ? ORDER BY c.name COLLATE NOCASE",
            (image_id,),
        ).fetchall())
        if not current:
            conn.executemany(
                "INSERT INTO labels(image_id, character_id, source, labelled_at) VALUES (?, ?, 'imported', ?)",
                [(image_id, cid, now) for cid in dict.fromkeys(cids)],
            )
            self.report.labelled += 1
            return True
        if any(cid not in current for cid in cids):
            was, says = "+".join(current.values()), "+".join(characters)
            self.report.conflicts.append(
                (display_path(path), f"already labelled {was!r}; kept that label (this import says {says!r})"))
        return False


def _workers() -> int:
    """Decoding threads: the CPUs this process may use, at most 4 (the disk is the limit beyond)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 2
    return max(1, min(4, cpus))


def import_paths(
    lib: Library,
    paths: Iterable[Union[str, os.PathLike]],
    character: Optional[str] = None,
    recursive: bool = True,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> ImportReport:
    """Import files and folders into ``lib``; see the module docstring and :mod:`scanning` for rules.

    Returns an :class:`ImportReport`; when ``should_stop`` asks to stop, every file examined so far
    is committed and the report says ``cancelled``. A missing path raises :class:`UserError`.
    """
    progress = on_progress or (lambda done, total, message="": None)
    stop = should_stop or (lambda: False)
    started = time.monotonic()
    progress(0, 0, "scanning folders")
    scan = scan_paths(paths, character, recursive, exclude=[str(lib.cache_dir), str(lib.models_dir)], should_stop=stop)
    report = import_candidates(lib, scan.files, on_progress=progress, should_stop=stop)
    report.skipped[:0] = scan.skipped
    report.seconds = time.monotonic() - started
    return report


def import_candidates(
    lib: Library,
    candidates: List[Candidate],
    *,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> ImportReport:
    """Import files already listed (each with the character its place implies) by :func:`scan_paths`."""
    progress = on_progress or (lambda done, total, message="": None)
    stop = should_stop or (lambda: False)
    started = time.monotonic()
    report = ImportReport()
    known = frozenset(r[0] for r in lib.connection().execute("SELECT sha256 FROM images"))
    writer = _Writer(lib, report)
    total = len(candidates)
    window: Deque[Future] = deque()
    todo = iter(candidates)
    done = 0
    cancelled = stop()
    with ThreadPoolExecutor(max_workers=_workers(), thread_name_prefix="import") as pool:
        try:
            while not cancelled:
                while len(window) < 2 * _workers():
                    cand = next(todo, None)
                    if cand is None:
                        break
                    window.append(pool.submit(examine, cand, known))
                if not window:
                    break
                outcome = window.popleft().result()
                writer.add(outcome)
                done += 1
                progress(done, total, os.path.basename(outcome.cand.path) if isinstance(outcome, _Examined) else "")
                cancelled = stop()
        finally:
            for fut in window:
                fut.cancel()
    writer.flush()
    report.cancelled = cancelled
    report.seconds = time.monotonic() - started
    return report
