"""Side panel of the gallery: the current image large, its label, prediction and attributes."""

from __future__ import annotations

import os
from typing import Dict, List, Optional

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from animeid_desktop.core.library import gallery_query
from animeid_desktop.gui import style
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.image_reasons import translate_core_text
from animeid_desktop.gui.session import Session
from animeid_desktop.gui.widgets.attribute_editor import AttributeEditor
from animeid_desktop.gui.widgets.detail_boxes import DetailBoxes
from animeid_desktop.gui.widgets.face_preview import FacePreview
from animeid_desktop.gui.widgets.preview_loader import PreviewLoader
from animeid_desktop.gui.widgets.topk_bars import TopKBars

PREVIEW = 300


def human_size(n: Optional[int]) -> str:
    """Bytes as a short human text (``230 KB``)."""
    if not n:
        return ""
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return ""


class ImageDetail(QWidget):
    """Shows the current image of a selection; offers to confirm its prediction."""

    confirmRequested = Signal(list)  # ids whose top prediction should become their label

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.image_ids: List[int] = []
        self.current: Optional[int] = None
        self.detail: Optional[dict] = None
        self.loader = PreviewLoader(self)
        self.loader.loaded.connect(self._preview_loaded)
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._rebuild)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        body.setObjectName("Page")
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 0, 6, 0)
        layout.setSpacing(style.SPACING)

        self.preview = FacePreview()
        self.preview.setMaximumHeight(PREVIEW)
        layout.addWidget(self.preview)
        self.boxes = DetailBoxes(session, self.preview, self)
        self.box_hint = QLabel()
        self.box_hint.setObjectName("Muted")
        self.box_hint.setWordWrap(True)
        self.boxes.note.connect(self.box_hint.setText)
        layout.addWidget(self.box_hint)
        self.name = QLabel()
        self.name.setObjectName("Section")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.name)
        self.info = QLabel()
        self.info.setObjectName("Muted")
        self.info.setWordWrap(True)
        layout.addWidget(self.info)

        label_row = QHBoxLayout()
        self.chip = QLabel()
        self.chip.setFixedSize(12, 12)
        label_row.addWidget(self.chip)
        self.label_text = QLabel()
        self.label_text.setWordWrap(True)
        # "A+B+C" of a group shot wraps or clips, never widens the panel
        self.label_text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        label_row.addWidget(self.label_text, 1)
        layout.addLayout(label_row)

        pred_title = QLabel(self.tr("Prediction"))
        pred_title.setObjectName("Section")
        layout.addWidget(pred_title)
        self.bars = TopKBars()
        layout.addWidget(self.bars)
        self.confirm = QPushButton(icon("check"), self.tr("Confirm prediction"))
        self.confirm.setToolTip(self.tr("Label the selected images with their predicted character"))
        self.confirm.clicked.connect(lambda: self.confirmRequested.emit(list(self.image_ids)))
        layout.addWidget(self.confirm, 0, Qt.AlignmentFlag.AlignLeft)

        self.attributes = AttributeEditor(session)
        layout.addWidget(self.attributes)
        layout.addStretch(1)

        session.labelsChanged.connect(self._labels_changed)
        session.modelChanged.connect(self.refresh)
        session.predictionsChanged.connect(self._labels_changed)
        session.charactersChanged.connect(self.refresh)
        session.libraryChanged.connect(lambda: self.show_images([], None))
        self.show_images([], None)

    def set_colours(self, colours: Dict[str, str]) -> None:
        self.bars.colours = colours

    def show_images(self, image_ids: List[int], current: Optional[int]) -> None:
        """Show ``current`` (or the first of ``image_ids``) and the selection's shared state."""
        self.image_ids = list(image_ids)
        new_current = current if current in image_ids else (image_ids[0] if image_ids else None)
        if new_current != self.current:
            self.current = new_current
            self.preview.set_text(self.tr("Loading…") if new_current is not None else "")
            self.box_hint.setText("")
        self.refresh()

    def refresh(self) -> None:
        """Re-read what is shown (deferred, so it is safe to call from the editors' own signals)."""
        self._refresh_timer.start()

    def _labels_changed(self, ids: list) -> None:
        if not ids or set(ids) & set(self.image_ids):
            self.refresh()

    def _rebuild(self) -> None:
        lib = self.session.lib
        self.detail = None
        if lib is None or self.current is None:
            self._show_nothing()
            return
        run_id = self.session.active_run_id()
        self.detail = detail = gallery_query.image_detail(lib, self.current, run_id)
        if detail is None:
            self._show_nothing()
            return
        if not self.preview.has_picture():
            self.loader.request(detail["path"], PREVIEW * 2)
        self.boxes.show_image(self.current)
        self.name.setText(os.path.basename(detail["path"]))
        self.name.setToolTip(detail["path"])
        self.info.setText(f"{detail['width']}×{detail['height']} · {detail['format'].upper()} · "
                          f"{human_size(detail['byte_size'])}")
        counts = gallery_query.label_counts(lib, self.image_ids)
        labelled = {k: v for k, v in counts.items() if k}
        shared = next(iter(labelled)) if len(labelled) == 1 and None not in counts else None
        if len(self.image_ids) > 1:
            self._set_label(shared, self._selection_text(counts, labelled))
        else:
            source = {"imported": " · " + self.tr("from folder"),
                      "confirmed": " · " + self.tr("confirmed")}.get(detail["source"], "")
            self._set_label(detail["character"], (detail["character"] or self.tr("Unlabelled")) + source)
        if detail["top"]:
            self.bars.set_prediction(detail["top"], detail["unknown"])
        else:
            self.bars.clear(self.tr("No prediction yet") if run_id else self.tr("No model trained yet"))
        can_confirm = bool(run_id) and None in counts and bool(detail["top"])
        self.confirm.setVisible(can_confirm)
        self.attributes.show_selection(self.image_ids, shared)

    def _selection_text(self, counts: Dict[Optional[str], int], labelled: Dict[str, int]) -> str:
        """``3 selected · A (2), unlabelled (1)``: the selection's three commonest labels."""
        parts = [f"{k} ({v})" for k, v in sorted(labelled.items(), key=lambda kv: -kv[1])[:3]]
        if None in counts:
            parts.append(self.tr("unlabelled ({count})").format(count=counts[None]))
        return self.tr("%n selected", "", len(self.image_ids)) + " · " + self.tr(", ").join(parts)

    def _set_label(self, character: Optional[str], text: str) -> None:
        colour = self.detail.get("colour") if self.detail and character == self.detail.get("character") else None
        colour = colour or next((c["colour"] for c in self.session.characters() if c["name"] == character), None)
        self.chip.setStyleSheet(f"background: {colour or '#d5d9e0'}; border-radius: 6px;")
        self.label_text.setText(text.replace("+", "+\u200b"))  # "A+B+C" may wrap after each +

    def _show_nothing(self) -> None:
        self.loader.cancel()
        self.preview.set_text(self.tr("Select an image"))
        self.boxes.show_image(None)
        self.box_hint.setText("")
        self.name.setText("")
        self.info.setText("")
        self.label_text.setText("")
        self.chip.setStyleSheet("background: transparent;")
        self.bars.clear("")
        self.confirm.hide()
        self.attributes.show_selection([], None)

    def _preview_loaded(self, image: Optional[QImage], error: str) -> None:
        if image is None:
            self.preview.set_text(self.tr("Cannot show this image:\n{error}").format(error=translate_core_text(error)))
            return
        self.preview.set_pixmap(QPixmap.fromImage(image))
