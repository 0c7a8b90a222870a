"""What a page of the main window is: a spec with a factory, and a small base widget."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from animeid_desktop.gui.session import Session


@dataclass(frozen=True)
class PageSpec:
    """One entry of the navigation list. ``factory(session, window)`` builds the page widget.

    ``title`` and ``tooltip`` stay English (they name the page in logs and the self-test); mark them
    with ``QT_TRANSLATE_NOOP("PageSpec", ...)`` where the page defines them: the window shows
    :meth:`display_title` and :meth:`display_tooltip`, translated in that context.
    """

    key: str
    title: str
    icon: str
    factory: Callable[[Session, Any], QWidget]
    tooltip: str = ""

    def display_title(self) -> str:
        return QCoreApplication.translate("PageSpec", self.title)

    def display_tooltip(self) -> str:
        return QCoreApplication.translate("PageSpec", self.tooltip) if self.tooltip else ""


class Page(QWidget):
    """Base of the pages: knows the session and the main window, refreshes lazily when shown.

    Subclasses implement :meth:`reload`; call :meth:`mark_dirty` when data changed. A hidden page
    reloads the next time it is shown, a visible one right away.
    """

    def __init__(self, session: Session, window: Any) -> None:
        super().__init__()
        self.setObjectName("Page")
        self.session = session
        self.window_ = window
        self._dirty = True

    def mark_dirty(self, *_args) -> None:
        self._dirty = True
        if self.isVisible():
            self.reload_if_dirty()

    def reload_if_dirty(self) -> None:
        if self._dirty:
            self._dirty = False
            self.reload()

    def reload(self) -> None:
        """Re-read everything the page shows from the library."""

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.reload_if_dirty()
