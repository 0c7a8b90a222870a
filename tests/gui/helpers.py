"""Helpers for GUI tests: simulated drags and drops."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication


def _send_drop(widget, mime: QMimeData, pos: QPoint) -> QDropEvent:
    enter = QDragEnterEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), "the widget refused the drag"
    move = QDragMoveEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, move)
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop


def drop_urls(widget, paths, pos: QPoint = QPoint(50, 50)) -> QDropEvent:
    """Simulate dragging files/folders from a file manager and dropping them on ``widget``."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return _send_drop(widget, mime, pos)


def drop_mime(widget, mime: QMimeData, pos: QPoint) -> QDropEvent:
    """Drop an application drag (e.g. thumbnails) at ``pos`` of ``widget``."""
    return _send_drop(widget, mime, pos)
