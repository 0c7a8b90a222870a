"""Render ``resources/app-icon.svg`` into the raster icons the bundle and desktop entries use.

Writes ``resources/app-icon.png`` (256 px, window/menu icon), ``resources/app-icon.ico``
(16-256 px, Windows executable icon) and ``resources/app-icon.icns`` (16-1024 px, the macOS
``AnimeID.app`` icon; Pillow's ICNS writer). Run it after editing the SVG:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

The outputs are committed, so building the bundle never needs Qt's SVG renderer.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
SVG = RESOURCES / "app-icon.svg"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
ICNS_SIZE = 1024  # Pillow writes every smaller ICNS size (16-512, and @2x) from this one


def render_png(svg: Path, size: int) -> bytes:
    """Render an SVG file to PNG bytes of ``size`` x ``size`` pixels with a transparent background."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    """Write app-icon.png, app-icon.ico and app-icon.icns next to the SVG."""
    from PIL import Image

    png = render_png(SVG, 256)
    (RESOURCES / "app-icon.png").write_bytes(png)
    Image.open(io.BytesIO(png)).save(RESOURCES / "app-icon.ico", sizes=ICO_SIZES)
    Image.open(io.BytesIO(render_png(SVG, ICNS_SIZE))).save(RESOURCES / "app-icon.icns")
    print(f"wrote app-icon.png, app-icon.ico and app-icon.icns in {RESOURCES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
