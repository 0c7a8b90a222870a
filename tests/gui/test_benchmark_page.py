"""The Benchmark page: runs the benchmark and "Train all four" as jobs, draws six charts, exports them;
the screenshot mode's ``--benchmark`` runs that benchmark before the page is shot."""

from __future__ import annotations

import csv
import sys
import time

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from animeid_desktop.core.benchmark import runner as benchmark
from animeid_desktop.core.library import runs
from animeid_desktop.core.training import pipeline as training
from tests.core.benchmark.test_benchmark import FakeResult, add_run, fake_measure


@pytest.fixture
def fake_probe(monkeypatch):
    seen = []

    def probe(request, *args):
        seen.append(request)
        return fake_measure(request, *args)

    monkeypatch.setattr(benchmark, "run_probe", probe)
    return seen


@pytest.fixture
def page(window):
    page = window.go_to("benchmark")
    assert page is not None, "the Benchmark page is not in the main window"
    return page


def test_page_is_listed_and_starts_empty_but_honest(page):
    assert list(page.charts) == ["speed", "size", "accuracy", "overview", "radar", "scatter"]
    assert [r["model"] for r in page.records] == list(benchmark.BENCH_MODELS)
    assert all(r["ms_b1_mean"] is None for r in page.records)
    assert page.charts["speed"].values == [[None] * 5, [None] * 5]
    assert "run the benchmark" in page.advice.toPlainText().lower()


def test_run_draws_every_chart_table_and_recommendation(qtbot, page, fake_probe):
    page.controls.model_boxes["resnet50"].setChecked(False)
    page.controls.batch.setValue(4)
    page.controls.threads.setValue(1)
    job = page.run_benchmark()
    assert job.state == "succeeded"
    assert [r["model"] for r in fake_probe] == [m for m in benchmark.BENCH_MODELS if m != "resnet50"]
    assert {(r["batch"], r["threads"]) for r in fake_probe} == {(4, 1)}
    by_model = {r["model"]: r for r in page.records}
    assert by_model["mobilenet_v2"]["ms_b1_mean"] == 10.0 and by_model["resnet50"]["ms_b1_mean"] is None
    speed = page.charts["speed"].values[0]
    assert speed[list(benchmark.BENCH_MODELS).index("mobilenet_v2")] == 10.0
    assert page.charts["accuracy"].values == [[None] * 5, [None] * 5]  # nothing trained: nothing invented
    assert set(page.charts["radar"].polygons) == set(by_model) - {"resnet50"}
    assert page.charts["scatter"].points == []
    assert page.table.rowCount() == 5
    assert page.table.cell_text(1, "ms/image (batch 1)") == "10.0"
    assert page.table.cell_text(1, "best val acc") == "not trained"
    text = page.advice.toPlainText()
    assert "Resource-bound" in text and "MobileNetV2" in text and "no model is trained yet" in text
    assert page.controls.run_button.isEnabled() and not page.controls.cancel_button.isEnabled()


def test_exports_png_csv_and_markdown(qtbot, page, fake_probe, answers, tmp_path):
    add_run(page.session.lib, "mobilenet_v2", 0.91, val_count=60)
    add_run(page.session.lib, "efficientnet_b0", 0.93, val_count=60)
    page.run_benchmark()
    assert len(page.charts["scatter"].points) == 2
    paths = page.export_charts(tmp_path / "charts")
    assert sorted(p.name for p in paths) == sorted(f"animeid-{k}.png" for k in page.charts)
    for path in paths:
        image = QImage(str(path))
        assert image.width() == 1200 and image.height() >= 600
        colours = {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 23)}
        assert len(colours) > 5, f"{path.name} looks blank"
    answers.saves += [str(tmp_path / "table.csv"), str(tmp_path / "table.md"), str(tmp_path / "one")]
    page.controls.csv_button.click()
    page.controls.md_button.click()
    page.charts["radar"].export_button.click()
    rows = list(csv.reader((tmp_path / "table.csv").open(encoding="utf-8")))
    assert len(rows) == 6 and rows[0][0] == "Model"
    assert "| Model |" in (tmp_path / "table.md").read_text(encoding="utf-8")
    assert QImage(str(tmp_path / "one.png")).width() == 1200
    assert "points are noise" in page.advice.toPlainText()  # 91% vs 93% on 60 images


def test_train_all_four_trains_in_order_then_refreshes(qtbot, page, fake_probe, monkeypatch, answers):
    page.run_benchmark()
    lib = page.session.lib
    trained = []

    def fake_train(lib_, config, on_progress=None, should_stop=None, on_event=None):
        trained.append((config.model, config.mode, config.incremental))
        on_progress(1, 1, "epoch 1/1")
        acc = {"efficientnet_b3": 0.8, "efficientnet_b0": 0.85, "mobilenet_v2": 0.7, "resnet50": 0.6}[config.model]
        run_id = add_run(lib_, config.model, acc, mode=config.mode)
        runs.set_active(lib_, run_id)
        return FakeResult(run_id, acc)

    monkeypatch.setattr(training, "train", fake_train)
    page.controls.mode.setCurrentIndex(1)  # fine-tune
    job = page.train_all()
    assert job.state == "succeeded"
    assert trained == [(m, "finetune", False) for m in benchmark.COMPARED_MODELS]
    accuracy = dict(zip(benchmark.BENCH_MODELS, page.charts["accuracy"].values[0]))
    assert accuracy["efficientnet_b0"] == pytest.approx(85.0) and accuracy["efficientnet_lite0"] is None
    assert page.records[0]["ms_b1_mean"] is not None  # timings kept, accuracy added
    assert len(page.charts["scatter"].points) == 4
    assert "EfficientNet-B0 reached the best validation accuracy" in page.advice.toPlainText()
    assert runs.get_run(lib, runs.active_run_id(lib)).model == "efficientnet_b0"  # none was active before
    assert page.controls.stage.text() == "Trained all four"


