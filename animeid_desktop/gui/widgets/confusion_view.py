"""Confusion matrix (rows: true character, columns: predicted); click a cell to see its images."""

from __future__ import annotations

from typing import List, Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from animeid_desktop.gui import style


class ConfusionModel(QAbstractTableModel):
    """Counts with row-normalised colouring: green on the diagonal, red off it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.classes: List[str] = []
        self.matrix: List[List[int]] = []

    def set_matrix(self, classes: List[str], matrix: List[List[int]]) -> None:
        self.beginResetModel()
        self.classes, self.matrix = list(classes), [list(map(int, row)) for row in matrix]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.matrix)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.classes)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        count = self.matrix[r][c]
        total = sum(self.matrix[r]) or 1
        if role == Qt.ItemDataRole.DisplayRole:
            return str(count) if count else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            share = count / total
            if count == 0:
                return QColor(style.PANEL)
            base = QColor(style.GOOD if r == c else style.BAD)
            base.setAlphaF(0.12 + 0.75 * share)
            return base
        if role == Qt.ItemDataRole.ToolTipRole:
            truth, pred = self.classes[r], self.classes[c]
            verdict = self.tr("correct") if r == c else self.tr("predicted {name}").format(name=pred)
            return self.tr("%n validation image(s) of {name}: {verdict} ({share})", "", count).format(
                name=truth, verdict=verdict, share=f"{count / total:.0%}")
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return str(section + 1)
            return f"{section + 1}  {self.classes[section]}"
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self.classes):
            if orientation == Qt.Orientation.Horizontal:
                return self.tr("predicted: {name}").format(name=self.classes[section])
            return self.tr("true: {name}").format(name=self.classes[section])
        return None


class ConfusionView(QTableView):
    """Emits ``cellChosen(true_name, predicted_name)`` when a non-empty cell is clicked."""

    cellChosen = Signal(str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.matrix_model = ConfusionModel(self)
        self.setModel(self.matrix_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setMinimumSectionSize(18)
        self.setShowGrid(True)
        self.setToolTip(self.tr("Rows: true character · columns: predicted · click a cell to see those images"))
        self.clicked.connect(self._clicked)

    def set_matrix(self, classes: List[str], matrix: List[List[int]]) -> None:
        self.matrix_model.set_matrix(classes, matrix)

    def _clicked(self, index) -> None:
        model = self.matrix_model
        if index.isValid() and model.matrix[index.row()][index.column()]:
            self.cellChosen.emit(model.classes[index.row()], model.classes[index.column()])

    def class_at(self, row: int) -> Optional[str]:
        return self.matrix_model.classes[row] if 0 <= row < len(self.matrix_model.classes) else None
