"""Walk the paths given to an import: which files to look at, and which character each belongs to.

Layout rule: the direct subfolders of an imported folder are character names; every file below
``ROOT/<name>/`` (at any depth when recursive) is labelled ``<name>``; files directly in ``ROOT``
and files given one by one are unlabelled (unless a character is forced). Hidden files and folders
(dot-names) are ignored; symlinked folders are followed with loop detection; special files,
broken links, unreadable folders and names that are not valid UTF-8 are reported, never fatal.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, List, Optional, Set, Tuple

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.media.images import IMAGE_EXTENSIONS


@dataclass
class Candidate:
    """A regular file to examine, with the character its location implies (or None)."""

    path: str
    character: Optional[str]


@dataclass
class ScanResult:
    """Files to examine and the entries that were skipped while walking, with reasons."""

    files: List[Candidate] = field(default_factory=list)
    skipped: List[Tuple[str, str]] = field(default_factory=list)


def display_path(path: str) -> str:
    """A printable form of a path even when its name is not valid UTF-8."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def character_name(folder_name: str) -> str:
    """Character name for a folder name: NFC-normalised (macOS folders arrive decomposed), stripped."""
    return unicodedata.normalize("NFC", folder_name).strip()


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _valid_utf8(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _dir_key(path: str) -> Optional[Tuple[int, int]]:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class _Walker:
    def __init__(self, recursive: bool, exclude: Iterable[str], should_stop: Callable[[], bool]) -> None:
        self.recursive = recursive
        self.exclude = {k for k in (_dir_key(p) for p in exclude) if k is not None}
        self.should_stop = should_stop
        self.result = ScanResult()
        self.seen_dirs: Set[Tuple[int, int]] = set()

    def skip(self, path: str, reason: str) -> None:
        self.result.skipped.append((display_path(path), reason))

    def add_file(self, path: str, character: Optional[str]) -> None:
        if not _valid_utf8(path):
            self.skip(path, "file name is not valid UTF-8; rename the file")
            return
        try:
            st = os.stat(path)
        except FileNotFoundError:
            self.skip(path, "broken link (its target does not exist)")
            return
        except OSError as exc:
            self.skip(path, f"cannot read file ({exc.strerror or exc})")
            return
        if not stat.S_ISREG(st.st_mode):
            self.skip(path, "not a regular file")
            return
        self.result.files.append(Candidate(path, character))

    def walk_root(self, root: str, forced: Optional[str]) -> None:
        """Walk an imported folder: its direct subfolders name characters unless ``forced`` is set."""
        key = _dir_key(root)
        for entry_path, name, is_dir in self.entries(root):
            if not is_dir:
                self.add_file(entry_path, forced)
            elif forced is not None:
                self.walk_dir(entry_path, forced, (key,), deeper=self.recursive)
            else:
                label = character_name(name)
                if not _valid_utf8(label):
                    self.skip(entry_path, "folder name is not valid UTF-8; rename the folder")
                    continue
                self.walk_dir(entry_path, label, (key,), deeper=self.recursive)

    def walk_dir(self, path: str, character: Optional[str], ancestors: tuple, deeper: bool) -> None:
        stack = [(path, ancestors, deeper)]
        while stack:
            if self.should_stop():
                return
            current, parents, go_deeper = stack.pop()
            key = _dir_key(current)
            if key is None:
                self.skip(current, "broken link (its target does not exist)")
                continue
            if key in self.exclude:
                continue
            if key in parents:
                self.skip(current, "symlink loop (the link points back to a folder that contains it)")
                continue
            if key in self.seen_dirs:  # reached twice (overlapping paths, two links): its files are listed
                continue
            self.seen_dirs.add(key)
            subdirs = []
            for entry_path, _name, is_dir in self.entries(current):
                if not is_dir:
                    self.add_file(entry_path, character)
                elif go_deeper:
                    subdirs.append((entry_path, parents + (key,), True))
            stack.extend(reversed(subdirs))

    def entries(self, folder: str) -> List[Tuple[str, str, bool]]:
        """Visible entries of ``folder`` as (path, name, is_dir), sorted by name; errors reported."""
        try:
            with os.scandir(folder) as it:
                raw = sorted(it, key=lambda e: e.name)
        except PermissionError:
            self.skip(folder, "cannot open folder (permission denied)")
            return []
        except OSError as exc:
            self.skip(folder, f"cannot open folder ({exc.strerror or exc})")
            return []
        out = []
        for entry in raw:
            if _is_hidden(entry.name):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            out.append((entry.path, entry.name, is_dir))
        return out


def scan_paths(
    paths: Iterable[str | os.PathLike],
    character: Optional[str] = None,
    recursive: bool = True,
    exclude: Iterable[str] = (),
    should_stop: Optional[Callable[[], bool]] = None,
) -> ScanResult:
    """List the files to import from ``paths`` (files or folders) with their implied characters.

    Raises :class:`UserError` before anything is walked when a path does not exist. ``exclude``
    lists folders never to enter (the library's own cache). ``recursive=False`` looks only at
    ``ROOT`` and its direct character subfolders.
    """
    roots = [os.path.abspath(os.fspath(p)) for p in paths]
    if not roots:
        raise UserError("nothing to import: give at least one file or folder")
    for root in roots:
        if not os.path.exists(root):
            raise UserError(f"{display_path(root)}: no such file or folder")
    forced = character_name(character) if character is not None else None
    if forced == "":
        raise UserError("--character needs a non-empty name")
    walker = _Walker(recursive, exclude, should_stop or (lambda: False))
    for root in roots:
        if os.path.isdir(root):
            walker.walk_root(root, forced)
        else:
            walker.add_file(root, forced)
    # The same file given twice (or reached through two routes) is examined once, with its label if any.
    unique: dict = {}
    for cand in walker.result.files:
        if unique.get(cand.path) is None or unique[cand.path].character is None:
            unique[cand.path] = cand
    walker.result.files = list(unique.values())
    return walker.result


def expand_paths(paths: Iterable[str | os.PathLike]) -> List[str]:
    """Files named directly, plus image files (by extension) found recursively in folders, sorted."""
    out: List[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, f) for f in files if Path(f).suffix.lower() in IMAGE_EXTENSIONS)
            out.extend(sorted(found))
        else:
            out.append(str(path))
    return out
