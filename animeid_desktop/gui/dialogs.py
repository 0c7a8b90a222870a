"""Every modal question and message the app asks, in one place (tests replace these functions).

Widgets call ``dialogs.ask_text(...)`` etc. through the module (never ``from dialogs import``),
so a test or the offscreen self-test can swap in non-blocking answers.
"""

from __future__ import annotations

import contextlib
from typing import Iterator, List, Optional, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from animeid_desktop.core.errors import UserError


def show_error(parent: Optional[QWidget], message: str, title: str = "AnimeID") -> None:
    """Tell the user something went wrong (one line, no traceback)."""
    QMessageBox.warning(parent, title, message)


def show_info(parent: Optional[QWidget], message: str, title: str = "AnimeID") -> None:
    QMessageBox.information(parent, title, message)


def confirm(parent: Optional[QWidget], question: str, title: str = "AnimeID", ok: str = "") -> bool:
    """Ask a yes/no question; True when the user accepted (``ok``: the accepting button's text)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.Cancel, parent)
    accept = box.addButton(ok or QCoreApplication.translate("Dialogs", "OK"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(accept)
    box.exec()
    return box.clickedButton() is accept


def ask_text(parent: Optional[QWidget], title: str, label: str, text: str = "") -> Optional[str]:
    """A line of text, or None when cancelled or left empty."""
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    value = value.strip()
    return value if ok and value else None


def ask_choice(parent: Optional[QWidget], title: str, label: str, items: Sequence[str]) -> Optional[str]:
    """One of ``items``, or None when cancelled."""
    if not items:
        return None
    value, ok = QInputDialog.getItem(parent, title, label, list(items), 0, False)
    return value if ok else None


def open_folder(parent: Optional[QWidget], title: str, start: str = "") -> Optional[str]:
    path = QFileDialog.getExistingDirectory(parent, title, start)
    return path or None


def open_files(parent: Optional[QWidget], title: str, filters: str, start: str = "") -> List[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, start, _filters(filters))
    return list(paths)


def save_file(parent: Optional[QWidget], title: str, filters: str, start: str = "") -> Optional[str]:
    path, _ = QFileDialog.getSaveFileName(parent, title, start, _filters(filters))
    return path or None


IMAGE_FILTER = QT_TRANSLATE_NOOP("Dialogs", "Images (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff *.avif "
                                            "*.heic *.heif *.jxl);;All files (*)")
CSV_FILTER = QT_TRANSLATE_NOOP("Dialogs", "CSV files (*.csv)")


def _filters(filters: str) -> str:
    """The file-type filter in the user's language when it is one of ours (unknown ones unchanged)."""
    return QCoreApplication.translate("Dialogs", filters)


@contextlib.contextmanager
def reporting(parent: Optional[QWidget]) -> Iterator[None]:
    """Show a :class:`UserError` raised inside the block as a message instead of propagating it."""
    try:
        yield
    except UserError as exc:
        show_error(parent, str(exc))
