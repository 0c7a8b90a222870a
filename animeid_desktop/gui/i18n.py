"""The user-interface language: which one, its translators, the CJK-font check and the restart.

The choice is ``system`` (default: Simplified Chinese on any Chinese system locale, else English),
``en`` or ``zh_CN``; ``--language`` on the command line, then ``$ANIMEID_LANGUAGE`` (tests pin ``en``),
then the ``ui/language`` setting decide it. :func:`install` loads the translators before any window
exists: ours (``animeid_<lang>.qm`` in ``animeid_desktop/resources/i18n``; English has one too, for
plural forms) and Qt's own (``qtbase_zh_CN.qm``, from Qt's translations folder or the copy bundled
beside ours). A change in Settings → Language applies on restart (:func:`relaunch_command`).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QProcess, QTranslator
from PySide6.QtGui import QAction, QActionGroup, QFontDatabase
from PySide6.QtWidgets import QMenu

from animeid_desktop.gui import settings

CHOICES = ("system", "en", "zh_CN")
SETTING = "ui/language"
FONT_WARNED = "ui/cjk_font_warned"
ENV = "ANIMEID_LANGUAGE"
_command_line: Optional[str] = None
_installed: List[QTranslator] = []
_state: Optional[LanguageState] = None


@dataclass
class LanguageState:
    """What :func:`install` did: the language in use and which catalogues loaded."""

    choice: str = "system"
    language: str = "en"
    ours_loaded: bool = False
    qt_loaded: bool = False
    font_missing: bool = False  # zh_CN was wanted but no font can show it: English instead
    files: List[str] = field(default_factory=list)


def qm_dir() -> Path:
    """Our compiled catalogues (package data, so source runs, installs and the bundle all have them)."""
    return Path(__file__).resolve().parents[1] / "resources" / "i18n"


def set_command_line_language(choice: Optional[str]) -> None:
    """``--language``: overrides the setting for this run only."""
    global _command_line
    _command_line = choice


def saved_choice() -> str:
    value = str(settings.app_settings().value(SETTING, "system") or "system")
    return value if value in CHOICES else "system"


def save_choice(choice: str) -> None:
    if choice not in CHOICES:
        raise ValueError(f"unknown language {choice!r}")
    s = settings.app_settings()
    s.setValue(SETTING, choice)
    s.sync()


def current_choice() -> str:
    """The choice in force: command line, then environment, then the setting."""
    for value in (_command_line, os.environ.get(ENV)):
        if value in CHOICES:
            return value
    return saved_choice()


def resolve(choice: str, system_locale: Optional[QLocale] = None) -> str:
    """``en`` or ``zh_CN`` for a choice; ``system`` follows the locale (any Chinese one gives zh_CN)."""
    if choice != "system":
        return choice
    locale = system_locale if system_locale is not None else QLocale.system()
    languages = locale.uiLanguages() or [locale.name()]
    chinese = languages[0].lower().startswith("zh") or locale.language() == QLocale.Language.Chinese
    return "zh_CN" if chinese else "en"


def has_cjk_font() -> bool:
    """Whether some installed font can show Simplified Chinese."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def qt_translations_dirs() -> List[Path]:
    """Where Qt's own catalogues may be: Qt's translations folder, then the copy bundled beside ours."""
    return [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), qm_dir() / "qt"]


def remove_translators() -> None:
    """Uninstall what :func:`install` installed (the self-test leaves the application as it found it)."""
    while _installed:
        QCoreApplication.removeTranslator(_installed.pop())


def _load(path: Path) -> Optional[QTranslator]:
    translator = QTranslator()
    if path.is_file() and translator.load(str(path)):
        QCoreApplication.installTranslator(translator)
        _installed.append(translator)
        return translator
    return None


