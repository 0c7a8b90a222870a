"""Benchmark and curation pages in Simplified Chinese: the part translation files are complete, the GUI
composes the core's English sentences word for word, and with the zh_CN translation loaded they read Chinese."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from animeid_desktop.core.benchmark.recommend import recommend
from animeid_desktop.core.curation.active_learning import QueueItem
from animeid_desktop.gui import bench_text, curation_text

PARTS = Path(__file__).resolve().parents[2] / "translations" / "parts"
FIELD = re.compile(r"\{\w+\}")


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


def _messages(name):
    return list(ET.parse(PARTS / name).getroot().iter("message"))


def test_zh_cn_part_is_complete_and_keeps_fields():
    messages = _messages("bench_zh_CN.ts")
    assert len(messages) > 300
    for m in messages:
        source, translation = m.find("source").text, m.find("translation")
        assert translation.get("type") is None, source
        texts = [f.text for f in translation.findall("numerusform")] if m.get("numerus") else [translation.text]
        assert len(texts) == 1 and texts[0], source
        assert sorted(set(FIELD.findall(texts[0]))) == sorted(set(FIELD.findall(source))), source
        assert ("%n" in texts[0]) == ("%n" in source), source


def test_en_part_has_singular_and_plural_forms():
    messages = _messages("bench_en.ts")
    assert messages and all(m.get("numerus") == "yes" for m in messages)
    for m in messages:
        one, many = (f.text for f in m.find("translation").findall("numerusform"))
        assert "%n" in one and "%n" in many and "(s)" not in one + many, m.find("source").text


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
def chinese(qapp, tmp_path):
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    if not Path(lrelease).exists():
        pytest.skip("pyside6-lrelease not available")
    qm = tmp_path / "bench_zh_CN.qm"
    subprocess.run([lrelease, str(PARTS / "bench_zh_CN.ts"), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
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
