"""Watched folders: image files that appear or change there are imported while a watcher runs.

The list lives in the library (setting :data:`SETTING_KEY`, JSON). Each folder is laid out as an
import root: its direct subfolders name characters, loose files take labels from their sidecars
(see :mod:`importer`). :func:`catch_up` imports what arrived while nothing watched: it walks each
folder and examines only files whose path the library does not know, whose size differs from the
stored one, or whose modification or status-change time is newer than the folder's last complete
scan, so a large unchanged folder costs one ``stat`` per file and no reads. :func:`watch` then
follows file-system events (``watchdog``: inotify, FSEvents, ReadDirectoryChangesW) and imports
each file once it has been quiet for ``quiet_s`` (a file still being copied is not read half-way).

The library's own folder is never watched, even when it lies inside a watched folder.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import asdict, dataclass
from typing import Callable, Dict, List, Optional, Tuple

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import ImportReport, import_candidates
from animeid_desktop.core.media.scanning import Candidate, character_name, display_path, scan_paths
from animeid_desktop.core.progress import ProgressFn, StopFn

SETTING_KEY = "watched_folders"
QUIET_S = 2.0  # a file is imported once no event has touched it for this long
POLL_S = 0.5
EVENT_DELAY_S = 1.0  # how late an event may arrive after its change (a safety margin for the next catch-up)
ReportFn = Callable[[ImportReport], None]


@dataclass
class WatchedFolder:
    """A watched folder and the start of its last complete scan (nanoseconds since the epoch; 0 = never)."""

    path: str
    scanned_ns: int = 0


# ------------------------------------------------------------------ the list
def watched_folders(lib: Library) -> List[WatchedFolder]:
    """The watched folders, in the order they were added."""
    raw = lib.get_setting(SETTING_KEY)
    try:
        return [WatchedFolder(str(d["path"]), int(d.get("scanned_ns", 0))) for d in json.loads(raw or "[]")]
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise UserError(f"{lib.db_path}: the list of watched folders is damaged ({exc}); "
                        "re-add the folders with 'animeid watch add'") from exc


def _save(lib: Library, folders: List[WatchedFolder]) -> None:
    lib.set_setting(SETTING_KEY, json.dumps([asdict(f) for f in folders], ensure_ascii=False))


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def add_watched_folder(lib: Library, path: str | os.PathLike) -> WatchedFolder:
    """Watch ``path`` (a folder; adding one twice is harmless). Its files are imported by the next catch-up."""
    full = os.path.realpath(os.path.abspath(os.fspath(path)))
    if not os.path.isdir(full):
        raise UserError(f"{display_path(full)}: no such folder; give a folder that exists")
    if _inside(full, os.path.realpath(lib.root)):
        raise UserError(f"{display_path(full)} is inside the library folder {lib.root}; watch a folder of pictures")
    with lib.write():
        folders = watched_folders(lib)
        for folder in folders:
            if folder.path == full:
                return folder
        added = WatchedFolder(full)
        _save(lib, folders + [added])
    return added


def remove_watched_folder(lib: Library, path: str | os.PathLike) -> None:
    """Stop watching ``path`` (its images stay in the library)."""
    full = os.path.realpath(os.path.abspath(os.fspath(path)))
    with lib.write():
        folders = watched_folders(lib)
        kept = [f for f in folders if f.path not in (full, os.fspath(path))]
        if len(kept) == len(folders):
            raise UserError(f"{display_path(full)} is not a watched folder; "
                            "'animeid watch list' shows the watched ones")
        _save(lib, kept)


def _mark_scanned(lib: Library, stamps: Dict[str, int]) -> None:
    """Record scan start times for folders still on the list (another window may have changed it)."""
    with lib.write():
        folders = watched_folders(lib)
        for folder in folders:
            folder.scanned_ns = stamps.get(folder.path, folder.scanned_ns)
        _save(lib, folders)


# ------------------------------------------------------------------ catch-up
FILE_TIME_SLACK_NS = 20_000_000  # files stamped up to this long before a scan began are examined again


def file_clock_ns() -> int:
    """Now, on the clock file times are taken from, less :data:`FILE_TIME_SLACK_NS`: Linux stamps files
    from its coarse clock, which may lag ``time.time_ns()`` by a tick, and a file written just after this
    was read may still get a time a little before it (0.6 ms seen on Linux 6.18, a flaky test)."""
    coarse = getattr(time, "CLOCK_REALTIME_COARSE", None)
    now = time.clock_gettime_ns(coarse) if coarse is not None else time.time_ns()
    return now - FILE_TIME_SLACK_NS


def _changed(cand: Candidate, known: Dict[str, int], since_ns: int) -> bool:
    try:
        st = os.stat(cand.path)
    except OSError:
        return True  # the importer says why it cannot be read
    touched = max(st.st_mtime_ns, st.st_ctime_ns) >= since_ns  # ctime: a file moved in keeps its mtime
    size = known.get(cand.path)
    return touched if size is None else (size != st.st_size or touched)


def changed_files(lib: Library, folder: WatchedFolder, known: Dict[str, int],
                  should_stop: Optional[StopFn] = None) -> Tuple[List[Candidate], List[Tuple[str, str]]]:
    """Files of ``folder`` to examine (see the module docstring) and the entries its walk skipped."""
    scan = scan_paths([folder.path], exclude=[str(lib.root)], should_stop=should_stop)
    return [c for c in scan.files if _changed(c, known, folder.scanned_ns)], scan.skipped


def catch_up(lib: Library, *, on_progress: Optional[ProgressFn] = None,
             should_stop: Optional[StopFn] = None) -> ImportReport:
    """Import what arrived in the watched folders since their last scan; one report for all of them.

    A missing folder is reported as skipped (it may be an unplugged disk) and stays on the list.
    """
    stop = should_stop or (lambda: False)
    known = {r[0]: r[1] for r in lib.connection().execute("SELECT path, byte_size FROM images WHERE status = 'ok'")}
    todo: List[Candidate] = []
    skipped: List[Tuple[str, str]] = []
    stamps: Dict[str, int] = {}
    for folder in watched_folders(lib):
        if not os.path.isdir(folder.path):
            skipped.append((display_path(folder.path), "watched folder is missing (unplugged disk?); "
                                                         "reconnect it or remove it from the watched folders"))
            continue
        stamps[folder.path] = file_clock_ns()
        files, walk_skipped = changed_files(lib, folder, known, stop)
        todo += files
        skipped += walk_skipped
    report = import_candidates(lib, todo, on_progress=on_progress, should_stop=stop)
    report.skipped[:0] = skipped
    if not report.cancelled and not stop():
        _mark_scanned(lib, stamps)
    return report


# ------------------------------------------------------------------ live
def candidate_for(roots: List[str], path: str, library_root: str) -> Optional[Candidate]:
    """``path`` (a file or folder inside a watched folder) with the character its place implies, or
    None when it is not to be imported: outside every root, in the library's folder, or hidden."""
    if _inside(path, library_root):
        return None
    for root in roots:
        if path != root and _inside(path, root):
            parts = os.path.relpath(path, root).split(os.sep)
            if any(p.startswith(".") for p in parts):
                return None
            in_character_folder = len(parts) >= 2 or os.path.isdir(path)
            return Candidate(path, character_name(parts[0]) if in_character_folder else None)
    return None