def test_train_all_refuses_while_a_training_runs(page, answers, monkeypatch):
    monkeypatch.setattr(page.session.runner, "current", lambda slot: object() if slot == "train" else None)
    assert page.train_all() is None
    assert answers.errors and "already running" in answers.errors[0]


def test_threaded_run_reports_progress(qtbot, threaded_window, fake_probe):
    page = threaded_window.go_to("benchmark")
    progress = []
    job = page.run_benchmark()
    job.progress.connect(lambda d, t, m: progress.append((d, t, m)))
    qtbot.waitUntil(lambda: job.state == "succeeded", timeout=20000)
    assert all(r["ms_b1_mean"] for r in page.records)
    assert progress and progress[-1][0] == progress[-1][1]


# ------------------------------------------------------------------ screenshot mode (main.py --benchmark)
def _chart_labels(chart):
    return [item.toPlainText() for item in chart.plot.getPlotItem().items if isinstance(item, pg.TextItem)]


def _clipped_labels(chart):
    """Value labels that stick out of the plot area (cut off at its top on screen)."""
    area = chart.plot.getViewBox().sceneBoundingRect()
    return [item.toPlainText() for item in chart.plot.getPlotItem().items
            if isinstance(item, pg.TextItem) and not area.contains(item.sceneBoundingRect())]


def test_screenshot_mode_runs_the_benchmark_before_the_shot(qtbot, threaded_window, fake_probe, tmp_path):
    """``--screenshot-dir --benchmark``: the page's own job runs (on a QThread) and the shot waits for it."""
    from animeid_desktop.gui import screenshots

    add_run(threaded_window.session.lib, "efficientnet_lite0", 0.967, 0.95)
    threaded_window.go_to("benchmark").reload()
    problems = []
    path = screenshots.shoot_benchmark(QApplication.instance(), threaded_window, tmp_path, True, problems, timeout_s=60)
    page = threaded_window.go_to("benchmark")
    assert problems == []
    assert path == tmp_path / "benchmark.png" and QImage(str(path)).width() == threaded_window.width()
    assert page.job is not None and page.job.state == "succeeded"
    assert [r["model"] for r in fake_probe] == list(benchmark.BENCH_MODELS)
    assert all(r["ms_b1_mean"] is not None and r["peak_mem_mb"] is not None for r in page.records)
    assert all(v is not None for v in page.charts["speed"].values[0] + page.charts["size"].values[1])
    for key in ("speed", "size"):
        labels = _chart_labels(page.charts[key])
        assert labels and "n/a" not in labels, (key, labels)
    for key in ("speed", "size", "accuracy"):  # the tallest bar's value fits under the top of its chart
        assert _clipped_labels(page.charts[key]) == [], key
    assert page.table.cell_text(0, "ms/image (batch 1)") == "30.0"
    assert "No measurements yet" not in page.advice.toPlainText()
    assert page.controls.stage.text() == f"Measured {len(benchmark.BENCH_MODELS)} models"


def test_screenshot_mode_gives_up_on_a_benchmark_that_never_ends(qtbot, threaded_window, monkeypatch):
    from animeid_desktop.core.errors import Cancelled
    from animeid_desktop.gui import screenshots

    def stuck(request, should_stop, *args):
        while not should_stop():
            time.sleep(0.01)
        raise Cancelled()

    monkeypatch.setattr(benchmark, "run_probe", stuck)
    page = threaded_window.go_to("benchmark")
    problem = screenshots.run_page_benchmark(QApplication.instance(), page, timeout_s=0.3)
    assert problem == "the benchmark did not finish within 0.3 s"
    assert page.job.state == "cancelled" and page.controls.run_button.isEnabled()


def test_benchmark_flag_reaches_the_screenshot_tour(monkeypatch, tmp_path, capsys):
    from animeid_desktop.gui import app, screenshots

    seen = {}
    monkeypatch.setattr(app, "preload_engine", lambda *args, **kw: None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(screenshots, "take_screenshots", lambda *args, **kw: seen.update(args=args, kw=kw) or 0)
    assert app.main(["--screenshot-dir", str(tmp_path), "--benchmark"]) == 0
    assert seen["kw"] == {"benchmark": True}
    assert app.main(["--screenshot-dir", str(tmp_path)]) == 0
    assert seen["kw"] == {"benchmark": False}
    with pytest.raises(SystemExit):
        app.main(["--benchmark"])
    assert "--screenshot-dir" in capsys.readouterr().err


def test_radar_axis_names_clear_the_ring_the_legend_and_the_edges(qtbot, page, fake_probe):
    from animeid_desktop.gui.widgets.bench_radar_scatter import RADAR_AXES, _radar_point

    page.run_benchmark()
    qtbot.wait(50)
    radar = page.charts["radar"]
    box = radar.plot.getViewBox()
    area, legend = box.sceneBoundingRect(), radar.plot.getPlotItem().legend.sceneBoundingRect()
    assert [label.toPlainText() for label in radar.axis_labels] == [name for _m, name in RADAR_AXES]
    for i, label in enumerate(radar.axis_labels):
        rect = label.sceneBoundingRect()
        assert area.contains(rect), label.toPlainText()
        assert not rect.intersects(legend), label.toPlainText()
        assert not rect.contains(box.mapViewToScene(_radar_point(i, 1.0))), label.toPlainText()
    assert legend.width() > 0 and box.viewRect().height() < 3.5  # the radar still fills the card's height
