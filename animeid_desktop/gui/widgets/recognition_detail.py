"""The Recognition page's side panel: the selected file's picture with each face's answer, its top-k bars,
predicted attributes, library status and the confirm / label as / reject buttons."""

from __future__ import annotations

import os
from typing import Dict, List, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from animeid_desktop.gui import style
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.training_text import message
from animeid_desktop.gui.widgets.curation_attributes import PredictedAttributesLabel
from animeid_desktop.gui.widgets.face_preview import FacePreview
from animeid_desktop.gui.widgets.preview_loader import PreviewLoader
from animeid_desktop.gui.widgets.recognition_table import ResultRow, status_text
from animeid_desktop.gui.widgets.topk_bars import TopKBars

PREVIEW = 280


class RecognitionDetail(QFrame):
    """One result in full; asks the page to label it (``confirmRequested``: None = the best answer, or a
    character's name) or to reject it."""

    confirmRequested = Signal(object)
    rejectRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setMinimumWidth(300)
        self.loader = PreviewLoader(self)
        self.loader.loaded.connect(self._preview_loaded)
        dl = QVBoxLayout(self)
        dl.setContentsMargins(12, 12, 12, 12)
        dl.setSpacing(style.SPACING)
        self.preview = FacePreview()  # each face's box with its answer; only shown, not edited here
        self.preview.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.preview.setMinimumHeight(200)
        self.preview.setMaximumHeight(PREVIEW)
        dl.addWidget(self.preview)
        self.file_label = QLabel()
        self.file_label.setObjectName("Section")
        self.file_label.setWordWrap(True)
        dl.addWidget(self.file_label)
        self.bars = TopKBars()
        dl.addWidget(self.bars)
        self.attributes = PredictedAttributesLabel()  # attributes of the predicted character, with confidence
        dl.addWidget(self.attributes)
        self.row_status = QLabel()
        self.row_status.setObjectName("Muted")
        self.row_status.setWordWrap(True)
        dl.addWidget(self.row_status)
        self.confirm_button = QPushButton(icon("check", "white"), self.tr("Confirm"))
        self.confirm_button.setProperty("primary", True)
        self.confirm_button.clicked.connect(lambda: self.confirmRequested.emit(None))
        dl.addWidget(self.confirm_button)
        other = QHBoxLayout()
        self.other = QComboBox()
        self.other.setMinimumContentsLength(10)
        self.other_button = QPushButton(icon("tag"), self.tr("Label as"))
        self.other_button.clicked.connect(lambda: self.confirmRequested.emit(self.other.currentData()))
        other.addWidget(self.other_button)
        other.addWidget(self.other, 1)
        dl.addLayout(other)
        self.reject_button = QPushButton(icon("close"), self.tr("Reject"))
        self.reject_button.setToolTip(self.tr("None of these: leave the image unlabelled"))
        self.reject_button.clicked.connect(self.rejectRequested)
        dl.addWidget(self.reject_button)
        dl.addStretch(1)

    def set_characters(self, characters: List[Dict]) -> None:
        """The library's characters: the "label as" choices and the bars' colours."""
        self.other.clear()
        self.bars.colours = {}
        for c in characters:
            self.other.addItem(c["name"], c["name"])
            self.bars.colours[c["name"]] = c["colour"]

    def show_row(self, row: Optional[ResultRow], *, lib, threshold: Optional[float]) -> None:
        """Show ``row`` (None: nothing selected); its picture loads in the background."""
        enabled = row is not None and not row.error
        for widget in (self.confirm_button, self.other_button, self.other, self.reject_button):
            widget.setEnabled(enabled)
        if row is None:
            self.loader.cancel()
            self.preview.set_text(self.tr("Drop images or a folder here"))
            self.preview.set_boxes([], [])
            self.file_label.setText("")
            self.bars.clear("")
            self.attributes.clear_attributes()
            self.row_status.setText("")
            self.confirm_button.setText(self.tr("Confirm"))
            return
        self.preview.set_text(self.tr("Loading…"))
        self.preview.set_boxes(row.face_boxes(self.bars.colours), [])
        self.loader.request(row.path, PREVIEW * 2)
        self.file_label.setText(os.path.basename(row.path) + (f" · {row.present}" if row.present else ""))  # notr
        self.file_label.setToolTip(row.path)
        if row.error:
            self.bars.clear(self.tr("Cannot read: {error}").format(error=message(row.error)))
        else:
            self.bars.set_prediction(row.top, row.unknown, threshold)
        self.attributes.show_for(lib, None if row.error else row.best, row.image_id, row.path)
        self.row_status.setText(status_text(row.status))
        self.confirm_button.setText(self.tr("Confirm {name}").format(name=row.best) if row.best else self.tr("Confirm"))
        self.confirm_button.setEnabled(enabled and row.best is not None)
        if row.top:
            self.other.setCurrentIndex(max(0, self.other.findData(row.top[min(1, len(row.top) - 1)][0])))

    def _preview_loaded(self, image: Optional[QImage], error: str) -> None:
        if image is None:
            self.preview.set_text(error)
            return
        self.preview.set_pixmap(QPixmap.fromImage(image))
