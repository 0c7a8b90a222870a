"""The six model-comparison charts (pyqtgraph), each with a PNG export.

Speed bars, size bars, accuracy bars, the three side by side (each relative to the best model),
a radar of the normalised measurements (pyqtgraph has none: polygons on a plot with hidden axes)
and speed vs. accuracy with the point area proportional to the model file's size. Every chart is
drawn from the benchmark records (plain dicts, see ``core.benchmark.FIELDS``) by ``draw(plot,
records)``, on screen and, for the PNG export, again on a fresh plot of a fixed size. A missing
value is drawn as nothing and labelled, never as zero.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers pg.exporters)
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPen, QPolygonF
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsPolygonItem,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
)

from animeid_desktop.core.recommend import relative
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


def _text(text: str, anchor=(0.5, 1.0), colour_: str = style.TEXT, point_size: float = 7.5) -> pg.TextItem:
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


def add_legend(plot: pg.PlotWidget, columns: int) -> pg.LegendItem:
    """The plot's legend, emptied (a redraw must not repeat the entries)."""
    item = plot.getPlotItem()
    if item.legend is not None:
        item.legend.clear()
        return item.legend
    return item.addLegend(offset=(8, 4), labelTextColor=style.TEXT, colCount=columns,
                          brush=pg.mkBrush(255, 255, 255, 230), labelTextSize="8pt")


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
        self.export_button.setToolTip(f"Save “{title}” as a PNG image")
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
        self.draw(self.plot, self.records)
        self.note.setText(self.describe(self.records))
        self.key_label.setText(self.legend_html())

    def export_png(self, path: str | Path, size=EXPORT_SIZE) -> Path:
        """Draw the chart again on a ``size`` plot (title and note included) and save it as a PNG."""
        path = Path(path)
        plot = new_plot(tick_points=9)
        plot.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.setup(plot)
        plot.getPlotItem().setTitle(f"<b>{self.title}</b><br><span style='font-size:9pt'>"
                                    f"{self.describe(self.records)}</span>", color=style.TEXT, size="12pt")
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


# ------------------------------------------------------------------------------------------ bars
ValueFn = Callable[[Record], Optional[float]]


def field(key: str, scale: float = 1.0) -> ValueFn:
    return lambda r: None if r.get(key) is None else scale * float(r[key])


class BarChart(ChartFrame):
    """Grouped bars: one group per model, one bar per series; the value written above each bar."""

    def __init__(self, key: str, title: str, note: str, series: Sequence[tuple], unit: str,
                 digits: Optional[int] = None, missing: str = "n/a", y_max: Optional[float] = None,
                 parent=None) -> None:
        self.series = list(series)  # (value function, legend name)
        self.y_max = y_max  # cap of the axis (percentages: a little over 100)
        self.unit, self.digits, self.missing = unit, digits, missing
        self.values: List[List[Optional[float]]] = []
        super().__init__(key, title, note, parent)

    def setup(self, plot: pg.PlotWidget) -> None:
        plot.setLabel("left", self.unit)

    def prepared(self, records: Sequence[Record]) -> Sequence[Record]:
        return records

    def legend_html(self) -> str:
        if len(self.series) < 2:
            return ""
        return "&nbsp;&nbsp;".join(f"<span style='color:{SERIES_COLOURS[s % len(SERIES_COLOURS)]}'>■</span> {name}"
                                   for s, (_fn, name) in enumerate(self.series))

    def draw(self, plot: pg.PlotWidget, records: Sequence[Record], export: bool = False) -> None:
        records = self.prepared(records)
        n = len(self.series)
        width = 0.84 / n
        self.values = [[fn(r) for r in records] for fn, _name in self.series]
        top = max([v for vs in self.values for v in vs if v is not None] or [1.0])
        legend = add_legend(plot, n) if n > 1 and export else None
        for s, (values, (_fn, name)) in enumerate(zip(self.values, self.series)):
            xs = [i - 0.42 + width * (s + 0.5) for i in range(len(records))]
            shown = [(x, v) for x, v in zip(xs, values) if v is not None]
            brush = pg.mkBrush(SERIES_COLOURS[s % len(SERIES_COLOURS)])
            bars = pg.BarGraphItem(x=[x for x, _v in shown], height=[v for _x, v in shown], width=width * 0.9,
                                   brush=brush, pen=pg.mkPen(None))
            plot.addItem(bars)
            if legend is not None:
                legend.addItem(bars, name)
            for i, (x, v) in enumerate(zip(xs, values)):
                if v is None and all(vs[i] is None for vs in self.values):
                    continue  # nothing measured for this model: one label for the group, below
                label = _text("–" if v is None else compact(v, self.digits),
                              colour_=style.MUTED if v is None else style.TEXT)
                label.setPos(x, v or 0.0)
                plot.addItem(label)
        for i in range(len(records)):
            if all(vs[i] is None for vs in self.values):
                label = _text(self.missing, colour_=style.MUTED)
                label.setPos(i, 0.0)
                plot.addItem(label)
        names = [str(r.get("title") or r.get("model")) if export else short(r) for r in records]
        plot.getAxis("bottom").setTicks([list(enumerate(names))])
        plot.setXRange(-0.55, len(records) - 0.45, padding=0)
        headroom = top * (1.3 if legend is not None else 1.12)
        plot.setYRange(0, min(headroom, self.y_max) if self.y_max else headroom, padding=0)


