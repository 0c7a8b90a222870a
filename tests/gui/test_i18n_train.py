"""Training and Recognition in Simplified Chinese: the part translation is complete and applied (issue 18).

The committed zh_CN .qm is loaded into a QTranslator; the widgets of the two pages are built and their
texts checked for English words (user data and model names excepted). Every translation keeps its fields.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

TS = Path(__file__).resolve().parents[2] / "translations" / "animeid_zh_CN.ts"
ENGLISH = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def zh_translator(qapp):
    from PySide6.QtCore import QCoreApplication, QTranslator

    from animeid_desktop.gui.i18n import qm_dir

    qm = qm_dir() / "animeid_zh_CN.qm"
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def _english(text: str, allowed=()) -> list:
    for word in allowed:
        text = text.replace(word, " ")
    return ENGLISH.findall(text)


def test_every_translation_is_finished_and_keeps_its_fields():
    root = ET.parse(TS).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 800
    for message in messages:
        translation = message.find("translation")
        assert translation.get("type") is None, message.find("source").text
        source = message.find("source").text
        text = "".join(translation.itertext())
        assert text.strip(), source
        assert set(re.findall(r"\{\w+\}|%n", source)) <= set(re.findall(r"\{\w+\}|%n", text)), source


def test_core_messages_translate_with_their_fields(zh_translator):
    from animeid_desktop.gui import training_text as t

    assert t.message("epoch 3/12") == "第 3/12 轮"
    assert t.message("skipped /p/a b.png: truncated or incomplete image data (image file is truncated)") == \
        "已跳过 /p/a b.png：图片数据被截断或不完整（图片文件被截断）"
    assert t.message("something new from the core") == "something new from the core"
    from animeid_desktop.core.training.head_views import HeadViewChoice

    kept = HeadViewChoice(chosen="full+face", prep=None, folds=5, images=80, scores={}, labelled=100, kept_from="r1")
    assert t.message(kept.line()) == ("分类头视图：full+face，沿用运行 r1 的选择"
                                      "（在 80 张训练集图片上交叉验证得出；已标注图片数量变化超过 25% 时重新选择）")
    reasons = t.skipped_reasons(["unreadable", "unreadable", "empty file (0 bytes)"])
    assert reasons == "无法读取（2）；空文件（0 字节）（1）"
    assert t.openset_sentence({"unseen_flagged": 0.8, "known_kept": 0.95}) == \
        "对于你未标注过的角色的图片，约 80% 会被归为未知，而你的角色的图片有 95% 会被保留。"
    assert not _english(t.openset_sentence({}))
    assert t.training_problem({"Tibao": 4, "B": 0}, "problem") == \
        "只有“Tibao”有已标注图片；训练前请至少标注两个角色的图片。"


def test_training_widgets_speak_chinese(qtbot, zh_translator):
    from types import SimpleNamespace

    from animeid_desktop.core.library.runs import SkippedImage
    from animeid_desktop.gui.widgets.train_form import TrainForm
    from animeid_desktop.gui.widgets.train_results import TrainResults

    form = TrainForm()
    qtbot.addWidget(form)
    texts = [form.mode.itemText(i) for i in range(form.mode.count())]
    texts += [form.epochs.specialValueText(), form.image_size.specialValueText(), form.final_fit.text()]
    texts += [form.layout().labelForField(w).text() for w in (form.model, form.mode, form.batch_size, form.seed)]
    texts += [w.toolTip() for w in (form.model, form.mode, form.lr, form.final_fits)]
    results = TrainResults()
    qtbot.addWidget(results)
    result = SimpleNamespace(
        run_id="r1", model="efficientnet_lite0", mode="head", classes=["A", "B"], pretrained=True, best_val_acc=0.9,
        final_val_acc=0.85, per_class_acc={"A": 1.0, "B": 0.5}, confusion=[[2, 0], [1, 1]], val_items=[], seconds=12,
        path="x.pt", history=[], previous_per_class_acc={"A": 0.9}, cancelled=True,
        skipped=[SkippedImage("/p/1.png", "unreadable")], labelled_count=10, openset=None)
    results.show_result(result, "other")
    texts += [results.note.text(), results.unknown_note.text(), results.use_button.text(),
              results.skipped.text.text(), results.skipped.list_button.text()]
    texts += [results.per_class.horizontalHeaderItem(i).text() for i in range(3)]
    texts += [results.per_class.item(r, 2).text() for r in range(2)]
    model = results.confusion.model()
    texts += [model.data(model.index(1, 0), 3), model.headerData(0, 1, 3), results.confusion.toolTip()]
    for text in texts:
        assert text and not _english(text, ("efficientnet_lite0", "AdamW", "CPU", "<b>")), text


def test_recognition_and_plot_texts_speak_chinese(qtbot, zh_translator):
    from PySide6.QtCore import Qt

    from animeid_desktop.gui.widgets.plots import TrainingPlots
    from animeid_desktop.gui.widgets.recognition_table import ResultRow, ResultsModel, status_text
    from animeid_desktop.gui.widgets.topk_bars import TopKBars

    plots = TrainingPlots()
    qtbot.addWidget(plots)
    item = plots.loss_plot.getPlotItem()
    texts = [item.titleLabel.text, item.getAxis("bottom").labelText, item.getAxis("left").labelText]
    texts += [label.text for _sample, label in item.legend.items]
    model = ResultsModel()
    model.add([ResultRow("/p/a.png", [("A", 0.3)], unknown=True, status="not in library"),
               ResultRow("/p/b.png", error="empty file (0 bytes)")])
    texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    texts += [model.index(0, 1).data(), model.index(0, 5).data(), model.index(1, 1).data(), model.index(1, 5).data()]
    texts += [status_text("confirmed as A"), status_text("rejected")]
    bars = TopKBars()
    qtbot.addWidget(bars)
    texts.append(bars.empty_text)
    for text in texts:
        assert text and not _english(text), text