def _parents(path: str):
    """The folders above ``path``, nearest first."""
    parent = os.path.dirname(path)
    while parent and parent != path:
        yield parent
        path, parent = parent, os.path.dirname(parent)


class _Collector(FileSystemEventHandler):
    """Remembers, from the observer's thread, when each path was last touched (the library's own
    files, which change with every import, left out)."""

    def __init__(self, library_root: str) -> None:
        self._lock = threading.Lock()
        self._touched: Dict[str, float] = {}
        self._library_root = library_root

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("deleted", "opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type not in ("created", "moved"):
            return  # a folder's own "modified" only repeats the events of the files in it
        path = os.fsdecode(getattr(event, "dest_path", "") or event.src_path)
        if _inside(path, self._library_root):
            return
        with self._lock:
            self._touched[path] = time.monotonic()

    def due(self, quiet_s: float) -> List[str]:
        """Paths quiet for ``quiet_s``, removed from the waiting list.

        A folder (a new one, or one moved in) is due only once everything touched inside it is
        quiet too, and it takes its waiting files with it: its import scans them, so no file is
        imported, or reported, twice.
        """
        now = time.monotonic()
        with self._lock:
            latest = dict(self._touched)
            for path, touched in self._touched.items():
                for parent in _parents(path):
                    if parent in latest:
                        latest[parent] = max(latest[parent], touched)
            ready = {p for p, t in latest.items() if now - t >= quiet_s}
            covered = {p for p in latest if any(parent in latest for parent in _parents(p))}
            for p in ready:
                del self._touched[p]
        return sorted(ready - covered)

    def waiting(self) -> bool:
        with self._lock:
            return bool(self._touched)


def import_touched(lib: Library, roots: List[str], paths: List[str],
                   should_stop: Optional[StopFn] = None) -> Optional[ImportReport]:
    """Import the files (and folders' files) at ``paths``; None when none of them is to be imported."""
    todo: Dict[str, Candidate] = {}
    skipped: List[Tuple[str, str]] = []
    for path in paths:
        where = candidate_for(roots, path, os.path.realpath(lib.root))
        if where is None or not os.path.lexists(path):  # gone again (a temporary file): nothing to import
            continue
        scan = scan_paths([path], character=where.character, exclude=[str(lib.root)], should_stop=should_stop)
        todo.update((c.path, c) for c in scan.files)  # a new folder's files may also have events of their own
        skipped += scan.skipped
    if not todo and not skipped:
        return None
    report = import_candidates(lib, list(todo.values()), should_stop=should_stop)
    report.skipped[:0] = skipped
    return report


def watch(lib: Library, *, on_report: ReportFn, should_stop: StopFn, quiet_s: float = QUIET_S,
          poll_s: float = POLL_S) -> None:
    """Catch up, then import changes as they happen until ``should_stop`` or until no folder is left
    on the list; every import's report goes to ``on_report``. Folders added to or removed from the
    list meanwhile are followed too."""
    observer = Observer()
    collector = _Collector(os.path.realpath(lib.root))
    observer.start()
    watched: Optional[List[str]] = None
    complete, polled_ns = True, 0
    try:
        while not should_stop():
            listed = watched_folders(lib)
            if not listed:
                break
            current = [f.path for f in listed if os.path.isdir(f.path)]
            if current != watched:  # the first round, a folder added or removed, a disk (un)plugged
                watched = current
                problems = _follow(observer, collector, watched)  # before the walk: nothing slips between
                report = catch_up(lib, should_stop=should_stop)
                report.skipped += problems
                on_report(report)
                complete = complete and not report.cancelled
            polled_ns = file_clock_ns()
            report = import_touched(lib, watched, collector.due(quiet_s), should_stop)
            if report is not None:
                on_report(report)
                complete = complete and not report.cancelled
            time.sleep(poll_s)
        if complete and polled_ns and not collector.waiting():  # all seen was imported: catch up from here
            _mark_scanned(lib, {path: polled_ns - int(EVENT_DELAY_S * 1e9) for path in watched or []})
    finally:
        observer.stop()
        observer.join()


def _follow(observer, collector: _Collector, folders: List[str]) -> List[Tuple[str, str]]:
    """Point the observer at ``folders``; ``(folder, reason)`` for each it cannot follow."""
    observer.unschedule_all()
    problems = []
    for path in folders:
        try:
            observer.schedule(collector, path, recursive=True)
        except OSError as exc:
            problems.append((display_path(path), f"cannot follow changes ({exc.strerror or exc}; on Linux raise "
                                                 "fs.inotify.max_user_watches); it is caught up at each start only"))
    return problems