def speed_chart() -> BarChart:
    return BarChart("speed", "Speed", "Milliseconds per image; lower is faster (forward pass only).",
                    [(field("ms_b1_mean"), "batch 1"), (field("ms_bn_mean"), "batch N")], "ms / image")


def size_chart() -> BarChart:
    return BarChart("size", "Size", "Model file and peak memory added by loading and running it (MB).",
                    [(field("file_mb"), "file"), (field("peak_mem_mb"), "peak memory")], "MB")


def accuracy_chart() -> BarChart:
    return BarChart("accuracy", "Accuracy", "Validation accuracy (%) of each model's latest training run.",
                    [(field("best_val_acc", 100.0), "best"), (field("final_val_acc", 100.0), "final")], "%",
                    digits=1, missing="not trained", y_max=140.0)


class OverviewChart(BarChart):
    """Speed, size and accuracy side by side, each as a share of the best model's (100 = best)."""

    def __init__(self, parent=None) -> None:
        super().__init__("overview", "Side by side",
                         "Each relative to the best model: 100 = best (accuracy by mistakes made).",
                         [(field("_rel_speed"), "speed"), (field("_rel_size"), "small file"),
                          (field("_rel_accuracy"), "accuracy")], "% of best", digits=0, missing="–", y_max=140.0,
                         parent=parent)

    def prepared(self, records: Sequence[Record]) -> Sequence[Record]:
        rel = {m: relative(records, m) for m in ("latency", "size", "accuracy")}
        pct = {m: [None if v is None else 100.0 * v for v in values] for m, values in rel.items()}
        return [{**r, "_rel_speed": pct["latency"][i], "_rel_size": pct["size"][i],
                 "_rel_accuracy": pct["accuracy"][i]} for i, r in enumerate(records)]


# ------------------------------------------------------------------------------------------ radar
RADAR_AXES = (("latency", "speed"), ("throughput", "throughput"), ("size", "small file"),
              ("memory", "low memory"), ("accuracy", "accuracy"))


def _radar_point(axis: int, radius: float) -> QPointF:
    angle = math.pi / 2 - 2 * math.pi * axis / len(RADAR_AXES)
    return QPointF(radius * math.cos(angle), radius * math.sin(angle))


class RadarChart(ChartFrame):
    """One polygon per model over the normalised measurements (outer ring = the best model)."""

    def __init__(self, parent=None) -> None:
        self.polygons: Dict[str, List[float]] = {}
        super().__init__("radar", "Radar", "Relative to the best model: outer ring = best (untrained: accuracy 0).",
                         parent)

    def setup(self, plot: pg.PlotWidget) -> None:
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        plot.showGrid(x=False, y=False)
        plot.setAspectLocked(True)

    @staticmethod
    def _polygon(plot, radii: Sequence[float], pen: QPen, brush: QBrush) -> None:
        item = QGraphicsPolygonItem(QPolygonF([_radar_point(i, r) for i, r in enumerate(radii)]))
        item.setPen(pen)
        item.setBrush(brush)
        plot.addItem(item)

    def draw(self, plot: pg.PlotWidget, records: Sequence[Record], export: bool = False) -> None:
        grid = QPen(QColor(style.BORDER))
        grid.setCosmetic(True)
        for ring in (0.25, 0.5, 0.75, 1.0):
            self._polygon(plot, [ring] * len(RADAR_AXES), grid, QBrush())
        for i, (_metric, name) in enumerate(RADAR_AXES):
            end = _radar_point(i, 1.0)
            plot.addItem(pg.PlotCurveItem([0, end.x()], [0, end.y()], pen=pg.mkPen(style.BORDER)))
            label = _text(name, anchor=(0.5, 0.5), colour_=style.MUTED, point_size=8.5)
            pos = _radar_point(i, 1.2)
            label.setPos(pos.x(), pos.y())
            plot.addItem(label)
        rel = {metric: relative(records, metric) for metric, _name in RADAR_AXES}
        measured = [(j, r) for j, r in enumerate(records) if r.get("ms_b1_mean") is not None]
        legend = add_legend(plot, 1) if measured else None
        self.polygons = {}
        for j, record in measured:
            radii = [max(0.02, rel[m][j] or 0.0) for m, _n in RADAR_AXES]
            self.polygons[record["model"]] = radii
            c = QColor(colour(record["model"]))
            pen = QPen(c, 2)
            pen.setCosmetic(True)
            fill = QColor(c)
            fill.setAlpha(35)
            self._polygon(plot, radii, pen, QBrush(fill))
            legend.addItem(pg.PlotDataItem([0], [0], pen=pg.mkPen(c, width=3)), short(record))
        plot.setXRange(-1.45 if export else -3.1, 1.45, padding=0)  # on screen: room for the legend
        plot.setYRange(-1.3, 1.35, padding=0)


