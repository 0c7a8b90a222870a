"""What every model-comparison chart shares: the card with title, note and PNG export, colours, plots.

A chart draws the benchmark records (plain dicts, see ``core.benchmark.FIELDS``) with
``draw(plot, records, export)``: on screen, and for the PNG export again on a fresh plot of a fixed
size, so the exported image never depends on the window's size.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers pg.exporters)
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
)

from animeid_desktop.gui import style
from animeid_desktop.gui.icons import icon

Record = Dict[str, Any]
MODEL_COLOURS = {"efficientnet_lite0": "#8e6bd8", "mobilenet_v2": "#2e9d5b", "efficientnet_b0": "#3b6fd8",
                 "efficientnet_b3": "#d98a1c", "resnet50": "#d2453d"}
SHORT_NAMES = {"efficientnet_lite0": "Lite0", "mobilenet_v2": "MobileNetV2", "efficientnet_b0": "EffNet-B0",
               "efficientnet_b3": "EffNet-B3", "resnet50": "ResNet-50"}
SERIES_COLOURS = ("#3b6fd8", "#9db6ec", "#2e9d5b")
EXPORT_SIZE = (1200, 720)


def colour(model: str) -> str:
    return MODEL_COLOURS.get(model, "#687083")


def short(record: Record) -> str:
    return SHORT_NAMES.get(record.get("model"), str(record.get("title") or record.get("model")))


def compact(value: float, digits: Optional[int] = None) -> str:
    """``1,766`` / ``17.7`` / ``1.77``: three significant digits or so, for labels on bars."""
    if digits is not None:
        return f"{value:,.{digits}f}"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"


def text_item(text: str, anchor=(0.5, 1.0), colour_: str = style.TEXT, point_size: float = 7.5) -> pg.TextItem:
    item = pg.TextItem(text, anchor=anchor, color=colour_)
    font = QFont()
    font.setPointSizeF(point_size)
    item.setFont(font)
    return item


def new_plot(tick_points: float = 7.5) -> pg.PlotWidget:
    """A plot in the app's style: no mouse interaction, no context menu, light grid."""
    plot = pg.PlotWidget()
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.showGrid(x=False, y=True, alpha=0.15)
    font = QFont()
    font.setPointSizeF(tick_points)
    for side in ("left", "bottom"):
        plot.getAxis(side).setStyle(tickFont=font)
    return plot


def add_legend(plot: pg.PlotWidget, columns: int, text_size: str = "8pt") -> pg.LegendItem:
    """The plot's legend, emptied (a redraw must not repeat the entries); ``text_size`` when it is new."""
    item = plot.getPlotItem()
    if item.legend is not None:
        item.legend.clear()
        return item.legend
    return item.addLegend(offset=(8, 4), labelTextColor=style.TEXT, colCount=columns,
                          brush=pg.mkBrush(255, 255, 255, 230), labelTextSize=text_size)


class ChartFrame(QFrame):
    """A card with a title, a one-line explanation, a PNG export button and one plot."""

    exportRequested = Signal(str)  # the chart key

    def __init__(self, key: str, title: str, note: str, parent=None) -> None:
        super().__init__(parent)
        self.key, self.title, self.base_note = key, title, note
        self.records: List[Record] = []
        self.setObjectName("Card")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.plot = new_plot()
        self.plot.setMinimumHeight(150)
        self.setup(self.plot)
        label = QLabel(title)
        label.setObjectName("Section")
        self.note = QLabel(note)
        self.note.setObjectName("Muted")
        self.note.setWordWrap(True)
        self.export_button = QToolButton()
        self.export_button.setIcon(icon("export"))
        self.export_button.setToolTip(QCoreApplication.translate("BenchCharts", "Save “{title}” as a PNG image")
                                      .format(title=title))
        self.export_button.clicked.connect(lambda: self.exportRequested.emit(self.key))
        self.key_label = QLabel(self.legend_html())
        head = QHBoxLayout()
        head.addWidget(label)
        head.addStretch(1)
        head.addWidget(self.key_label)
        head.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(1)
        layout.addLayout(head)
        layout.addWidget(self.note)
        layout.addWidget(self.plot, 1)

    # subclasses
    def setup(self, plot: pg.PlotWidget) -> None:
        """Configure a fresh plot (axis labels, hidden axes)."""

    def draw(self, plot: pg.PlotWidget, records: Sequence[Record], export: bool = False) -> None:
        """Draw ``records`` on ``plot``; ``export`` = a large standalone plot (the legend goes inside)."""
        raise NotImplementedError

    def legend_html(self) -> str:
        """A colour key shown beside the title on screen (exports carry it inside the plot)."""
        return ""

    def describe(self, records: Sequence[Record]) -> str:
        """The explanation under the title (may mention what is missing)."""
        return self.base_note

    # shared
    def set_records(self, records: Sequence[Record]) -> None:
        self.records = list(records)
        self.plot.getPlotItem().clear()
        if self.plot.getPlotItem().legend is not None:
            self.plot.getPlotItem().legend.clear()
        self.draw(self.plot, self.records)
        self.note.setText(self.describe(self.records))
        self.key_label.setText(self.legend_html())

    def export_png(self, path: str | Path, size=EXPORT_SIZE) -> Path:
        """Draw the chart again on a ``size`` plot (title and note included) and save it as a PNG."""
        path = Path(path)
        plot = new_plot(tick_points=9)
        plot.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.setup(plot)
        heading = f"<b>{self.title}</b><br><span style='font-size:9pt'>{self.describe(self.records)}</span>"
        plot.getPlotItem().setTitle(heading, color=style.TEXT, size="12pt")  # title and note: translated already
        plot.resize(*size)
        plot.show()
        try:
            self.draw(plot, self.records, export=True)
            QApplication.processEvents()
            exporter = pg.exporters.ImageExporter(plot.getPlotItem())
            exporter.parameters()["width"] = int(size[0])
            exporter.export(str(path))
        finally:
            plot.close()
            plot.deleteLater()
        return path


