"""Where libraries and settings live: platformdirs defaults, ``ANIMEID_LIBRARY``, portable mode."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import platformdirs

APP_NAME = "AnimeID"
PORTABLE_MARKER = "portable"


def portable_root() -> Optional[Path]:
    """Folder of a frozen executable that has a ``portable`` marker file beside it, else None."""
    if getattr(sys, "frozen", False):
        exe_dir = Path(sys.executable).resolve().parent
        if (exe_dir / PORTABLE_MARKER).exists():
            return exe_dir
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