# ------------------------------------------------------------------------------------------ scatter
class ScatterChart(ChartFrame):
    """Speed (x) against best validation accuracy (y); point area proportional to the file size."""

    NOTE = "Up and left is better; the bigger the point, the bigger the model file."

    def __init__(self, parent=None) -> None:
        self.points: List[dict] = []
        super().__init__("scatter", "Speed vs. accuracy", self.NOTE, parent)

    def setup(self, plot: pg.PlotWidget) -> None:
        plot.setLabel("bottom", "ms / image (batch 1)")
        plot.setLabel("left", "best val. accuracy %")
        plot.showGrid(x=True, y=True, alpha=0.15)

    @staticmethod
    def _shown(records: Sequence[Record]) -> List[Record]:
        return [r for r in records if r.get("ms_b1_mean") is not None and r.get("best_val_acc") is not None]

    def describe(self, records: Sequence[Record]) -> str:
        missing = len(records) - len(self._shown(records))
        return self.NOTE + (f" Not shown: {missing} model(s) without accuracy or speed." if missing else "")

    def _label_sides(self, x_range: Tuple[float, float], y_range: Tuple[float, float]) -> List[bool]:
        """Per point, whether its label goes on the left: greedily, the side that covers fewer points
        and labels already placed (label ~22% of the width, 16% of the height), else away from the edge."""
        w, h = 0.22 * (x_range[1] - x_range[0]), 0.16 * (y_range[1] - y_range[0])
        gap = 0.02 * (x_range[1] - x_range[0])
        boxes = [(p["x"] - gap, p["x"] + gap, p["y"] - h / 3, p["y"] + h / 3) for p in self.points]
        sides = []
        for p in sorted(self.points, key=lambda q: q["x"]):
            options = []
            for left in (False, True):
                x0 = p["x"] - gap - w if left else p["x"] + gap
                box = (x0, x0 + w, p["y"] - h / 2, p["y"] + h / 2)
                hits = sum(b[0] < box[1] and box[0] < b[1] and b[2] < box[3] and box[2] < b[3] for b in boxes)
                outside = box[0] < x_range[0] or box[1] > x_range[1]
                options.append((hits + 2 * outside, left, box))
            _hits, left, box = min(options, key=lambda o: o[0])
            boxes.append(box)
            p["label_left"] = left
        sides = [p["label_left"] for p in self.points]
        return sides

    def draw(self, plot: pg.PlotWidget, records: Sequence[Record], export: bool = False) -> None:
        shown = self._shown(records)
        biggest = max([float(r.get("file_mb") or 0.0) for r in shown] or [1.0]) or 1.0
        self.points = [{"model": r["model"], "x": float(r["ms_b1_mean"]), "y": 100.0 * float(r["best_val_acc"]),
                        "size": 10 + 40 * math.sqrt(float(r.get("file_mb") or 0.0) / biggest)} for r in shown]
        if not self.points:
            return
        spots = [{"pos": (p["x"], p["y"]), "size": p["size"], "brush": pg.mkBrush(QColor(colour(p["model"]))),
                  "pen": pg.mkPen("white", width=1.5)} for p in self.points]
        plot.addItem(pg.ScatterPlotItem(spots=spots, pxMode=True))
        xs, ys = [p["x"] for p in self.points], [p["y"] for p in self.points]
        span_x = max(max(xs) - min(xs), max(xs) * 0.3, 1.0)
        span_y = max(max(ys) - min(ys), 4.0)
        x_range = (max(0.0, min(xs) - 0.3 * span_x), max(xs) + 0.3 * span_x)
        y_range = (max(0.0, min(ys) - 0.25 * span_y), min(100.0, max(ys) + 0.25 * span_y) + 1)
        for p, r, left in zip(self.points, shown, self._label_sides(x_range, y_range)):
            mb = r.get("file_mb")
            text = f"{short(r)}<br>{mb:.0f} MB" if mb is not None else short(r)
            side = "right" if left else "left"
            label = pg.TextItem(html=f"<div style='margin-{side}:{int(p['size'] / 2) + 3}px; color:{style.TEXT}; "
                                     f"font-size:8pt; text-align:{side}'>{text}</div>",
                                anchor=(1.0 if left else 0.0, 0.5))
            label.setPos(p["x"], p["y"])
            plot.addItem(label)
        plot.setXRange(*x_range, padding=0)
        plot.setYRange(*y_range, padding=0)


def all_charts() -> List[ChartFrame]:
    """The six charts in display order."""
    return [speed_chart(), size_chart(), accuracy_chart(), OverviewChart(), RadarChart(), ScatterChart()]