def install(choice: Optional[str] = None) -> LanguageState:
    """Install the translators for ``choice`` (default: :func:`current_choice`); call before building windows.

    :func:`~animeid_desktop.gui.app.make_app` calls it, so every window of the app and of the tests is
    built in the chosen language (the tests pin English through ``$ANIMEID_LANGUAGE``).
    """
    remove_translators()
    state = LanguageState(choice=choice or current_choice())
    state.language = resolve(state.choice)
    if state.language == "zh_CN" and not has_cjk_font():
        state.language, state.font_missing = "en", True
    ours = qm_dir() / f"animeid_{state.language}.qm"
    state.ours_loaded = _load(ours) is not None
    if state.ours_loaded:
        state.files.append(str(ours))
    if state.language != "en":
        for folder in qt_translations_dirs():
            if _load(folder / f"qtbase_{state.language}.qm") is not None:
                state.qt_loaded = True
                state.files.append(str(folder / f"qtbase_{state.language}.qm"))
                break
    global _state
    _state = state
    if state.language == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    elif QLocale.system().language() == QLocale.Language.Chinese:  # English chosen on a Chinese system
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return state


def installed_state() -> LanguageState:
    """What the last :func:`install` did (English, nothing loaded, before the first)."""
    return _state or LanguageState()


def font_warning(state: LanguageState) -> Optional[str]:
    """The one-time message when Chinese was wanted but no CJK font exists (None when not due)."""
    s = settings.app_settings()
    if not state.font_missing or s.value(FONT_WARNED, False) in (True, "true"):
        return None
    s.setValue(FONT_WARNED, True)
    s.sync()
    return QCoreApplication.translate(
        "Language",
        "简体中文 was chosen, but no installed font can show Chinese characters, so AnimeID Desktop is in "
        "English for now. Install a CJK font (for example Noto Sans CJK: the fonts-noto-cjk package on "
        "Debian and Ubuntu), then start the app again.")


def relaunch_command(argv: Optional[List[str]] = None, executable: Optional[str] = None,
                     frozen: Optional[bool] = None) -> List[str]:
    """The command that starts this app again with the same arguments (``--language`` left out, so the
    new setting counts): the bundle's executable, else this Python running the same script or module."""
    argv = list(sys.argv if argv is None else argv)
    executable = executable or sys.executable
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    args, skip = [], False
    for arg in argv[1:]:
        if skip:
            skip = False
        elif arg == "--language":
            skip = True
        elif not arg.startswith("--language="):
            args.append(arg)
    if frozen:
        return [executable, *args]
    script = argv[0] if argv else ""
    if script.endswith(".exe"):  # an installed console-script launcher (Windows)
        return [script, *args]
    if not script or script == "-c" or Path(script).name == "__main__.py":
        return [executable, "-m", "animeid_desktop.gui.app", *args]
    return [executable, script, *args]


def language_menu(parent, on_restart: Callable[[], None]) -> QMenu:
    """Settings → Language: System default / English / 简体中文 (checkable, exclusive, remembered)."""
    menu = QMenu(QCoreApplication.translate("Language", "&Language"), parent)
    group = QActionGroup(menu)
    group.setExclusive(True)
    chosen = saved_choice()
    names = {"system": QCoreApplication.translate("Language", "System default"),
             "en": "English",  # notr: a language's name stays in its own script
             "zh_CN": "简体中文"}
    for choice in CHOICES:
        action = QAction(names[choice], menu)
        action.setCheckable(True)
        action.setChecked(choice == chosen)
        action.setData(choice)
        group.addAction(action)
        menu.addAction(action)
    group.triggered.connect(lambda action: _chosen(parent, action.data(), on_restart))
    return menu


def _chosen(parent, choice: str, on_restart: Callable[[], None]) -> None:
    from animeid_desktop.gui import dialogs

    if choice == saved_choice():
        return
    save_choice(choice)
    if dialogs.confirm(parent, QCoreApplication.translate(
            "Language", "The new language applies when AnimeID Desktop starts again. Restart now?"),
            ok=QCoreApplication.translate("Language", "Restart now")):
        on_restart()


def relaunch(window) -> bool:
    """Close this window (saving its state and freeing the library's lock for the new instance), start a
    new instance with the same arguments and quit; False when the new one could not be started."""
    command = relaunch_command()
    window.close()
    started = QProcess.startDetached(command[0], command[1:])
    QCoreApplication.quit()
    return bool(started[0] if isinstance(started, tuple) else started)
