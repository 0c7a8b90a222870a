"""Results of a training run: accuracy figures, confusion matrix, per-character accuracy."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Dict, List, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from animeid_desktop.core.library.runs import USABLE, Run
from animeid_desktop.gui import style
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.training_text import openset_sentence
from animeid_desktop.gui.widgets.confusion_view import ConfusionView
from animeid_desktop.gui.widgets.skipped_images import SkippedBanner

MODE_NAMES = {"head": QT_TRANSLATE_NOOP("TrainResults", "head"),
              "finetune": QT_TRANSLATE_NOOP("TrainResults", "finetune")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrainResults", text)


def mode_name(mode: str) -> str:
    """A training mode ("head", "finetune") in the user's language."""
    return _tr(MODE_NAMES[mode]) if mode in MODE_NAMES else mode


def run_result(run: Run) -> SimpleNamespace:
    """A stored training run (``runs.get_run``) shaped like a ``TrainResult`` for display."""
    m = run.metrics
    return SimpleNamespace(
        run_id=run.id, model=run.model, mode=run.mode, classes=list(run.classes),
        pretrained=bool(run.pretrained), best_val_acc=float(run.best_val_acc or 0.0),
        final_val_acc=float(run.final_val_acc or 0.0), per_class_acc=m.get("per_class_acc") or {},
        confusion=m.get("confusion") or [], val_items=m.get("val_items") or [], seconds=float(run.seconds or 0),
        path=run.path or "", history=m.get("history") or [],
        previous_per_class_acc=m.get("previous_per_class_acc"), cancelled=run.status == "cancelled",
        skipped=run.skipped, labelled_count=int(m.get("labelled_count") or 0), openset=m.get("openset"),
    )


def run_title(run: Run) -> str:
    """``2025-01-01 12:00 · efficientnet_lite0 · head · 93%`` (+ ``· active``) for the run list."""
    when = run.created_at[:16].replace("T", " ")
    acc = f" · {run.best_val_acc:.0%}" if run.best_val_acc is not None else ""
    active = QCoreApplication.translate("TrainResults", " · active") if run.active else ""
    return f"{when} · {run.model} · {mode_name(run.mode)}{acc}{active}"


def _metric(title: str) -> tuple:
    box = QVBoxLayout()
    box.setSpacing(0)
    value = QLabel("–")
    value.setObjectName("Metric")
    caption = QLabel(title)
    caption.setObjectName("Muted")
    box.addWidget(value)
    box.addWidget(caption)
    return box, value


