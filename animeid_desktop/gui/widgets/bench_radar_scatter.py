"""Two charts that are not bars: the radar of normalised measurements and speed vs. accuracy."""

from __future__ import annotations

import math
from typing import Dict, List, Sequence, Tuple

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF
from PySide6.QtGui import QBrush, QColor, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPolygonItem

from animeid_desktop.core.benchmark.recommend import relative
from animeid_desktop.gui import style
from animeid_desktop.gui.widgets.bench_chart_base import ChartFrame, Record, add_legend, colour, short, text_item

# ------------------------------------------------------------------------------------------ radar
translate = QCoreApplication.translate
RADAR_AXES = (("latency", QT_TRANSLATE_NOOP("BenchCharts", "speed")),
              ("throughput", QT_TRANSLATE_NOOP("BenchCharts", "throughput")),
              ("size", QT_TRANSLATE_NOOP("BenchCharts", "small file")),
              ("memory", QT_TRANSLATE_NOOP("BenchCharts", "low memory")),
              ("accuracy", QT_TRANSLATE_NOOP("BenchCharts", "accuracy")))


def _radar_point(axis: int, radius: float) -> QPointF:
    angle = math.pi / 2 - 2 * math.pi * axis / len(RADAR_AXES)
    return QPointF(radius * math.cos(angle), radius * math.sin(angle))


def _outward_anchor(pos: QPointF) -> Tuple[float, float]:
    """The text anchor that puts an axis name outside the outer ring (it grows away from the centre)."""
    x = 0.5 if abs(pos.x()) < 0.2 else 0.0 if pos.x() > 0 else 1.0
    y = 0.5 if abs(pos.y()) < 0.5 else 1.0 if pos.y() > 0 else 0.0
    return x, y


class RadarChart(ChartFrame):
    """One polygon per model over the normalised measurements (outer ring = the best model)."""

    def __init__(self, parent=None) -> None:
        self.polygons: Dict[str, List[float]] = {}
        self.axis_labels: List[pg.TextItem] = []
        super().__init__("radar", translate("BenchCharts", "Radar"),
                         translate("BenchCharts",
                                   "Relative to the best model: outer ring = best (untrained: accuracy 0)."),
                         parent)
        self.plot.getViewBox().sigResized.connect(lambda _vb: self.fit())

    def setup(self, plot: pg.PlotWidget) -> None:
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        plot.showGrid(x=False, y=False)
        plot.setAspectLocked(True)

    def fit(self) -> None:
        """On screen: the largest radar that leaves room for the legend (left) and the axis names.

        Names and legend keep their size in pixels while the radar scales with the card, so the
        ranges are worked out from the plot's size in pixels (again on every resize).
        """
        box = self.plot.getViewBox()
        w, h = box.width(), box.height()
        if w < 40 or h < 60 or len(self.axis_labels) != len(RADAR_AXES):
            return
        legend = self.plot.getPlotItem().legend
        legend_w = legend.boundingRect().width() + 16 if legend is not None and legend.items else 0.0
        # (reach in units, width in pixels) of the names left and right of the ring
        sides = [(abs(label.pos().x()), label.boundingRect().width(), label.pos().x() > 0)
                 for label in self.axis_labels if abs(label.pos().x()) > 0.2]
        left = [(x, px + legend_w) for x, px, right in sides if not right]
        right = [(x, px + 4) for x, px, is_right in sides if is_right]
        name_h = max(label.boundingRect().height() for label in self.axis_labels)
        top, bottom = _radar_point(0, 1.06).y(), -_radar_point(2, 1.06).y()
        per_px = max([(top + bottom) / max(h - 2 * name_h - 8, 20)]
                     + [(xl + xr) / max(w - pl - pr, 20) for xl, pl in left for xr, pr in right])
        x_max = max(x + px * per_px for x, px in right)
        middle = (top - bottom) / 2
        self.plot.setXRange(x_max - w * per_px, x_max, padding=0)
        self.plot.setYRange(middle - h * per_px / 2, middle + h * per_px / 2, padding=0)

    @staticmethod
    def _polygon(plot, radii: Sequence[float], pen: QPen, brush: QBrush) -> None:
        item = QGraphicsPolygonItem(QPolygonF([_radar_point(i, r) for i, r in enumerate(radii)]))
        item.setPen(pen)
        item.setBrush(brush)
        plot.addItem(item)

    def draw(self, plot: pg.PlotWidget, records: Sequence[Record], export: bool = False) -> None:
        if not export:
            self.axis_labels = []
        grid = QPen(QColor(style.BORDER))
        grid.setCosmetic(True)
        for ring in (0.25, 0.5, 0.75, 1.0):
            self._polygon(plot, [ring] * len(RADAR_AXES), grid, QBrush())
        for i, (_metric, name) in enumerate(RADAR_AXES):
            end = _radar_point(i, 1.0)
            plot.addItem(pg.PlotCurveItem([0, end.x()], [0, end.y()], pen=pg.mkPen(style.BORDER)))
            pos = _radar_point(i, 1.06)
            label = text_item(translate("BenchCharts", name), anchor=_outward_anchor(pos), colour_=style.MUTED,
                              point_size=8.5 if export else 7.5)
            label.setPos(pos.x(), pos.y())
            plot.addItem(label)
            if not export:
                self.axis_labels.append(label)
        rel = {metric: relative(records, metric) for metric, _name in RADAR_AXES}
        measured = [(j, r) for j, r in enumerate(records) if r.get("ms_b1_mean") is not None]
        legend = add_legend(plot, 1, "8pt" if export else "7pt") if measured else None
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
        if export:
            plot.setXRange(-1.45, 1.45, padding=0)
            plot.setYRange(-1.3, 1.5, padding=0)  # room for the axis names above and below the outer ring
        else:
            self.fit()


