"""The window in Simplified Chinese: on a small generated library with a trained model, every page,
menu and dialog of the app is visited and every text a user can read (labels, buttons, tooltips,
window titles, tabs, table headers, combo items, menu actions, chart titles and axis labels) is
collected; any English word left (three or more ASCII letters that are not a name the app keeps
as it is, user data or a path) fails the test, listed by where it was seen."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from typing import Dict, Iterable, List, Set

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.gui import i18n

# names kept as they are in Chinese: the product, units, formats, keys, libraries and methods
KEPT_WORDS = {"AnimeID", "Desktop", "CPU", "GPU", "CUDA", "AUROC", "Top", "MiB", "GiB", "KiB", "XMP", "CSV", "JSON",
              "ONNX", "Markdown", "Ctrl", "Shift", "Delete", "Esc", "Enter", "Space", "PyTorch", "torch", "Python",
              "PySide6", "PySide", "ImageNet", "AdamW", "Mixup", "Noto", "Sans", "CJK", "English", "cpu", "cuda",
              "EXIF", "PNG", "JPEG", "WebP", "AVIF", "HEIC", "TIFF"}
WORD = re.compile(r"[A-Za-z]{3,}")
PATHS = re.compile(r"\S*[/\\]\S*|\S+\.(?:png|jpe?g|webp|bmp|gif|tiff?|avif|heic|heif|jxl|csv|json|onnx|pt|pth|"
                   r"sqlite|qm|ts)\b", re.I)
RUN_IDS = re.compile(r"\b\d{8}-\d{6}-[\w-]+")  # a training run's id: 20261206-224703-lite0-7f93
COMMANDS = re.compile(r"[“\"']animeid [^”\"']*[”\"']")  # a command line quoted for the user to type
FAST = {"epochs": 2, "image_size": 64}


def _model_names() -> Set[str]:
    """The models' names, titles and the charts' short names (EffNet-B0, Lite0)."""
    from animeid_desktop.core.engine.registry import SPECS
    from animeid_desktop.gui.widgets import bench_chart_base

    names = set(getattr(bench_chart_base, "SHORT_NAMES", {}).values())
    for key, spec in SPECS.items():
        names |= {key, spec.title}
    return names


def english_words(text: str, kept: Iterable[str]) -> List[str]:
    """The English words in ``text`` once HTML, paths and the ``kept`` names (longest first) are removed."""
    text = re.sub(r"<[^>]+>|&[a-z]+;", " ", text or "")
    text = COMMANDS.sub(" ", RUN_IDS.sub(" ", PATHS.sub(" ", text)))
    for name in sorted(kept, key=len, reverse=True):
        text = text.replace(name, " ")
    return [w for w in WORD.findall(text) if w not in KEPT_WORDS]


def _count(method) -> int:
    """``rowCount``/``columnCount`` however the model takes it (a list model's columnCount is private: 1)."""
    for args in ((), (QModelIndex(),)):
        try:
            return method(*args)
        except TypeError:
            continue
    return 1


class Collector:
    """Texts seen, by where they were seen."""

    def __init__(self, kept: Set[str]) -> None:
        self.kept = kept
        self.found: Dict[str, Set[str]] = defaultdict(set)

    def add(self, where: str, text) -> None:
        if isinstance(text, str) and english_words(text, self.kept):
            self.found[where].add(text.strip()[:160])

    def widget(self, where: str, w: QWidget) -> None:
        self.add(where, w.toolTip())
        if w.isWindow():
            self.add(where, w.windowTitle())
        if isinstance(w, QLabel):
            self.add(where, w.text())
        elif isinstance(w, QAbstractButton):
            self.add(where, w.text())
        elif isinstance(w, QGroupBox):
            self.add(where, w.title())
        elif isinstance(w, QLineEdit):
            self.add(where, w.placeholderText())
        elif isinstance(w, (QTextEdit, QPlainTextEdit)):
            self.add(where, w.toPlainText())
            self.add(where, w.placeholderText())
        elif isinstance(w, QComboBox):
            for n in range(w.count()):
                self.add(where, w.itemText(n))
        elif isinstance(w, QAbstractSpinBox):
            for name in ("prefix", "suffix", "specialValueText"):
                self.add(where, getattr(w, name, lambda: "")())
        elif isinstance(w, QProgressBar) and w.isTextVisible():
            self.add(where, w.text())
        elif isinstance(w, QTabWidget):
            for n in range(w.count()):
                self.add(where, w.tabText(n))
                self.add(where, w.tabToolTip(n))
        elif isinstance(w, QAbstractItemView):
            self.item_view(where, w)
        if hasattr(w, "getPlotItem"):
            self.plot(where, w.getPlotItem())

    def item_view(self, where: str, view: QAbstractItemView) -> None:
        model = view.model()
        if model is None:
            return
        columns = min(_count(model.columnCount), 12)
        for c in range(columns):
            self.add(where, model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
            self.add(where, model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
        for r in range(min(_count(model.rowCount), 30)):
            for c in range(columns):
                index = model.index(r, c)
                self.add(where, model.data(index, Qt.ItemDataRole.DisplayRole))
                self.add(where, model.data(index, Qt.ItemDataRole.ToolTipRole))

    def plot(self, where: str, item) -> None:
        import pyqtgraph as pg

        self.add(where, item.titleLabel.text)
        for name in ("left", "bottom", "right", "top"):
            axis = item.getAxis(name)
            if axis.isVisible():
                self.add(where, axis.labelText)
        if item.legend is not None:
            for _sample, label in item.legend.items:
                self.add(where, label.text)
        for child in item.items:
            if isinstance(child, pg.TextItem):
                self.add(where, child.textItem.toPlainText())

    def visible_tree(self, where: str, root: QWidget, app) -> None:
        """Every visible widget under ``root``, each tab of its tab widgets shown in turn."""
        for w in [root, *root.findChildren(QWidget)]:
            if w.isVisible():
                self.widget(where, w)
        for tabs in root.findChildren(QTabWidget):
            if tabs.isVisible():
                for n in range(tabs.count()):
                    tabs.setCurrentIndex(n)
                    app.processEvents()
                    for w in [tabs.widget(n), *tabs.widget(n).findChildren(QWidget)]:
                        if w.isVisible():
                            self.widget(where, w)

    def menu(self, where: str, menu: QMenu) -> None:
        self.add(where, menu.title())
        for action in menu.actions():
            self.add(where, action.text())
            if action.menu() is not None:
                self.menu(where, action.menu())


@pytest.fixture
def chinese_window(qtbot, tmp_path, answers, monkeypatch):
    """The main window in zh_CN on 3 synthetic characters (6 labelled pictures each, 4 loose ones) with a
    trained head model; English is installed again afterwards."""
    from animeid_desktop.core.training.pipeline import TrainConfig, train
    from animeid_desktop.gui.app import create_window, make_app
    from animeid_desktop.gui.jobs import SyncJobRunner

    pictures = tmp_path / "pictures"
    synthetic.write_folder(pictures, n_characters=3, per_character=6, size=64, unlabelled=4, seed=3)
    lib = Library.open(tmp_path / "library")
    import_paths(lib, [pictures])
    train(lib, TrainConfig(**FAST))
    lib.close()
    monkeypatch.setenv(i18n.ENV, "zh_CN")
    monkeypatch.setattr(i18n, "has_cjk_font", lambda: True)  # the texts are what counts, not how they look
    app = make_app()
    assert i18n.installed_state().language == "zh_CN"
    window = create_window(str(tmp_path / "library"), runner=SyncJobRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window, app, pictures
    window.close()
    monkeypatch.setenv(i18n.ENV, "en")
    i18n.install("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    shutil.rmtree(tmp_path / "pictures", ignore_errors=True)


def _kept(window, pictures) -> Set[str]:
    lib = window.session.lib
    names = {c["name"] for c in window.session.characters()} | _model_names()
    names |= {key for key, _type, choices in synthetic.ATTRIBUTE_DEFS} | {
        choice for _key, _type, choices in synthetic.ATTRIBUTE_DEFS for choice in (choices or [])}
    return names | {lib.root.name, pictures.name} | {p.stem for p in pictures.rglob("*")}


def _visit(window, app, pictures, qtbot) -> Collector:
    from animeid_desktop.gui.about_dialog import about_dialog

    seen = Collector(_kept(window, pictures))
    for spec in window.specs:
        page = window.go_to(spec.key)
        qtbot.wait(150)
        where = f"page {spec.key}"
        seen.visible_tree(where, page, app)
        seen.add(where, window.windowTitle())
    seen.visible_tree("window (navigation, status bar)", window.nav, app)
    seen.visible_tree("window (navigation, status bar)", window.statusBar(), app)
    for top in window.menuBar().actions():
        seen.menu("menus", top.menu())
    dialog = window.import_paths([str(pictures)])
    seen.visible_tree("import dialog", dialog, app)
    dialog.accept()
    window.show_watched_folders()
    seen.visible_tree("watched folders dialog", window.watched_dialog, app)
    window.watched_dialog.close()
    about = about_dialog(window, str(window.session.lib.root), "cpu")
    about.show()
    seen.visible_tree("about dialog", about, app)
    about.close()
    return seen


def test_english_words_ignores_names_paths_and_markup():
    kept = {"EfficientNet-Lite0", "Alice"}
    assert english_words("<b>EfficientNet-Lite0</b> 识别 Alice /tmp/x/library · a.png · CPU 12 px", kept) == []
    assert english_words("训练 the model", kept) == ["the", "model"]
    assert english_words("模型 20261206-224703-lite0-7f93 · “animeid models shrink” · Enter", kept) == []


def test_every_page_menu_and_dialog_is_in_chinese(chinese_window, qtbot):
    window, app, pictures = chinese_window
    seen = _visit(window, app, pictures, qtbot)
    assert not seen.found, "English left in the zh_CN window:\n" + "\n".join(
        f"[{where}] {text!r}" for where, texts in sorted(seen.found.items()) for text in sorted(texts))

