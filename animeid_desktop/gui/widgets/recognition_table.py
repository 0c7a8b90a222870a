"""Table of recognition results: file, top prediction with a confidence bar, runners-up, status.

A row also keeps its file's faces (each with its answer) and the characters present; the prediction
column reads "A+B" when the faces found more than one."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from animeid_desktop.gui import style
from animeid_desktop.gui.training_text import message
from animeid_desktop.gui.widgets.face_preview import LabelBox

COLUMNS = [QT_TRANSLATE_NOOP("ResultsModel", "File"), QT_TRANSLATE_NOOP("ResultsModel", "Prediction"),
           QT_TRANSLATE_NOOP("ResultsModel", "Confidence"), QT_TRANSLATE_NOOP("ResultsModel", "2nd"),
           QT_TRANSLATE_NOOP("ResultsModel", "3rd"), QT_TRANSLATE_NOOP("ResultsModel", "Status")]
SCORE_COLUMN = 2
# a row's status is kept in English (it goes into the CSV); shown through status_text()
STATUS_TEXTS = {"not in library": QT_TRANSLATE_NOOP("ResultsModel", "not in library"),
                "in library, unlabelled": QT_TRANSLATE_NOOP("ResultsModel", "in library, unlabelled"),
                "rejected": QT_TRANSLATE_NOOP("ResultsModel", "rejected")}
STATUS_PREFIXES = [("confirmed as ", QT_TRANSLATE_NOOP("ResultsModel", "confirmed as {name}")),
                   ("labelled ", QT_TRANSLATE_NOOP("ResultsModel", "labelled {name}"))]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ResultsModel", text)


def status_text(status: str) -> str:
    """A row's status in the user's language."""
    if status in STATUS_TEXTS:
        return _tr(STATUS_TEXTS[status])
    for prefix, text in STATUS_PREFIXES:
        if status.startswith(prefix):
            return _tr(text).format(name=status[len(prefix):])
    return status


@dataclass
class ResultRow:
    """One recognised file and what the user decided about it."""

    path: str
    top: List[Tuple[str, float]] = field(default_factory=list)
    unknown: bool = False
    error: str = ""
    image_id: Optional[int] = None
    status: str = ""  # "", "confirmed as X", "labelled X", "rejected"
    faces: list = field(default_factory=list)  # a FaceAnswer (core.recognition.faces) per detected face
    characters: List[str] = field(default_factory=list)  # the characters present

    @property
    def best(self) -> Optional[str]:
        return self.top[0][0] if self.top and not self.unknown else None

    @property
    def present(self) -> Optional[str]:
        """"A+B" when the faces found more than one character, else None."""
        return "+".join(self.characters) if len(self.characters) > 1 else None

    def face_boxes(self, colours: Dict[str, str]) -> List[LabelBox]:
        """Each face's box named with its top answer and percentage ("unknown" when it has none)."""
        boxes = []
        unknown = QCoreApplication.translate("ResultsModel", "unknown")
        for face in self.faces:
            if face.best is None:
                boxes.append(LabelBox(unknown, style.MUTED, tuple(face.box)))
            else:
                boxes.append(LabelBox(f"{face.best} {face.top[0][1]:.0%}", colours.get(face.best, ""), tuple(face.box)))
        return boxes


class ResultsModel(QAbstractTableModel):
    """Rows added as predictions stream in: recognised pictures first, "unknown" ones apart at the end."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: List[ResultRow] = []
        self._row_of: Dict[str, int] = {}
        self.known_count = 0  # rows before the "unknown" ones

    def clear(self) -> None:
        self.beginResetModel()
        self.rows.clear()
        self._row_of.clear()
        self.known_count = 0
        self.endResetModel()

    @property
    def unknown_count(self) -> int:
        return len(self.rows) - self.known_count

    def add(self, rows: List[ResultRow]) -> None:
        """Add rows in arrival order within their part (a path seen before is updated in place)."""
        for row in rows:
            existing = self._row_of.get(row.path)
            if existing is not None:
                self.rows[existing] = row
                self.dataChanged.emit(self.index(existing, 0), self.index(existing, len(COLUMNS) - 1))
                continue
            at = len(self.rows) if row.unknown else self.known_count
            self.beginInsertRows(QModelIndex(), at, at)
            self.rows.insert(at, row)
            self.known_count += not row.unknown
            self.endInsertRows()
        self._row_of = {r.path: n for n, r in enumerate(self.rows)}

    def row(self, n: int) -> Optional[ResultRow]:
        return self.rows[n] if 0 <= n < len(self.rows) else None

    def set_status(self, n: int, status: str) -> None:
        self.rows[n].status = status
        self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:  # the folder too ("0.png" alone is ambiguous over subfolders); it is cut first
                parent = os.path.basename(os.path.dirname(row.path))
                return f"{os.path.basename(row.path)}  ·  {parent}" if parent else os.path.basename(row.path)
            if col == 1:
                if row.error:
                    return self.tr("cannot read")
                return row.present or (self.tr("unknown") if row.unknown else (row.top[0][0] if row.top else ""))
            if col == SCORE_COLUMN:
                return f"{row.top[0][1]:.0%}" if row.top else ""
            if col in (3, 4):
                k = col - 2
                return f"{row.top[k][0]} {row.top[k][1]:.0%}" if len(row.top) > k else ""
            return message(row.error) if row.error else status_text(row.status)
        if role == Qt.ItemDataRole.UserRole and col == SCORE_COLUMN:
            return row.top[0][1] if row.top else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return message(row.error) if row.error else row.path
        if role == Qt.ItemDataRole.ForegroundRole:
            if (col == 1 and (row.unknown or row.error)) or (col == 5 and row.error):
                return QColor(style.WARN if row.unknown else style.BAD)
            if col in (3, 4, 5):
                return QColor(style.MUTED)
        return None


class ScoreBarDelegate(QStyledItemDelegate):
    """Draws the confidence column as a small bar with the percentage."""

    def paint(self, painter: QPainter, option, index) -> None:
        score = index.data(Qt.ItemDataRole.UserRole)
        if score is None:
            super().paint(painter, option, index)
            return
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, QColor(style.ACCENT_SOFT))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(6, 7, -44, -7)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#eceff4"))
        painter.drawRoundedRect(rect, 3, 3)
        fill = QRect(rect.left(), rect.top(), int(rect.width() * max(0.0, min(1.0, float(score)))), rect.height())
        painter.setBrush(QColor(style.ACCENT))
        if fill.width() > 0:
            painter.drawRoundedRect(fill, 3, 3)
        painter.setPen(QColor(style.MUTED))
        painter.drawText(option.rect.adjusted(0, 0, -4, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         f"{float(score):.0%}")
        painter.restore()
