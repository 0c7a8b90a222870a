"""The six model-comparison charts (pyqtgraph), each with a PNG export.

Speed bars, size bars, accuracy bars, the three side by side (each relative to the best model),
a radar of the normalised measurements (pyqtgraph has none: polygons on a plot with hidden axes)
and speed vs. accuracy with the point area proportional to the model file's size. Every chart is
drawn from the benchmark records (plain dicts, see ``core.benchmark.FIELDS``) by ``draw(plot,
records)``, on screen and, for the PNG export, again on a fresh plot of a fixed size. A missing
value is drawn as nothing and labelled, never as zero.
"""

from __future__ import annotations

from typing import Callable, List, Optional, Sequence

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from animeid_desktop.core.benchmark.recommend import relative
from animeid_desktop.gui import style
from animeid_desktop.gui.widgets.bench_chart_base import (
    SERIES_COLOURS,
    ChartFrame,
    Record,
    add_legend,
    compact,
    short,
    text_item,
)
from animeid_desktop.gui.widgets.bench_radar_scatter import RadarChart, ScatterChart

translate = QCoreApplication.translate

# ------------------------------------------------------------------------------------------ bars
ValueFn = Callable[[Record], Optional[float]]
# Room above the tallest bar for its value label (about 20 px): 20% of the axis on a chart of the
# smallest on-screen size (a ~125 px high plot area); the exported plots also hold the legend there.
LABEL_HEADROOM = 1.25
LEGEND_HEADROOM = 1.3


def field(key: str, scale: float = 1.0) -> ValueFn:
    return lambda r: None if r.get(key) is None else scale * float(r[key])


class BarChart(ChartFrame):
    """Grouped bars: one group per model, one bar per series; the value written above each bar."""

    def __init__(self, key: str, title: str, note: str, series: Sequence[tuple], unit: str,
                 digits: Optional[int] = None, missing: Optional[str] = None, y_max: Optional[float] = None,
                 parent=None) -> None:
        self.series = list(series)  # (value function, legend name)
        self.y_max = y_max  # cap of the axis (percentages: a little over 100)
        self.labels_on_screen = len(self.series) < 3  # three labels per group do not fit on screen
        self.unit, self.digits = unit, digits
        self.missing = translate("BenchCharts", "n/a") if missing is None else missing
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
                if not (export or self.labels_on_screen):
                    break
                if v is None and all(vs[i] is None for vs in self.values):
                    continue  # nothing measured for this model: one label for the group, below
                label = text_item("–" if v is None else compact(v, self.digits),
                              colour_=style.MUTED if v is None else style.TEXT)
                label.setPos(x, v or 0.0)
                plot.addItem(label)
        for i in range(len(records)):
            if all(vs[i] is None for vs in self.values):
                label = text_item(self.missing, colour_=style.MUTED)
                label.setPos(i, 0.0)
                plot.addItem(label)
        names = [str(r.get("title") or r.get("model")) if export else short(r) for r in records]
        plot.getAxis("bottom").setTicks([list(enumerate(names))])
        plot.setXRange(-0.55, len(records) - 0.45, padding=0)
        headroom = top * (LEGEND_HEADROOM if legend is not None else LABEL_HEADROOM)
        plot.setYRange(0, min(headroom, self.y_max) if self.y_max else headroom, padding=0)


def speed_chart() -> BarChart:
    return BarChart("speed", translate("BenchCharts", "Speed"),
                    translate("BenchCharts", "Milliseconds per image; lower is faster (forward pass only)."),
                    [(field("ms_b1_mean"), translate("BenchCharts", "batch 1")),
                     (field("ms_bn_mean"), translate("BenchCharts", "batch N"))],
                    translate("BenchCharts", "ms / image"))


def size_chart() -> BarChart:
    return BarChart("size", translate("BenchCharts", "Size"),
                    translate("BenchCharts", "Model file and peak memory added by loading and running it (MB)."),
                    [(field("file_mb"), translate("BenchCharts", "file")),
                     (field("peak_mem_mb"), translate("BenchCharts", "peak memory"))], "MB")


def accuracy_chart() -> BarChart:
    return BarChart("accuracy", translate("BenchCharts", "Accuracy"),
                    translate("BenchCharts", "Validation accuracy (%) of each model's latest training run."),
                    [(field("best_val_acc", 100.0), translate("BenchCharts", "best")),
                     (field("final_val_acc", 100.0), translate("BenchCharts", "final"))], "%",
                    digits=1, missing=translate("BenchCharts", "not trained"), y_max=140.0)


class OverviewChart(BarChart):
    """Speed, size and accuracy side by side, each as a share of the best model's (100 = best)."""

    def __init__(self, parent=None) -> None:
        super().__init__("overview", translate("BenchCharts", "Side by side"),
                         translate("BenchCharts",
                                   "Each relative to the best model: 100 = best (accuracy by mistakes made)."),
                         [(field("_rel_speed"), translate("BenchCharts", "speed")),
                          (field("_rel_size"), translate("BenchCharts", "small file")),
                          (field("_rel_accuracy"), translate("BenchCharts", "accuracy"))],
                         translate("BenchCharts", "% of best"), digits=0, missing="–", y_max=140.0, parent=parent)

    def prepared(self, records: Sequence[Record]) -> Sequence[Record]:
        rel = {m: relative(records, m) for m in ("latency", "size", "accuracy")}
        pct = {m: [None if v is None else 100.0 * v for v in values] for m, values in rel.items()}
        return [{**r, "_rel_speed": pct["latency"][i], "_rel_size": pct["size"][i],
                 "_rel_accuracy": pct["accuracy"][i]} for i, r in enumerate(records)]


def all_charts() -> List[ChartFrame]:
    """The six charts in display order."""
    return [speed_chart(), size_chart(), accuracy_chart(), OverviewChart(), RadarChart(), ScatterChart()]