class TrainResults(QWidget):
    """Shows one ``TrainResult``; emits what the user wants to do with it."""

    useModel = Signal(str)  # run id
    cellChosen = Signal(list, str)  # image ids, title
    runChosen = Signal(str)  # the user picked another stored run to look at
    healthWanted = Signal()  # the user wants to act on the images the run skipped

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.result = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.SPACING, style.SPACING, style.SPACING, style.SPACING)
        layout.setSpacing(style.SPACING)
        runs_row = QHBoxLayout()
        label = QLabel(self.tr("Run"))
        label.setObjectName("Section")
        runs_row.addWidget(label)
        self.runs = QComboBox()
        self.runs.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.runs.activated.connect(lambda _n: self.runs.currentData() and self.runChosen.emit(self.runs.currentData()))
        runs_row.addWidget(self.runs)
        runs_row.addStretch(1)
        layout.addLayout(runs_row)
        metrics = QGridLayout()
        metrics.setHorizontalSpacing(28)
        self.values: Dict[str, QLabel] = {}
        for n, (key, title) in enumerate((("best", self.tr("best val. accuracy")),
                                          ("final", self.tr("final val. accuracy")),
                                          ("classes", self.tr("characters")), ("seconds", self.tr("training time")))):
            box, value = _metric(title)
            metrics.addLayout(box, 0, n)
            self.values[key] = value
        self.use_button = QPushButton(icon("check", "white"), self.tr("Use this model"))
        self.use_button.setProperty("primary", True)
        self.use_button.clicked.connect(lambda: self.result and self.useModel.emit(self.result.run_id))
        metrics.setColumnStretch(4, 1)
        metrics.addWidget(self.use_button, 0, 5, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(metrics)
        self.note = QLabel(self.tr("Train a model to see how well it tells your characters apart."))
        self.note.setObjectName("Muted")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.unknown_note = QLabel()
        self.unknown_note.setObjectName("Muted")
        self.unknown_note.setWordWrap(True)
        layout.addWidget(self.unknown_note)
        self.skipped = SkippedBanner()
        self.skipped.healthWanted.connect(self.healthWanted)
        layout.addWidget(self.skipped)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Confusion matrix · click a cell to see those validation images"))
        title.setObjectName("Section")
        ll.addWidget(title)
        self.confusion = ConfusionView()
        self.confusion.cellChosen.connect(self._cell)
        ll.addWidget(self.confusion, 1)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Accuracy per character"))
        title.setObjectName("Section")
        rl.addWidget(title)
        self.per_class = QTableWidget(0, 3)
        self.per_class.setHorizontalHeaderLabels([self.tr("Character"), self.tr("Accuracy"), self.tr("Change")])
        header = self.per_class.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.per_class.verticalHeader().hide()
        self.per_class.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.per_class.setSortingEnabled(True)
        rl.addWidget(self.per_class, 1)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([470, 370])
        layout.addWidget(splitter, 1)
        self.show_result(None)

    def set_runs(self, runs: List[Run], current: Optional[str]) -> None:
        """Fill the run list (newest first) and select ``current``."""
        self.runs.blockSignals(True)
        self.runs.clear()
        for run in runs:
            if run.status in USABLE:
                self.runs.addItem(run_title(run), run.id)
        self.runs.setCurrentIndex(max(0, self.runs.findData(current)))
        self.runs.setVisible(self.runs.count() > 0)
        self.runs.blockSignals(False)

    def show_result(self, result, active_run_id: Optional[str] = None) -> None:
        """Display a ``TrainResult`` (None clears)."""
        self.result = result
        if result is None:
            for value in self.values.values():
                value.setText("–")
            self.use_button.setEnabled(False)
            self.confusion.set_matrix([], [])
            self.per_class.setRowCount(0)
            self.skipped.show_skipped([], 0)
            self.unknown_note.setText("")
            return
        self.values["best"].setText(f"{result.best_val_acc:.1%}")  # notr
        self.values["final"].setText(f"{result.final_val_acc:.1%}")  # notr
        self.values["classes"].setText(str(len(result.classes)))
        self.values["seconds"].setText(
            self.tr("{seconds} s").format(seconds=f"{result.seconds:.0f}") if result.seconds < 120 else
            self.tr("{minutes} min").format(minutes=f"{result.seconds / 60:.1f}"))
        pretrained = self.tr("pretrained backbone") if result.pretrained else \
            self.tr("backbone without pretrained weights")
        state = self.tr("This is the active model.") if active_run_id == result.run_id else \
            self.tr("Press “Use this model” to recognise and suggest with it.")
        cancelled = self.tr("Stopped early: these are the numbers so far. ") if result.cancelled else ""
        self.note.setText(self.tr("{cancelled}{model} · {mode} · {pretrained}. {state}").format(
            cancelled=cancelled, model=result.model, mode=mode_name(result.mode), pretrained=pretrained, state=state))
        self.unknown_note.setText(openset_sentence(getattr(result, "openset", None) or {}))
        self.set_active(active_run_id)
        self.skipped.show_skipped(result.skipped, result.labelled_count)
        self.confusion.set_matrix(result.classes, result.confusion)
        self._fill_per_class(result.per_class_acc, result.previous_per_class_acc or {})

    def set_active(self, active_run_id: Optional[str]) -> None:
        active = self.result is not None and active_run_id == self.result.run_id
        self.use_button.setEnabled(self.result is not None and not active and bool(self.result.path))
        self.use_button.setText(self.tr("In use") if active else self.tr("Use this model"))

    def _fill_per_class(self, acc: Dict[str, float], previous: Dict[str, float]) -> None:
        self.per_class.setSortingEnabled(False)
        self.per_class.setRowCount(len(acc))
        for n, (name, value) in enumerate(sorted(acc.items(), key=lambda kv: kv[1])):
            self.per_class.setItem(n, 0, QTableWidgetItem(name))
            item = QTableWidgetItem(f"{value:.0%}")
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if value < 0.6:
                item.setForeground(QColor(style.BAD))
            self.per_class.setItem(n, 1, item)
            before = previous.get(name)
            change = QTableWidgetItem(self.tr("new") if before is None else self.tr("{change} pts").format(
                change=f"{(value - before) * 100:+.0f}"))
            change.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if before is not None and abs(value - before) >= 0.005:
                change.setForeground(QColor(style.GOOD if value > before else style.BAD))
            self.per_class.setItem(n, 2, change)
        self.per_class.setSortingEnabled(True)

    def ids_for_cell(self, true_name: str, pred_name: str) -> List[int]:
        """Validation image ids whose truth/prediction match the cell."""
        if self.result is None:
            return []
        return [int(v["image_id"]) for v in self.result.val_items
                if v["true"] == true_name and v["pred"] == pred_name]

    def _cell(self, true_name: str, pred_name: str) -> None:
        ids = self.ids_for_cell(true_name, pred_name)
        if ids:
            verdict = self.tr("correct") if true_name == pred_name else \
                self.tr("predicted {name}").format(name=pred_name)
            self.cellChosen.emit(ids, self.tr("{name}: {verdict} ({count})").format(
                name=true_name, verdict=verdict, count=len(ids)))

