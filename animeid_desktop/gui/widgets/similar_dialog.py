"""Find similar's answer: the closest library images with their scores, and a way to see them in the gallery."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from animeid_desktop.core.curation.similar import SimilarResult
from animeid_desktop.gui import style

HEADERS = (QT_TRANSLATE_NOOP("SimilarDialog", "Score"), QT_TRANSLATE_NOOP("SimilarDialog", "Id"),
           QT_TRANSLATE_NOOP("SimilarDialog", "Character"), QT_TRANSLATE_NOOP("SimilarDialog", "File"))


class SimilarDialog(QDialog):
    """A table of the matches, best first; "Show in gallery" shows them as the gallery's explicit set."""

    showRequested = Signal(list, str)  # image ids, chip title

    def __init__(self, result: SimilarResult, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.result = result
        self.title = (self.tr("Similar to image {id}").format(id=result.image_id) if result.image_id is not None
                      else self.tr("Similar images"))
        self.setWindowTitle(self.title)
        self.resize(720, 380)
        layout = QVBoxLayout(self)
        layout.setSpacing(style.SPACING)
        summary = QLabel(self.tr("%n closest image(s); score = cosine similarity of the features (1 = same look).",
                                 "", len(result.matches))
                         if result.matches else self.tr("No other image in the library."))
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.table = QTableWidget(len(result.matches), len(HEADERS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("SimilarDialog", h) for h in HEADERS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.horizontalHeader().setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        for row, m in enumerate(result.matches):
            for column, text in enumerate((f"{m.score:.3f}", str(m.image_id), m.character or "—", m.path)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.show_button = QPushButton(self.tr("Show in gallery"))
        self.show_button.setEnabled(bool(result.matches))
        self.show_button.clicked.connect(self._show)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons.addWidget(self.show_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def _show(self) -> None:
        ids = [m.image_id for m in self.result.matches]
        if self.result.image_id is not None:
            ids.insert(0, self.result.image_id)
        self.showRequested.emit(ids, self.title)
