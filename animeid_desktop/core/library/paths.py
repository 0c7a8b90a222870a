"""Where libraries and settings live: platformdirs defaults, ``ANIMEID_LIBRARY``, portable mode."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import platformdirs

APP_NAME = "AnimeID"
PORTABLE_MARKER = "portable"


def portable_candidates(executable: Path) -> List[Path]:
    """Folders where a ``portable`` marker counts: beside the executable, and beside a macOS ``.app``.

    Inside ``AnimeID.app/Contents/MacOS/`` a marker would break the app's signature and is hidden from
    Finder, so the folder holding ``AnimeID.app`` counts too.
    """
    exe_dir = executable.parent
    folders = [exe_dir]
    contents = exe_dir.parent
    if exe_dir.name == "MacOS" and contents.name == "Contents" and contents.parent.suffix == ".app":
        folders.append(contents.parent.parent)
    return folders


def portable_root() -> Optional[Path]:
    """Folder of a frozen executable that has a ``portable`` marker file there, else None."""
    if getattr(sys, "frozen", False):
        for folder in portable_candidates(Path(sys.executable).resolve()):
            if (folder / PORTABLE_MARKER).exists():
                return folder
    return None


def data_root() -> Path:
    """Per-user data folder (or the portable folder)."""
    root = portable_root()
    if root is not None:
        return root / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_library_dir(explicit: Optional[str | os.PathLike] = None) -> Path:
    """Library folder: the explicit argument, else ``ANIMEID_LIBRARY``, else the per-user default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("ANIMEID_LIBRARY")
    if env:
        return Path(env).expanduser()
    return data_root() / "library"
