"""Benchmark and curation pages in Simplified Chinese: the GUI composes the core's English sentences word
for word, and with the zh_CN translation loaded they read Chinese."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from animeid_desktop.core.benchmark.recommend import recommend
from animeid_desktop.core.curation.active_learning import QueueItem
from animeid_desktop.gui import bench_text, curation_text
from animeid_desktop.gui.i18n import qm_dir


def _record(model, title, ms, mb, acc=None, **extra):
    return {"model": model, "title": title, "status": "measured", "ms_b1_mean": ms, "ms_b1_p95": ms * 1.5,
            "file_mb": mb, "peak_mem_mb": mb * 10, "images_per_s": 1000 / ms, "batch": 8, "best_val_acc": acc,
            "n_val": 60 if acc is not None else None, "pretrained": True, "mode": "head", **extra}


RECORDS = [
    _record("mobilenet_v2", "MobileNetV2", 10.0, 9.0, 0.91),
    _record("efficientnet_b0", "EfficientNet-B0", 20.0, 16.0, 0.93, pretrained=False, mode="finetune"),
    _record("resnet50", "ResNet-50", 40.0, 90.0),
]
UNTRAINED = [_record("mobilenet_v2", "MobileNetV2", 10.0, 9.0), _record("resnet50", "ResNet-50", 40.0, 90.0)]


@pytest.mark.parametrize("records", [RECORDS, UNTRAINED, []])
def test_gui_sentences_match_the_core_in_english(qapp, records):
    rec = recommend(records)
    assert [bench_text.reason(p, records) for p in rec.picks] == [p.reason for p in rec.picks]
    assert [bench_text.label(p) for p in rec.picks] == [p.label for p in rec.picks]
    assert bench_text.warnings(rec, records) == rec.warnings


def test_queue_reasons_match_the_core_in_english(qapp):
    items = [QueueItem(1, "a.png", None, group=2), QueueItem(2, "b.png", 0.12, [("A", 0.5), ("B", 0.38)]),
             QueueItem(3, "c.png", 0.4, [("A", 0.7)])]
    assert [curation_text.queue_reason(i) for i in items] == [i.reason for i in items]


@pytest.fixture
def chinese(qapp):
    translator = QTranslator()
    assert translator.load(str(qm_dir() / "animeid_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def _english(text: str) -> list:
    allowed = {"MobileNetV2", "EfficientNet", "ResNet", "MB", "ms", "p95", "cpu", "fp32", "CPU", "GPU", "N"}
    return [w for w in re.findall(r"[A-Za-z][A-Za-z0-9-]+", text) if w.split("-")[0] not in allowed]


def test_recommendation_reads_chinese(chinese):
    rec = recommend(RECORDS)
    texts = [bench_text.reason(p, RECORDS) for p in rec.picks] + bench_text.warnings(rec, RECORDS)
    machine = {**RECORDS[0], "device": "cpu", "precision": "fp32", "threads": 2, "repeats": 10}
    texts += [bench_text.label(p) for p in rec.picks] + [bench_text.machine_line([machine])]
    assert len(texts) == 6 + 3 + 6 + 1
    for text in texts:
        assert not _english(text), text


def test_charts_and_controls_read_chinese(chinese, qtbot):
    from animeid_desktop.gui.widgets.bench_charts import all_charts
    from animeid_desktop.gui.widgets.bench_controls import BenchControls

    controls = BenchControls()
    qtbot.addWidget(controls)
    assert controls.run_button.text() == "运行基准测试" and controls.stage.text() == "就绪"
    for chart in all_charts():
        qtbot.addWidget(chart)
        chart.set_records(RECORDS)
        assert not _english(chart.title + chart.note.text()), chart.key
        axis = chart.plot.getPlotItem().getAxis("left").labelText
        assert not _english(axis), (chart.key, axis)