# ------------------------------------------------------------------------------------------ scatter
class ScatterChart(ChartFrame):
    """Speed (x) against best validation accuracy (y); point area proportional to the file size."""

    NOTE = QT_TRANSLATE_NOOP("BenchCharts", "Up and left is better; the bigger the point, the bigger the model file.")

    def __init__(self, parent=None) -> None:
        self.points: List[dict] = []
        super().__init__("scatter", translate("BenchCharts", "Speed vs. accuracy"), translate("BenchCharts", self.NOTE),
                         parent)

    def setup(self, plot: pg.PlotWidget) -> None:
        plot.setLabel("bottom", translate("BenchCharts", "ms / image (batch 1)"))
        plot.setLabel("left", translate("BenchCharts", "best val. accuracy %"))
        plot.showGrid(x=True, y=True, alpha=0.15)

    @staticmethod
    def _shown(records: Sequence[Record]) -> List[Record]:
        return [r for r in records if r.get("ms_b1_mean") is not None and r.get("best_val_acc") is not None]

    def describe(self, records: Sequence[Record]) -> str:
        missing = len(records) - len(self._shown(records))
        note = translate("BenchCharts", self.NOTE)
        if not missing:
            return note
        return translate("BenchCharts", "{note} Not shown: %n model(s) without accuracy or speed.", None,
                         missing).format(note=note)

    def _label_sides(self, x_range: Tuple[float, float], y_range: Tuple[float, float]) -> List[bool]:
        """Per point, whether its label goes on the left: greedily, the side that covers fewer points
        and labels already placed (label ~22% of the width, 16% of the height), else away from the edge."""
        w, h = 0.22 * (x_range[1] - x_range[0]), 0.16 * (y_range[1] - y_range[0])
        gap = 0.02 * (x_range[1] - x_range[0])
        boxes = [(p["x"] - gap, p["x"] + gap, p["y"] - h / 3, p["y"] + h / 3) for p in self.points]
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
        return [p["label_left"] for p in self.points]

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


