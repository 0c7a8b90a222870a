"""The gallery in Simplified Chinese: with the zh_CN translation loaded, no English is left in the page,
its menus and its dialogs (only user data and names such as AnimeID or OpenCV)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTableWidget,
    QWidget,
)

from animeid_desktop.core.curation.similar import SimilarImage, SimilarResult
from animeid_desktop.core.library.label_state import Region
from tests.gui.test_gallery_tagging import _import, _select_rows

ALLOWED = {"AnimeID", "OpenCV", "Pillow", "cv2", "KB", "MB", "GB", "PNG", "JPEG", "JPG", "WEBP", "GIF", "BMP"}


def _qm() -> Path:
    """The committed zh_CN translation."""
    from animeid_desktop.gui.i18n import qm_dir

    return qm_dir() / "animeid_zh_CN.qm"


@pytest.fixture
def zh():
    """The gallery's zh_CN translation and Qt's own installed (removed again afterwards)."""
    from animeid_desktop.gui.app import make_app

    app = make_app()
    translator = QTranslator(app)
    assert translator.load(str(_qm()))
    qt_own = QTranslator(app)  # standard buttons (OK, Cancel) come from Qt's own translation
    qt_own.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for t in (qt_own, translator):
        QCoreApplication.installTranslator(t)
    yield
    for t in (qt_own, translator):
        QCoreApplication.removeTranslator(t)


@pytest.fixture
def zh_window(qtbot, tmp_path, answers, zh):
    """A main window built with the zh_CN translation installed."""
    from animeid_desktop.gui.app import create_window
    from animeid_desktop.gui.jobs import SyncJobRunner

    window = create_window(str(tmp_path / "library"), runner=SyncJobRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _menu_texts(menu: QMenu) -> list:
    texts = [menu.title()]
    for action in menu.actions():
        texts += [action.text(), action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""]
        if action.menu() is not None:
            texts += _menu_texts(action.menu())
    return texts


def _widget_texts(root: QWidget) -> list:
    """Every text a user can see in ``root``: labels, buttons, tooltips, placeholders, items, headers."""
    texts = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        texts.append(w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        if isinstance(w, QLineEdit):
            texts += [w.placeholderText()] + [a.text() for a in w.actions()]
        if isinstance(w, QComboBox):
            texts += [w.itemText(n) for n in range(w.count())]
        if isinstance(w, QTableWidget):
            for column in range(w.columnCount()):
                header = w.horizontalHeaderItem(column)
                texts.append(header.text() if header is not None else "")
        if isinstance(w.layout(), QFormLayout):
            form = w.layout()
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if item is not None and isinstance(item.widget(), QLabel):
                    texts.append(item.widget().text())
    return texts


def _english(texts, user_data) -> list:
    """The texts that still hold an English word once user data and allowed names are taken out."""
    left = []
    for text in texts:
        rest = text or ""
        for data in sorted(user_data, key=len, reverse=True):
            rest = rest.replace(data, " ")
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9_']*", rest) if w not in ALLOWED]
        if any(len(w) > 1 for w in words):
            left.append(text)
    return left


def test_the_gallery_in_chinese_has_no_english_left(qtbot, zh_window, pictures):
    window = zh_window
    _import(qtbot, window, pictures)
    session = window.session
    gallery = window.go_to("gallery")
    names = gallery.characters.names()
    name = names[0]
    session.define_attribute(name, "glasses", "bool")
    session.define_attribute(name, "outfit", "choice", ["school", "casual"])
    gallery.show_character(name)
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 6)
    image_id = gallery.model.id_at(0)
    session.set_attributes([image_id], name, {"glasses": "1", "outfit": "school"})
    session.set_region(image_id, name, Region(0.1, 0.1, 0.5, 0.5, source="user"))
    _select_rows(gallery.view, [0])
    qtbot.waitUntil(lambda: set(gallery.detail.attributes.editors) == {"glasses", "outfit"})
    qtbot.waitUntil(lambda: bool(gallery.detail.box_hint.text()))
    paths = [gallery.model.row_data(r)["path"] for r in range(gallery.model.rowCount())]
    files = [str(f) for f in pictures.rglob("*.png")]
    user_data = {*names, "glasses", "outfit", "school", "casual", str(pictures), *files, *(Path(f).name for f in files)}

    texts = _widget_texts(gallery)
    texts += [gallery.model.data(gallery.model.index(0), 3)]  # a card's tooltip
    texts += _menu_texts(gallery.context_menu())
    boxes = gallery.detail.boxes
    texts += _menu_texts(boxes.character_menu(boxes.tr("Who is in this box?"), (0.1, 0.1, 0.2, 0.2)))
    texts += _menu_texts(boxes.box_menu((0.1, 0.1, 0.2, 0.2)))
    label_box = next(b for b in gallery.detail.preview.labels if b.character == name)
    texts += _menu_texts(boxes.box_menu(label_box))
    texts += _menu_texts(gallery.characters.context_menu(gallery.characters.list.item(0)))

    _select_rows(gallery.view, [0, 1, 2])
    qtbot.waitUntil(lambda: "3" in gallery.detail.label_text.text())
    texts += _widget_texts(gallery.detail) + [gallery.footer.text()]
    gallery.filters.set_character(None)
    gallery.filters.set_status("unlabelled")
    qtbot.waitUntil(lambda: gallery.model.rowCount() == 4)
    _select_rows(gallery.view, [0])
    qtbot.waitUntil(lambda: gallery.detail.label_text.text() == "未标注")
    texts += _widget_texts(gallery.detail) + [gallery.footer.text(), gallery.detail.bars.empty_text]
    texts += [gallery.view.delegate.tr("unlabelled"), gallery.view.delegate.tr("unknown")]  # painted captions
    gallery.detail.show_images([], None)
    qtbot.waitUntil(lambda: gallery.detail.preview._text != "")
    texts.append(gallery.detail.preview._text)

    from animeid_desktop.gui.widgets.attribute_defs_dialog import AttributeDefsDialog, AttributeForm
    from animeid_desktop.gui.widgets.similar_dialog import SimilarDialog

    dialogs = [AttributeDefsDialog(session, name, gallery), AttributeForm(name, gallery),
               SimilarDialog(SimilarResult(str(image_id), image_id,
                                           [SimilarImage(image_id + 1, paths[1], 0.9, name)]), gallery),
               SimilarDialog(SimilarResult("x", None, []), gallery)]
    for dialog in dialogs:
        texts += _widget_texts(dialog)
    assert all(isinstance(d, QDialog) for d in dialogs)
    assert _english(texts, user_data) == []
    assert "图片" in gallery.footer.text() and gallery.detail.attributes.title.text() == "属性"


def test_core_reasons_are_shown_in_chinese_and_unknown_text_passes_through(zh):
    from animeid_desktop.gui.image_reasons import translate_core_text

    assert translate_core_text("cannot read file (Permission denied)") == "无法读取文件（Permission denied）"
    assert translate_core_text("image is 9000x9000 pixels, over the 50,000,000-pixel safety limit") == \
        "图片为 9000x9000 像素，超过 50,000,000 像素的安全上限"
    assert translate_core_text("something new from the core") == "something new from the core"


def test_core_reasons_stay_english_without_a_translation():
    from animeid_desktop.gui.image_reasons import translate_core_text

    assert translate_core_text("empty file (0 bytes)") == "empty file (0 bytes)"


def test_choices_may_be_separated_by_chinese_commas():
    from animeid_desktop.gui.widgets.attribute_defs_dialog import parse_choices

    assert parse_choices("校服，便服、泳装, school,校服") == ["校服", "便服", "泳装", "school"]
