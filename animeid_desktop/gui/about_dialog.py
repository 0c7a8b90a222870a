"""Help → About: a Qt Designer form (``ui/about_dialog.ui``) filled with live facts."""

from __future__ import annotations

import platform
import sys
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QCoreApplication, QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from animeid_desktop import __version__


def ui_dir() -> Path:
    """The folder holding the ``.ui`` forms (source tree or a PyInstaller bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "ui").is_dir():
        return Path(bundle) / "ui"
    return Path(__file__).resolve().parents[2] / "ui"


def load_form(name: str, parent: Optional[QWidget] = None) -> QWidget:
    """Load ``ui/<name>.ui``; raises FileNotFoundError naming the file when it is missing."""
    path = ui_dir() / f"{name}.ui"
    handle = QFile(str(path))
    if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(QCoreApplication.translate(
            "AboutDialog", "user-interface form {path} is missing; reinstall AnimeID Desktop").format(path=path))
    try:
        widget = QUiLoader().load(handle, parent)
    finally:
        handle.close()
    if widget is None:
        raise FileNotFoundError(QCoreApplication.translate(
            "AboutDialog", "user-interface form {path} could not be read").format(path=path))
    return widget


def about_dialog(parent: Optional[QWidget], library_root: Optional[str], device: str) -> QDialog:
    """The About dialog with version, library folder, compute device and runtime versions."""
    import torch  # already loaded by the app behind the splash screen
    from PySide6 import __version__ as pyside_version

    dialog = load_form("about_dialog", parent)
    dialog.findChild(QLabel, "versionValue").setText(__version__)
    none_open = QCoreApplication.translate("AboutDialog", "none open")
    dialog.findChild(QLabel, "libraryValue").setText(library_root or none_open)
    dialog.findChild(QLabel, "deviceValue").setText(device)
    dialog.findChild(QLabel, "runtimeValue").setText(  # notr: names and version numbers
        f"Python {platform.python_version()} · PyTorch {torch.__version__} · PySide6 {pyside_version}")
    return dialog
