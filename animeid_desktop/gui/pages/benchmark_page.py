"""Model comparison: benchmark every model on this computer, six charts, the table and a recommendation."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QGridLayout, QSplitter, QTabWidget, QVBoxLayout, QWidget

from animeid_desktop.core.benchmark import runner as benchmark
from animeid_desktop.core.benchmark import table as benchmark_table
from animeid_desktop.core.benchmark.recommend import recommend
from animeid_desktop.core.engine.registry import get_spec
from animeid_desktop.core.errors import UserError
from animeid_desktop.gui import bench_text, dialogs, style
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.jobs import Job
from animeid_desktop.gui.pages.base import Page, PageSpec
from animeid_desktop.gui.widgets.bench_chart_base import ChartFrame
from animeid_desktop.gui.widgets.bench_charts import all_charts
from animeid_desktop.gui.widgets.bench_controls import BenchControls
from animeid_desktop.gui.widgets.bench_results import BenchTable, RecommendationView


class BenchmarkPage(Page):
    """Run the benchmark or "Train all four" in the background and show what they found."""

    def __init__(self, session, window) -> None:
        super().__init__(session, window)
        self.records: List[dict] = []
        self.job: Optional[Job] = None
        self.controls = BenchControls()
        self.charts: Dict[str, ChartFrame] = {c.key: c for c in all_charts()}
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(style.SPACING)
        for n, chart in enumerate(self.charts.values()):
            chart.exportRequested.connect(self.export_chart_dialog)
            grid.addWidget(chart, n // 3, n % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        self.table = BenchTable()
        self.advice = RecommendationView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.advice, icon("sparkle"), self.tr("Recommendation"))
        self.tabs.addTab(self.table, icon("benchmark"), self.tr("Table"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(grid_host)
        split.addWidget(self.tabs)
        split.setSizes([470, 200])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.SPACING + 2, style.SPACING + 2, style.SPACING, style.SPACING)
        layout.setSpacing(style.SPACING)
        layout.addWidget(self.controls)
        layout.addWidget(split, 1)

        c = self.controls
        c.run_button.clicked.connect(self.run_benchmark)
        c.cancel_button.clicked.connect(self.cancel)
        c.train_button.clicked.connect(self.train_all)
        c.png_button.clicked.connect(self.export_charts_dialog)
        c.csv_button.clicked.connect(lambda: self.export_table_dialog("csv"))
        c.md_button.clicked.connect(lambda: self.export_table_dialog("md"))
        session.libraryChanged.connect(self._library_changed)
        session.modelChanged.connect(self.mark_dirty)

    # ------------------------------------------------------------------ showing
    def reload(self) -> None:
        lib = self.session.lib
        self.show_records(benchmark.current_records(lib) if lib is not None else [])

    def show_records(self, records: List[dict]) -> None:
        """Draw every chart, the table and the recommendation from ``records``."""
        self.records = list(records)
        for chart in self.charts.values():
            chart.set_records(self.records)
        self.table.set_records(self.records)
        notes = []
        measured = [r for r in self.records if r.get("ms_b1_mean") is not None]
        if measured:
            notes.append(self.tr("{machine}; untrained models are timed with random weights (speed does not depend "
                                 "on their values).").format(machine=bench_text.machine_line(self.records)))
            load = max(r.get("cpu_load") or 0.0 for r in measured)
            threads = max(r.get("threads") or 0 for r in measured)
            if threads and load > threads + 0.5:
                notes.append(self.tr("Other programs kept the CPU busy during the measurement (load {load} on %n "
                                     "threads): timings are noisy; run again when the computer is idle.", "",
                                     threads).format(load=f"{load:.1f}"))
        else:
            notes.append(self.tr("Speed, size and memory are not measured yet: click Run benchmark (a few minutes)."))
        notes += [self.tr("{model}: measurement failed: {error}").format(model=r["title"], error=r["error"])
                  for r in self.records if r.get("error")]
        self.advice.show_recommendation(recommend(self.records), notes, self.records)

    def _library_changed(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
        self.mark_dirty()

    # ------------------------------------------------------------------ jobs
    def _start(self, job: Job, first_message: str) -> Job:
        job.progress.connect(self.controls.show_progress)
        job.failed.connect(lambda message: dialogs.show_error(self, message))
        job.cancelled.connect(lambda: self.controls.stage.setText(self.tr("Cancelled")))
        job.finished.connect(self._finished)
        self.job = job
        self.controls.set_running(True)
        self.controls.stage.setText(first_message)
        job.start()
        return job

    def run_benchmark(self) -> Optional[Job]:
        """Measure the chosen models in the background; the page redraws when it is done."""
        lib = self.session.lib
        if lib is None:
            return None
        with dialogs.reporting(self):
            config = self.controls.config().validated()
            job = self.session.runner.job(
                "benchmark", lambda c: benchmark.run_benchmark(lib, config, c.progress, c.should_stop),
                lib=lib, title=self.tr("Benchmark"))
            job.succeeded.connect(self._benchmarked)
            return self._start(job, self.tr("Starting…"))
        return None

    def train_all(self) -> Optional[Job]:
        """Train the four compared models one after another, then refresh the page."""
        lib = self.session.lib
        if lib is None:
            return None
        if self.session.runner.current("train") is not None:
            dialogs.show_error(self, self.tr("A training is already running; wait for it or cancel it on the Training "
                                             "page."))
            return None
        mode = self.controls.train_mode()
        names = bench_text.names(get_spec(m).title for m in benchmark.COMPARED_MODELS)
        question = self.tr("Train {models} one after another ({mode} mode)?\n\nThis runs in the background and can "
                           "take a long time; the models trained before a cancel are kept. The model you use for "
                           "recognition stays the same.").format(models=names, mode=bench_text.mode_name(mode))
        if not dialogs.confirm(self, question, ok=self.tr("Train all four")):
            return None
        job = self.session.runner.job(
            "train", lambda c: benchmark.train_models(lib, benchmark.COMPARED_MODELS, mode, c.progress,
                                                      c.should_stop, c.event),
            lib=lib, title=self.tr("Training all four"))
        return self._start(job, self.tr("Preparing…"))

    def cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.controls.cancel_button.setEnabled(False)
            self.controls.stage.setText(self.tr("Cancelling…"))

    def _benchmarked(self, records: List[dict]) -> None:
        lib = self.session.lib
        self.show_records(benchmark.current_records(lib) if lib is not None else records)
        self._dirty = False
        self.controls.stage.setText(self.tr("Measured %n model(s)", "", len(records)))

    def _finished(self) -> None:
        job = self.job
        self.controls.set_running(False)
        if job is not None and job.slot == "train":
            self.controls.stage.setText({"succeeded": self.tr("Trained all four"),
                                         "cancelled": self.tr("Cancelled; finished models are kept"),
                                         "failed": self.tr("Training failed")}.get(job.state, ""))
            self.session.modelChanged.emit()  # new runs; refreshes this page too
        self.controls.progress.setValue(1 if job is not None and job.state == "succeeded" else 0)

    # ------------------------------------------------------------------ exporting
    def export_charts(self, folder: str | Path) -> List[Path]:
        """Save every chart as ``animeid-<chart>.png`` in ``folder``; the paths written."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        return [chart.export_png(folder / f"animeid-{key}.png") for key, chart in self.charts.items()]

    def export_table(self, path: str | Path, fmt: str) -> Path:
        """Write the table as ``csv`` or ``md`` to ``path``."""
        text = benchmark_table.to_csv(self.records) if fmt == "csv" else benchmark_table.to_markdown(self.records)
        path = Path(path)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(self.tr("cannot write {path}: {reason}").format(path=path, reason=exc.strerror)) from exc
        return path

    def export_charts_dialog(self) -> None:
        folder = dialogs.open_folder(self, self.tr("Save the six charts as PNG images into folder"))
        if folder:
            with dialogs.reporting(self):
                paths = self.export_charts(folder)
                saved = self.tr("Saved %n charts to {folder}", "", len(paths))
                self.session.message.emit(saved.format(folder=folder))

    def export_chart_dialog(self, key: str) -> None:
        path = dialogs.save_file(self, self.tr("Save the {chart} chart").format(chart=self.charts[key].title),
                                 self.tr("PNG images (*.png)"), f"animeid-{key}.png")
        if path:
            self.charts[key].export_png(path if path.lower().endswith(".png") else path + ".png")
            self.session.message.emit(self.tr("Saved {path}").format(path=path))

    def export_table_dialog(self, fmt: str) -> None:
        name, filters = ("animeid-benchmark.csv", self.tr("CSV files (*.csv)")) if fmt == "csv" else \
            ("animeid-benchmark.md", self.tr("Markdown files (*.md)"))
        path = dialogs.save_file(self, self.tr("Save the comparison table"), filters, name)
        if path:
            with dialogs.reporting(self):
                self.export_table(path, fmt)
                self.session.message.emit(self.tr("Saved {path}").format(path=path))


PAGE = PageSpec("benchmark", QT_TRANSLATE_NOOP("PageSpec", "Benchmark"), "benchmark", BenchmarkPage,
                QT_TRANSLATE_NOOP("PageSpec", "Speed, size, memory and accuracy of every model on this computer"))
