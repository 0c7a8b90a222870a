"""Language choice: the system locale, the setting, --language, the CJK-font fallback, plurals,
Settings → Language with its restart, and the core's phrases in the GUI's language."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from animeid_desktop.gui import i18n


@pytest.fixture
def english_again(qapp, monkeypatch):
    """Tests that install another language leave English installed behind them. Chinese loads whether
    or not this machine has a CJK font (the fallback has its own test)."""
    monkeypatch.delenv(i18n.ENV, raising=False)
    monkeypatch.setattr(i18n, "has_cjk_font", lambda: True)
    yield
    i18n.set_command_line_language(None)
    i18n.install("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


@pytest.mark.parametrize("name, expected", [("zh_CN", "zh_CN"), ("zh_TW", "zh_CN"), ("zh_HK", "zh_CN"),
                                            ("en_US", "en"), ("de_DE", "en"), ("ja_JP", "en")])
def test_system_choice_follows_the_locale(name, expected):
    assert i18n.resolve("system", QLocale(name)) == expected
    assert i18n.resolve("en", QLocale("zh_CN")) == "en"
    assert i18n.resolve("zh_CN", QLocale("en_US")) == "zh_CN"


def test_command_line_then_environment_then_setting_decide(english_again, monkeypatch):
    assert i18n.current_choice() == "system"
    i18n.save_choice("zh_CN")
    assert i18n.current_choice() == "zh_CN" and i18n.saved_choice() == "zh_CN"
    monkeypatch.setenv(i18n.ENV, "en")
    assert i18n.current_choice() == "en"
    i18n.set_command_line_language("zh_CN")
    assert i18n.current_choice() == "zh_CN"
    with pytest.raises(ValueError):
        i18n.save_choice("fr")


def test_an_explicit_setting_wins_over_a_chinese_system_locale(english_again, monkeypatch):
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("zh_CN")))
    assert i18n.install().language == "zh_CN"
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    i18n.save_choice("en")
    state = i18n.install()
    assert (state.choice, state.language, state.ours_loaded) == ("en", "en", True)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_zh_CN_installs_ours_and_qts_own_translation(english_again):
    state = i18n.install("zh_CN")
    assert state.language == "zh_CN" and state.ours_loaded and state.qt_loaded
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's standard buttons
    assert QCoreApplication.translate("ImportDialog", "Added %n image(s)", None, 3) == "已添加 3 张图片"


def test_without_a_cjk_font_the_app_stays_english_and_says_so_once(english_again, monkeypatch):
    monkeypatch.setattr(i18n, "has_cjk_font", lambda: False)
    i18n.save_choice("zh_CN")
    state = i18n.install()
    assert (state.language, state.font_missing) == ("en", True)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    message = i18n.font_warning(state)
    assert message and "fonts-noto-cjk" in message and "Noto Sans CJK" in message
    assert i18n.font_warning(i18n.install()) is None  # said once, remembered in the settings
    monkeypatch.setattr(i18n, "has_cjk_font", lambda: True)
    assert i18n.font_warning(i18n.install()) is None


def test_english_plural_forms(english_again):
    i18n.install("en")
    tr = QCoreApplication.translate
    assert tr("MainWindow", "Library: {path}  ·  %n image(s)", None, 1).endswith("1 image")
    assert tr("MainWindow", "Library: {path}  ·  %n image(s)", None, 2).endswith("2 images")
    assert tr("ImportDialog", "Added %n image(s)", None, 1) == "Added 1 image"
    assert tr("ImportDialog", "Added %n image(s)", None, 2) == "Added 2 images"


def test_the_status_bar_counts_images_in_the_chosen_language(window, pictures, qtbot, english_again):
    window.import_paths([str(pictures)])
    assert window.library_label.text().endswith(" 22 images")
    i18n.install("zh_CN")
    window._update_status()
    assert window.library_label.text().startswith("图库：") and "22 张图片" in window.library_label.text()


def test_settings_language_menu_remembers_the_choice_and_offers_a_restart(window, answers, monkeypatch):
    restarts = []
    monkeypatch.setattr(i18n, "relaunch", lambda w: restarts.append(w))
    window.language_menu.deleteLater()
    window.language_menu = i18n.language_menu(window, lambda: i18n.relaunch(window))
    actions = {a.text(): a for a in window.language_menu.actions()}
    assert list(actions) == ["System default", "English", "简体中文"]
    assert actions["System default"].isChecked() and actions["English"].actionGroup().isExclusive()
    answers.confirm = False
    actions["简体中文"].trigger()
    assert i18n.saved_choice() == "zh_CN" and actions["简体中文"].isChecked() and not restarts
    answers.confirm = True
    actions["English"].trigger()
    assert i18n.saved_choice() == "en" and restarts == [window]
    settings_menu = [a.menu() for a in window.menuBar().actions() if a.text() == "&Settings"][0]
    assert any(a.menu() is not None and a.text() == "&Language" for a in settings_menu.actions())


def test_the_restart_command_starts_the_same_program_without_the_language_option():
    python = "/usr/bin/python3"
    assert i18n.relaunch_command(["main.py", "--library", "/x", "--language", "en"], python, False) == [
        python, "main.py", "--library", "/x"]
    assert i18n.relaunch_command(["/opt/AnimeID/AnimeID", "--language=zh_CN", "--demo-if-empty"],
                                 "/opt/AnimeID/AnimeID", True) == ["/opt/AnimeID/AnimeID", "--demo-if-empty"]
    assert i18n.relaunch_command(["/venv/bin/animeid-gui"], python, False) == [python, "/venv/bin/animeid-gui"]
    assert i18n.relaunch_command(["C:/venv/Scripts/animeid-gui.exe", "--library", "D:/lib"], python, False) == [
        "C:/venv/Scripts/animeid-gui.exe", "--library", "D:/lib"]
    assert i18n.relaunch_command(["/src/animeid_desktop/gui/__main__.py"], python, False)[:3] == [
        python, "-m", "animeid_desktop.gui.app"]
    assert i18n.relaunch_command()[0] == sys.executable


def test_restart_closes_the_window_then_starts_the_same_program(window, monkeypatch):
    calls = []
    monkeypatch.setattr(sys, "argv", ["main.py", "--library", "/x", "--language", "zh_CN"])
    monkeypatch.setattr(i18n.QProcess, "startDetached",
                        staticmethod(lambda program, args: calls.append(("start", program, args, window.isVisible()))
                                     or (True, 4242)))
    monkeypatch.setattr(i18n.QCoreApplication, "quit", staticmethod(lambda: calls.append(("quit",))))
    assert i18n.relaunch(window) is True
    assert calls == [("start", sys.executable, ["main.py", "--library", "/x"], False), ("quit",)]
    assert window.session.lib is None  # closed first: the new instance can take the library's lock


def test_language_option_on_the_command_line():
    from animeid_desktop.gui.app import build_parser

    assert build_parser().parse_args(["--language", "zh_CN"]).language == "zh_CN"
    assert build_parser().parse_args([]).language is None
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--language", "fr"])


@pytest.mark.parametrize("core, chinese", [
    ("scanning folders", "正在扫描文件夹"),
    ("epoch 3/12", "第 3/12 轮"),
    ("12 cached, 30 to compute", "已缓存 12 个，待计算 30 个"),
    ("[1/2] EfficientNet-Lite0: epoch 1/3", "[1/2] EfficientNet-Lite0：第 1/3 轮"),
    ("MobileNetV2: batch N", "MobileNetV2：第 N 批"),
    ("final fit 1 of 2 on all 30 images", "最终拟合 1/2（全部 30 张图片）"),
    ("label 3 image(s) as Alice+Bob", "将 3 张图片标注为 Alice+Bob"),
    ("unsorted_0001.png", "unsorted_0001.png"),
    ("odd: unsorted_0001.png", "odd: unsorted_0001.png"),
    ("", ""),
])
def test_core_phrases_are_shown_in_chinese_and_unknown_text_passes_through(english_again, core, chinese):
    from animeid_desktop.gui.core_text import translated

    assert translated(core) == core  # English: unchanged
    i18n.install("zh_CN")
    assert translated(core) == chinese


def test_job_progress_reaches_the_gui_translated(english_again, qapp):
    from animeid_desktop.gui.jobs import SyncJobRunner

    i18n.install("zh_CN")
    seen = []
    job = SyncJobRunner().job("x", lambda c: c.progress(1, 2, "computing features"))
    job.progress.connect(lambda done, total, message: seen.append(message))
    job.start()
    assert seen == ["正在计算特征"]


def test_the_about_form_is_translated(english_again, qapp):
    from PySide6.QtWidgets import QLabel

    from animeid_desktop.gui.about_dialog import about_dialog

    i18n.install("zh_CN")
    dialog = about_dialog(None, None, "cpu")
    assert dialog.windowTitle() == "关于 AnimeID Desktop"
    assert dialog.findChild(QLabel, "versionCaption").text() == "版本"
    assert dialog.findChild(QLabel, "libraryValue").text() == "未打开"
    dialog.deleteLater()


def test_self_test_reports_the_language(english_again):
    from animeid_desktop.gui.self_test import describe_language

    state = i18n.LanguageState(language="zh_CN", ours_loaded=True, qt_loaded=True)
    assert describe_language(state) == "language: zh_CN (animeid_zh_CN.qm loaded, qtbase_zh_CN.qm loaded)"
    state = i18n.LanguageState(language="en", ours_loaded=True, font_missing=True)
    assert describe_language(state) == "language: en (animeid_en.qm loaded, no CJK font: English instead of zh_CN)"
