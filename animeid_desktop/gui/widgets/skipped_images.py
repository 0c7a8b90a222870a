"""Labelled images a training run could not use: the Training page's banner and list, the Health page's panel."""

from __future__ import annotations

import html
import os
from typing import List, Optional, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from animeid_desktop.core.curation.health import SkippedLabel
from animeid_desktop.core.library.runs import SKIPPED_WARN_SHARE, SkippedImage, skipped_share
from animeid_desktop.gui import style
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.training_text import message, skipped_reasons

BANNER_STYLE = {
    True: f"QFrame#SkippedBanner {{ background: #fdf2e2; border: 1px solid {style.WARN}; border-radius: 6px; }}",
    False: f"QFrame#SkippedBanner {{ background: {style.PANEL}; border: 1px solid {style.BORDER}; "
           "border-radius: 6px; }",
}


FILE = QT_TRANSLATE_NOOP("SkippedImages", "File")
CHARACTER = QT_TRANSLATE_NOOP("SkippedImages", "Character")
WHY = QT_TRANSLATE_NOOP("SkippedImages", "Why it was skipped")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SkippedImages", text)


def skipped_summary(count: int, labelled_count: int) -> str:
    """``2 of 18 labelled images (11%) were not used for training``."""
    share = f"{skipped_share(count, labelled_count):.0%}"
    if count == 1:  # the English source says "was"/"were" even where no English translation is loaded
        text = QCoreApplication.translate(
            "SkippedImages", "%n of {labelled} labelled images ({share}) was not used for training", None, count)
    else:
        text = QCoreApplication.translate(
            "SkippedImages", "%n of {labelled} labelled images ({share}) were not used for training", None, count)
    return text.format(labelled=f"{labelled_count:,}", share=share)


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels([_tr(h) for h in headers])
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a path's file name stays visible
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    """One row per entry, each cell's whole text in its tooltip."""
    table.setRowCount(len(rows))
    for n, row in enumerate(rows):
        for column, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(n, column, item)


class SkippedDialog(QDialog):
    """The list of the labelled images a run could not use: file and reason."""

    def __init__(self, skipped: Sequence[SkippedImage], labelled_count: int, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Images the run could not use"))
        self.resize(760, 380)
        layout = QVBoxLayout(self)
        layout.setSpacing(style.SPACING)
        text = QLabel(self.tr("{summary}. Replace those files or remove their labels (the Dataset health page "
                              "lists them with both actions), then train again.").format(
            summary=skipped_summary(len(skipped), labelled_count)))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.table = _table((FILE, WHY))
        _fill(self.table, [(s.path, message(s.reason)) for s in skipped])
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.setProperty("primary", True)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)


class SkippedBanner(QFrame):
    """After a run: how many labelled images it skipped and why; a warning above ``SKIPPED_WARN_SHARE``."""

    healthWanted = Signal()  # the user wants to act on them on the Dataset health page

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("SkippedBanner")
        self.skipped: List[SkippedImage] = []
        self.labelled_count = 0
        self.warns = False
        self.dialog: Optional[SkippedDialog] = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.icon = QLabel()
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.text, 1)
        self.list_button = QPushButton(self.tr("Show the files"))
        self.list_button.clicked.connect(self.show_list)
        layout.addWidget(self.list_button)
        self.health_button = QPushButton(icon("warning"), self.tr("Dataset health"))
        self.health_button.setToolTip(self.tr("Show them in the gallery or remove their labels on the Dataset health "
                                                   "page"))
        self.health_button.clicked.connect(self.healthWanted)
        layout.addWidget(self.health_button)
        self.hide()

    def show_skipped(self, skipped: Sequence[SkippedImage], labelled_count: int) -> None:
        """Show what a run skipped (hidden when it skipped nothing)."""
        self.skipped, self.labelled_count = list(skipped), labelled_count
        self.setVisible(bool(self.skipped))
        if not self.skipped:
            return
        self.warns = skipped_share(len(self.skipped), labelled_count) > SKIPPED_WARN_SHARE
        summary = skipped_summary(len(self.skipped), labelled_count)
        why = html.escape(skipped_reasons(s.reason for s in self.skipped))
        if self.warns:
            self.text.setText(self.tr("<b>Warning: {summary}</b> ({why}). The model learnt from a smaller set "
                                      "than you labelled: replace those files or remove their labels, then train "
                                      "again.").format(summary=html.escape(summary), why=why))
        else:
            self.text.setText(self.tr("{summary}: {why}.").format(summary=html.escape(summary), why=why))
        self.icon.setPixmap(icon("warning", style.WARN if self.warns else style.MUTED).pixmap(20, 20))
        self.setStyleSheet(BANNER_STYLE[self.warns])

    def show_list(self) -> SkippedDialog:
        """Open the list of the skipped files with their reasons."""
        self.dialog = SkippedDialog(self.skipped, self.labelled_count, self)
        self.dialog.open()
        return self.dialog


class SkippedPanel(QFrame):
    """Health: the labelled images the latest run could not use, to show in the gallery or unlabel."""

    showInGallery = Signal(list, str)  # image ids, title
    unlabelRequested = Signal(list)  # image ids

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.skipped: List[SkippedLabel] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        self.title = QLabel()
        self.title.setObjectName("Section")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.table = _table((FILE, CHARACTER, WHY))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellDoubleClicked.connect(lambda row, _column: self._show([self.skipped[row]]))
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.gallery_button = QPushButton(icon("gallery"), self.tr("Show in gallery"))
        self.gallery_button.setToolTip(self.tr("The selected images (all when none is selected) in the gallery"))
        self.gallery_button.clicked.connect(lambda: self._show(self.selected() or self.skipped))
        row.addWidget(self.gallery_button)
        self.unlabel_button = QPushButton(icon("untag"), self.tr("Remove labels"))
        self.unlabel_button.setToolTip(self.tr("Unlabel the selected images so training stops counting on "
                                               "them (Ctrl+Z undoes)"))
        self.unlabel_button.clicked.connect(lambda: self.unlabelRequested.emit([s.image_id for s in self.selected()]))
        row.addWidget(self.unlabel_button)
        layout.addLayout(row)
        self.show_skipped([], None)

    def show_skipped(self, skipped: Sequence[SkippedLabel], run_id: Optional[str]) -> None:
        """List what run ``run_id`` skipped (hidden when nothing)."""
        self.skipped = list(skipped)
        n = len(self.skipped)
        self.title.setText(self.tr("%n labelled images the latest training run could not use · double-click one "
                                   "to see it", "", n))
        self.title.setToolTip(self.tr("Run {run}").format(run=run_id))
        _fill(self.table, [(s.path, s.character, message(s.reason)) for s in self.skipped])
        self._selection_changed()
        self.setVisible(bool(self.skipped))

    def selected(self) -> List[SkippedLabel]:
        return [self.skipped[index.row()] for index in self.table.selectionModel().selectedRows()]

    def _selection_changed(self) -> None:
        self.unlabel_button.setEnabled(bool(self.selected()))

    def _show(self, items: Sequence[SkippedLabel]) -> None:
        if items:
            title = os.path.basename(items[0].path) if len(items) == 1 else \
                self.tr("Skipped by training ({count})").format(count=len(items))
            self.showInGallery.emit([s.image_id for s in items], title)
