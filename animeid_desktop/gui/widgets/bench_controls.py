"""The comparison page's left card: what to measure, Run/Cancel, progress, "Train all four", exports."""

from __future__ import annotations

import os
from typing import List

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
)

from animeid_desktop.core.benchmark import runner as benchmark
from animeid_desktop.core.engine.registry import DEFAULT_MODEL, get_spec
from animeid_desktop.gui import bench_text, style
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.widgets.bench_chart_base import SHORT_NAMES

TRAIN_MODES = (("head", QT_TRANSLATE_NOOP("BenchControls", "Head only (fast)"),
                QT_TRANSLATE_NOOP("BenchControls", "Only the last layer learns; the pretrained backbone stays frozen")),
               ("finetune", QT_TRANSLATE_NOOP("BenchControls", "Fine-tune (slow)"),
                QT_TRANSLATE_NOOP("BenchControls", "The whole network learns: more accurate, much slower on a CPU")))


def _spin(lo: int, hi: int, value: int, special: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setFixedWidth(66)
    box.setRange(lo, hi)
    box.setValue(value)
    if special:
        box.setSpecialValueText(special)
    return box


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("Section")
    return label


class BenchControls(QFrame):
    """A two-row bar over the charts; the page connects the buttons and reads :meth:`config`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.model_boxes = {}
        for name in benchmark.BENCH_MODELS:
            spec = get_spec(name)
            box = QCheckBox(SHORT_NAMES.get(name, spec.title))
            box.setChecked(True)
            tip = self.tr("{model} (the offline default): {about}") if name == DEFAULT_MODEL else \
                self.tr("{model}: {about}")
            box.setToolTip(tip.format(model=spec.title, about=bench_text.about(spec.description)))
            self.model_boxes[name] = box
        self.batch = _spin(1, 128, benchmark.BenchConfig.batch)
        self.batch.setToolTip(self.tr("Images per forward pass for the throughput measurement (batch N)"))
        self.threads = _spin(0, max(1, os.cpu_count() or 1), 0, self.tr("auto"))
        self.threads.setToolTip(self.tr("CPU threads torch may use (auto = one per physical core)"))
        self.repeats = _spin(1, 100, benchmark.BenchConfig.repeats)
        self.repeats.setToolTip(self.tr("Timed runs at batch 1 (a third of them at batch N); more = steadier numbers"))
        self.run_button = QPushButton(icon("play", "white"), self.tr("Run benchmark"))
        self.run_button.setProperty("primary", True)
        self.run_button.setToolTip(self.tr("Measure the ticked models one at a time, each in its own process"))
        self.cancel_button = QPushButton(icon("stop"), self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.stage = QLabel(self.tr("Ready"))
        self.stage.setToolTip(self.tr("Speed, size and memory are measured on this computer, one model at a time in "
                                      "its own process; accuracy and training time come from each model's latest "
                                      "training run."))
        self.stage.setObjectName("Muted")
        self.stage.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.stage.setMinimumWidth(80)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFixedWidth(160)
        self.mode = QComboBox()
        for key, text, tip in TRAIN_MODES:
            self.mode.addItem(QCoreApplication.translate("BenchControls", text), key)
            self.mode.setItemData(self.mode.count() - 1, QCoreApplication.translate("BenchControls", tip),
                                  Qt.ItemDataRole.ToolTipRole)
        self.train_button = QPushButton(icon("training"), self.tr("Train all four"))
        self.train_button.setToolTip(self.tr("Train {models} one after another in the background, then refresh this "
                                             "page").format(models=bench_text.names(get_spec(m).title
                                                                              for m in benchmark.COMPARED_MODELS)))
        self.png_button = QPushButton(icon("export"), self.tr("Charts…"))
        self.png_button.setToolTip(self.tr("Save all six charts as PNG images into a folder"))
        self.csv_button = QPushButton(icon("csv"), "CSV…")  # notr
        self.csv_button.setToolTip(self.tr("Save the table as CSV (raw numbers, for spreadsheets)"))
        self.md_button = QPushButton(icon("export"), "Markdown…")  # notr
        self.md_button.setToolTip(self.tr("Save the table as a Markdown table"))

        top = QHBoxLayout()
        top.setSpacing(style.SPACING)
        for box in self.model_boxes.values():
            top.addWidget(box)
        top.addSpacing(8)
        for text, box in ((self.tr("Batch N"), self.batch), (self.tr("Threads"), self.threads),
                          (self.tr("Runs"), self.repeats)):
            top.addWidget(QLabel(text))
            top.addWidget(box)
        top.addStretch(1)
        top.addWidget(self.run_button)
        top.addWidget(self.cancel_button)
        bottom = QHBoxLayout()
        bottom.setSpacing(style.SPACING)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.stage, 1)
        bottom.addWidget(self.mode)
        bottom.addWidget(self.train_button)
        bottom.addSpacing(8)
        bottom.addWidget(_section(self.tr("Export")))
        bottom.addWidget(self.png_button)
        bottom.addWidget(self.csv_button)
        bottom.addWidget(self.md_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(bottom)

    def selected_models(self) -> List[str]:
        return [name for name, box in self.model_boxes.items() if box.isChecked()]

    def config(self) -> benchmark.BenchConfig:
        """The benchmark settings chosen here."""
        repeats = self.repeats.value()
        return benchmark.BenchConfig(models=self.selected_models(), batch=self.batch.value(),
                                     threads=self.threads.value() or None, repeats=repeats,
                                     repeats_n=max(1, repeats // 3))

    def train_mode(self) -> str:
        return str(self.mode.currentData())

    def set_running(self, running: bool) -> None:
        """Lock the buttons that would start a second job while one runs."""
        self.run_button.setEnabled(not running)
        self.train_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if running:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 1)

    def show_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)
        if message:
            self.stage.setText(bench_text.progress(message))
