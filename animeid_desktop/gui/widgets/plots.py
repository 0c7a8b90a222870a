"""Live training curves (pyqtgraph): loss per batch and per epoch, validation accuracy per epoch.

Points are appended to growing numpy buffers and drawn with ``setData``; only the GUI thread ever
touches the plots (events arrive through queued signals in batches).
"""

from __future__ import annotations

from typing import List, Optional

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QWidget

from animeid_desktop.gui import style

pg.setConfigOptions(antialias=True, background=style.PANEL, foreground=style.MUTED)

SMOOTHING = 0.9


class _Series:
    """An append-only (x, y) buffer that doubles its capacity when full."""

    def __init__(self) -> None:
        self.x = np.empty(256)
        self.y = np.empty(256)
        self.n = 0

    def append(self, x: float, y: float) -> None:
        if self.n == len(self.x):
            self.x = np.resize(self.x, 2 * self.n)
            self.y = np.resize(self.y, 2 * self.n)
        self.x[self.n], self.y[self.n] = x, y
        self.n += 1

    def data(self):
        return self.x[: self.n], self.y[: self.n]

    def clear(self) -> None:
        self.n = 0


def _plot(title: str, y_label: str, legend: bool = True) -> pg.PlotWidget:
    widget = pg.PlotWidget()
    widget.setTitle(title, color=style.TEXT, size="10pt")
    widget.setLabel("bottom", QCoreApplication.translate("TrainingPlots", "epoch"))
    widget.setLabel("left", y_label)
    widget.showGrid(x=True, y=True, alpha=0.15)
    widget.setMenuEnabled(False)
    widget.setMouseEnabled(x=False, y=False)
    widget.hideButtons()
    widget.setClipToView(True)  # long runs: draw only what is visible, peak-downsampled
    widget.setDownsampling(auto=True, mode="peak")
    widget.setMinimumHeight(170)
    if legend:
        widget.getPlotItem().addLegend(offset=(-8, 8), labelTextColor=style.TEXT,
                                       brush=pg.mkBrush(255, 255, 255, 210))
    return widget


class TrainingPlots(QWidget):
    """Two plots side by side: loss (train per batch, smoothed; val per epoch) and val accuracy."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING)
        self.loss_plot = _plot(self.tr("Loss"), self.tr("loss"))
        self.acc_plot = _plot(self.tr("Validation accuracy"), self.tr("accuracy %"), legend=False)
        self.acc_plot.setYRange(0, 100, padding=0.02)
        layout.addWidget(self.loss_plot)
        layout.addWidget(self.acc_plot)
        self.batch = _Series()
        self.smooth = _Series()
        self.val_loss = _Series()
        self.epoch_train = _Series()
        self.val_acc = _Series()
        self.batch_curve = self.loss_plot.plot(pen=pg.mkPen("#b9c8ee", width=1), name=self.tr("train (batch)"))
        self.smooth_curve = self.loss_plot.plot(pen=pg.mkPen(style.ACCENT, width=2), name=self.tr("train (smoothed)"))
        self.val_loss_curve = self.loss_plot.plot(pen=pg.mkPen(style.WARN, width=2), symbol="o", symbolSize=6,
                                                  symbolBrush=style.WARN, symbolPen=None, name=self.tr("validation"))
        self.acc_curve = self.acc_plot.plot(pen=pg.mkPen(style.GOOD, width=2), symbol="o", symbolSize=7,
                                            symbolBrush=style.GOOD, symbolPen=None,
                                            name=self.tr("validation accuracy"))
        self._ema: Optional[float] = None

    def reset(self) -> None:
        for series in (self.batch, self.smooth, self.val_loss, self.epoch_train, self.val_acc):
            series.clear()
        self._ema = None
        self.redraw()

    def add_batch(self, x: float, loss: float) -> None:
        """A training loss at fractional epoch ``x`` (epoch - 1 + step / steps)."""
        self.batch.append(x, loss)
        self._ema = loss if self._ema is None else SMOOTHING * self._ema + (1 - SMOOTHING) * loss
        self.smooth.append(x, self._ema)

    def add_epoch(self, epoch: float, val_loss: Optional[float], val_acc: Optional[float]) -> None:
        if val_loss is not None:
            self.val_loss.append(epoch, val_loss)
        if val_acc is not None:
            self.val_acc.append(epoch, 100.0 * val_acc)

    def show_history(self, history: List[dict]) -> None:
        """Per-epoch curves of a finished run (``TrainResult.history``); no per-batch losses."""
        self.reset()
        for n, record in enumerate(history, start=1):
            epoch = record.get("epoch", n)
            if record.get("train_loss") is not None:
                self.epoch_train.append(epoch, record["train_loss"])
            self.add_epoch(epoch, record.get("val_loss"), record.get("val_acc"))
        self.smooth_curve.setData(*self.epoch_train.data())
        self.batch_curve.setData([], [])
        self.val_loss_curve.setData(*self.val_loss.data())
        self.acc_curve.setData(*self.val_acc.data())

    def redraw(self) -> None:
        """Push the buffers to the curves (call once per batch of events)."""
        self.batch_curve.setData(*self.batch.data())
        self.smooth_curve.setData(*self.smooth.data())
        self.val_loss_curve.setData(*self.val_loss.data())
        self.acc_curve.setData(*self.val_acc.data())

    def counts(self) -> List[int]:
        """How many points each curve holds (batch, val loss, val acc): for tests."""
        return [self.batch.n, self.val_loss.n, self.val_acc.n]
