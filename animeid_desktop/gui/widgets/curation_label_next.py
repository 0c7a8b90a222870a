"""Work through the "what to label next" queue with the keyboard only: one picture at a time.

Enter takes the model's first candidate, 1-9 the n-th character, N names a new character, Space or →
skips, ← goes back, Backspace undoes the last label, Esc closes. Every label is an ordinary
undoable labelling step.
"""

from __future__ import annotations

from typing import List, Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout

from animeid_desktop.core.curation.active_learning import QueueItem
from animeid_desktop.gui import curation_text, dialogs, style
from animeid_desktop.gui.widgets.preview_loader import PreviewLoader
from animeid_desktop.gui.widgets.topk_bars import TopKBars

PREVIEW = 420


class LabelNextDialog(QDialog):
    """One queued picture at a time; the keys label it and move on."""

    def __init__(self, session, queue: List[QueueItem], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Label next"))
        self.session = session
        self.queue = list(queue)
        self.position = 0
        self.labelled = 0
        self.loader = PreviewLoader(self)
        self.loader.loaded.connect(self._loaded)

        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW, PREVIEW)
        self.counter = QLabel()
        self.counter.setObjectName("Section")
        self.reason = QLabel()
        self.reason.setObjectName("Muted")
        self.reason.setWordWrap(True)
        self.bars = TopKBars()
        self.keys = QLabel()
        self.keys.setWordWrap(True)
        self.keys.setTextFormat(Qt.TextFormat.RichText)
        side = QVBoxLayout()
        side.addWidget(self.counter)
        side.addWidget(self.reason)
        side.addWidget(self.bars)
        side.addSpacing(style.SPACING)
        side.addWidget(self.keys)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(side)
        self.setMinimumWidth(820)
        self._show()

    # ------------------------------------------------------------------ display
    def names(self) -> List[str]:
        return [c["name"] for c in self.session.characters()]

    def current(self) -> Optional[QueueItem]:
        return self.queue[self.position] if 0 <= self.position < len(self.queue) else None

    def _show(self) -> None:
        item = self.current()
        names = self.names()
        legend = "".join(f"<b>{n + 1}</b> {name}<br>" for n, name in enumerate(names[:9]))
        self.keys.setText(self.tr("{legend}<br><b>Enter</b> take the suggestion · <b>N</b> new character<br>"
                                  "<b>Space</b>/<b>→</b> skip · <b>←</b> back · <b>Backspace</b> undo · <b>Esc</b> "
                                  "close").format(legend=legend))
        self.bars.colours = {c["name"]: c["colour"] for c in self.session.characters()}
        if item is None:
            self.counter.setText(self.tr("Done: {count} labelled").format(count=self.labelled))
            self.reason.setText(self.tr("The queue is empty. Retrain to let the model learn from your new labels."))
            self.preview.setPixmap(QPixmap())
            self.preview.setText("✓")
            self.bars.clear("")
            return
        self.counter.setText(self.tr("{n} of {total} · {count} labelled").format(
            n=self.position + 1, total=len(self.queue), count=self.labelled))
        self.reason.setText(curation_text.queue_reason(item))
        if item.top:
            self.bars.set_prediction(item.top, item.unknown)
        else:
            self.bars.clear(self.tr("No model yet"))
        self.preview.setText(self.tr("Loading…"))
        self.loader.request(item.path, PREVIEW)

    def _loaded(self, image: Optional[QImage], error: str) -> None:
        if image is None:
            self.preview.setText(error)
            return
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(
            PREVIEW, PREVIEW, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    # ------------------------------------------------------------------ actions
    def label_current(self, name: str) -> None:
        item = self.current()
        if item is None:
            return
        with dialogs.reporting(self):
            self.session.label([item.image_id], name)
            self.labelled += 1
            self.step(1)

    def accept_suggestion(self) -> None:
        """Label the picture as the model's first candidate (even below its "unknown" threshold:
        the user sees the candidate and decides)."""
        item = self.current()
        if item is not None and item.top:
            self.label_current(item.top[0][0])

    def new_character(self) -> None:
        name = dialogs.ask_text(self, self.tr("New character"), self.tr("Name of the character in this picture:"))
        if name:
            with dialogs.reporting(self):
                self.session.add_character(name)
                self.label_current(name)

    def step(self, delta: int) -> None:
        self.position = max(0, min(len(self.queue), self.position + delta))
        self._show()

    def undo_last(self) -> None:
        if self.session.undo_stack.can_undo() and self.labelled:
            with dialogs.reporting(self):
                self.session.undo()
                self.labelled -= 1
                self.step(-1)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            names = self.names()
            n = int(key - Qt.Key.Key_1)
            if n < len(names):
                self.label_current(names[n])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept_suggestion()
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Right):
            self.step(1)
        elif key == Qt.Key.Key_Left:
            self.step(-1)
        elif key == Qt.Key.Key_Backspace:
            self.undo_last()
        elif key == Qt.Key.Key_N:
            self.new_character()
        else:
            super().keyPressEvent(event)
