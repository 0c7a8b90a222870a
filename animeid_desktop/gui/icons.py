"""Icons from ``resources/icons/*.svg``, tinted to the current palette and cached.

The SVGs draw with ``currentColor``; :func:`icon` substitutes a colour and renders crisp pixmaps
for the common sizes, plus a greyed variant for the disabled state.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from animeid_desktop.gui import style

_SIZES = (16, 20, 24, 32, 48, 64)


def icons_dir() -> Optional[Path]:
    """The folder holding the SVG icons (source tree or a PyInstaller bundle), or None."""
    candidates = [Path(__file__).resolve().parents[2] / "resources" / "icons"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "resources" / "icons")
    for path in candidates:
        if path.is_dir():
            return path
    return None


@cache
def _svg_source(name: str) -> Optional[str]:
    folder = icons_dir()
    if folder is None or not (folder / f"{name}.svg").is_file():
        return None
    return (folder / f"{name}.svg").read_text(encoding="utf-8")


def render(name: str, size: int, color: str) -> QPixmap:
    """One tinted pixmap of icon ``name`` (transparent when the icon file is missing)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    source = _svg_source(name)
    if source is not None:
        renderer = QSvgRenderer(QByteArray(source.replace("currentColor", color).encode("utf-8")))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
    return QPixmap.fromImage(image)


@cache
def icon(name: str, color: str = style.ICON) -> QIcon:
    """A QIcon for ``name`` in ``color`` with a greyed disabled state."""
    result = QIcon()
    for size in _SIZES:
        result.addPixmap(render(name, size, color), QIcon.Mode.Normal)
        result.addPixmap(render(name, size, style.DISABLED), QIcon.Mode.Disabled)
    return result


def app_icon() -> QIcon:
    """The application icon (``resources/app-icon.svg``/``.png``), else the plain glyph."""
    folder = icons_dir()
    if folder is not None:
        for name in ("app-icon.svg", "app-icon.png"):
            path = folder.parent / name
            if path.is_file():
                result = QIcon(str(path))
                if not result.isNull():
                    return result
    return icon("app", style.ACCENT)


def available(name: str) -> bool:
    """Whether an icon file of that name exists."""
    return _svg_source(name) is not None


ICON_SIZE = QSize(18, 18)
