"""Predicted attributes in the GUI: the attribute-predictor panel and a label for one picture."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Optional

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QDoubleSpinBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from animeid_desktop.core.curation import attribute_heads
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.labels import labelled_ids
from animeid_desktop.core.media.images import ImageError, load_rgb
from animeid_desktop.gui import dialogs
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.jobs import Job


def format_attributes(found: dict) -> str:
    """``glasses: yes 92% · expression: smile 71%``."""
    parts = []
    yes_no = {"1": QCoreApplication.translate("CurationAttributes", "yes"),
              "0": QCoreApplication.translate("CurationAttributes", "no")}
    for key, (value, confidence) in sorted(found.items()):
        parts.append(f"{key}: {yes_no.get(value, value)} {confidence:.0%}")
    return " · ".join(parts)


def record_change(session, change) -> None:
    """Put a core change (e.g. confirmed attributes) on the session's undo stack and announce it."""
    from animeid_desktop.core.library.undo import affected_image_ids

    if not getattr(change, "parts", True):
        return
    session.undo_stack.push(change)
    session.undoChanged.emit()
    session.labelsChanged.emit(affected_image_ids(change))
    what = f"{change.description[:1].upper()}{change.description[1:]}"
    undo = QCoreApplication.translate("CurationAttributes", "{change} — Ctrl+Z undoes")
    session.message.emit(undo.format(change=what))


class AttributesPanel(QFrame):
    """Train the attribute predictors, see how good they are, confirm confident predictions in bulk."""

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.session = session
        self.job: Optional[Job] = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        title = QLabel(self.tr("Attributes predicted too"))
        title.setObjectName("Section")
        layout.addWidget(title)
        self.summary = QLabel()
        self.summary.setObjectName("Muted")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        self.train_button = QPushButton(icon("attributes"), self.tr("Train attribute predictors"))
        self.train_button.clicked.connect(self.train)
        row.addWidget(self.train_button)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Confirm when at least")))
        self.confidence = QDoubleSpinBox()
        self.confidence.setRange(0.5, 1.0)
        self.confidence.setSingleStep(0.05)
        self.confidence.setValue(0.9)
        row.addWidget(self.confidence)
        self.confirm_button = QPushButton(icon("check"), self.tr("Confirm predicted values"))
        self.confirm_button.setToolTip(self.tr("Store confident predictions on labelled images that have no value yet "
                                               "(one undo step)"))
        self.confirm_button.clicked.connect(self.confirm)
        row.addWidget(self.confirm_button)
        layout.addLayout(row)

    def refresh(self) -> None:
        lib = self.session.lib
        heads = attribute_heads.load_attribute_heads(lib) if lib else None
        self.confirm_button.setEnabled(heads is not None)
        if heads is None:
            self.summary.setText(self.tr("Set attribute values on some labelled images (at least {minimum} per "
                                         "attribute), then train predictors.").format(
                minimum=attribute_heads.MIN_EXAMPLES))
            return
        lines = []
        for h in heads.heads:
            acc = self.tr("too few examples to measure") if h.val_accuracy is None else \
                self.tr("{accuracy} right (guessing the commonest value: {baseline})").format(
                    accuracy=f"{h.val_accuracy:.0%}", baseline=f"{h.baseline:.0%}")
            line = self.tr("{attribute}: {accuracy}, from %n images", "", h.examples).format(
                attribute=h.key, accuracy=acc)
            if not h.reliable:
                line = self.tr("{line} — not better than guessing yet, not used: label more examples").format(
                    line=line)
            lines.append(line)
        self.summary.setText("\n".join(lines))

    def _run(self, slot: str, title: str, func, done) -> Optional[Job]:
        lib = self.session.lib
        if lib is None:
            return None
        job = self.session.runner.job(slot, lambda c: func(lib, c), lib=lib, title=title)
        job.succeeded.connect(done)
        job.failed.connect(lambda message: dialogs.show_error(self, message))
        self.job = job
        job.start()
        return job

    def train(self) -> Optional[Job]:
        return self._run("attribute-heads", self.tr("Training attribute predictors"),
                         lambda lib, c: attribute_heads.train_attribute_heads(lib, on_progress=c.progress,
                                                                               should_stop=c.should_stop),
                         lambda _heads: self.refresh())

    def confirm(self) -> Optional[Job]:
        minimum = float(self.confidence.value())

        def work(lib, c):
            preds = attribute_heads.predict_attributes(lib, labelled_ids(lib), on_progress=c.progress,
                                                       should_stop=c.should_stop)
            return attribute_heads.confirm_attributes(lib, preds, minimum)

        return self._run("attribute-confirm", self.tr("Confirming predicted attributes"), work,
                         lambda change: record_change(self.session, change))


class PredictedAttributesLabel(QLabel):
    """Shows the predicted attributes of one picture; computes them off the GUI thread."""

    _ready = Signal(int, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("Muted")
        self.setWordWrap(True)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="attributes")
        self._token = 0
        self._lock = threading.Lock()
        self._predictors: dict = {}
        self._ready.connect(self._deliver)

    def clear_attributes(self) -> None:
        self._token += 1
        self.setText("")

    def show_for(self, lib, character: Optional[str], image_id: Optional[int] = None,
                 path: Optional[str] = None) -> None:
        """Predict the attributes ``character`` defines for a library image or a file."""
        self._token += 1
        self.setText("")
        if lib is None or not character or (image_id is None and not path):
            return
        if not (lib.models_dir / attribute_heads.HEADS_FOLDER / "meta.json").is_file():
            return
        self._pool.submit(self._predict, self._token, lib, character, image_id, path)

    def _predictor(self, lib) -> attribute_heads.AttributePredictor:
        meta = lib.models_dir / attribute_heads.HEADS_FOLDER / "meta.json"
        key = (str(lib.root), meta.stat().st_mtime_ns)
        with self._lock:
            if key not in self._predictors:
                self._predictors = {key: attribute_heads.AttributePredictor(lib)}
            return self._predictors[key]

    def _predict(self, token: int, lib, character: str, image_id: Optional[int], path: Optional[str]) -> None:
        if token != self._token:
            return
        try:
            predictor = self._predictor(lib)
            if image_id is not None:
                found = predictor.predict_ids([image_id], [character]).get(image_id, {})
            else:
                found = predictor.predict_images([load_rgb(path)], [character])[0]
            text = format_attributes(found)
        except (UserError, ImageError, OSError) as exc:
            self._ready.emit(token, self.tr("attributes unavailable: {reason}").format(reason=exc))
            return
        finally:
            lib.close()  # this worker thread's connection
        self._ready.emit(token, self.tr("Attributes: {found}").format(found=text) if text else text)

    @Slot(int, str)
    def _deliver(self, token: int, text: str) -> None:
        if token == self._token:
            self.setText(text)
