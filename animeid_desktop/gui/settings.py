"""QSettings for window state and recent libraries only (library data lives in the library).

Tests and the self-test point QSettings at a temporary folder with :func:`use_settings_dir`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

from PySide6.QtCore import QCoreApplication, QSettings

ORGANIZATION = "AnimeID"
APPLICATION = "AnimeID Desktop"
MAX_RECENT = 8
_settings_dir: Optional[Path] = None


def use_settings_dir(folder: Optional[str | os.PathLike]) -> None:
    """Keep settings in ``folder`` (an INI file) instead of the platform's per-user store."""
    global _settings_dir
    _settings_dir = Path(folder) if folder else None


def app_settings() -> QSettings:
    """The settings object (INI file in the overridden folder, else the platform default)."""
    if _settings_dir is not None:
        _settings_dir.mkdir(parents=True, exist_ok=True)
        return QSettings(str(_settings_dir / "animeid-desktop.ini"), QSettings.Format.IniFormat)
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    return QSettings(ORGANIZATION, APPLICATION)


def recent_libraries() -> List[str]:
    """Recently opened library folders, most recent first (folders that vanished are left out)."""
    value = app_settings().value("recent/libraries", [])
    items = [value] if isinstance(value, str) else list(value or [])
    return [p for p in items if p and Path(p, "library.sqlite").exists()]


def add_recent_library(path: str) -> None:
    s = app_settings()
    value = s.value("recent/libraries", [])
    items = [value] if isinstance(value, str) else list(value or [])
    items = [path] + [p for p in items if p != path]
    s.setValue("recent/libraries", items[:MAX_RECENT])
    s.sync()


def last_library() -> Optional[str]:
    recent = recent_libraries()
    return recent[0] if recent else None
