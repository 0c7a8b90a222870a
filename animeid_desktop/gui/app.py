"""Start the desktop app: ``python main.py [--library DIR]`` or the ``animeid-gui`` script.

``--self-test`` opens every page offscreen on a temporary demo library and exits 0 when nothing
failed; ``--screenshot-dir DIR`` tours the pages and saves one PNG per page, then exits (with
``--benchmark`` the Benchmark page runs its benchmark before it is shot).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
from typing import List, Optional

from animeid_desktop import __version__
from animeid_desktop.gui.xcb_check import check_xcb_libraries

XCB_MISSING_EXIT = 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="animeid-gui", description="AnimeID Desktop: the desktop app.")
    parser.add_argument("--library", metavar="DIR",
                        help="library folder (default: the last one opened, else $ANIMEID_LIBRARY or the per-user "
                             "data folder)")
    parser.add_argument("--demo-if-empty", action="store_true",
                        help="build the demo library without asking when the library has no images (make run)")
    parser.add_argument("--self-test", action="store_true",
                        help="open every page offscreen on a temporary demo library and exit (0 = all good)")
    parser.add_argument("--screenshot-dir", metavar="DIR", help="save a screenshot of every page into DIR and exit")
    parser.add_argument("--import", dest="import_paths", metavar="PATH", nargs="+",
                        help="with --screenshot-dir: import these folders first (through the drag-in path)")
    parser.add_argument("--recognise", dest="recognise_folder", metavar="DIR",
                        help="with --screenshot-dir: the folder to recognise on the Recognition page")
    parser.add_argument("--benchmark", action="store_true",
                        help="with --screenshot-dir: run the Benchmark page's benchmark (a few minutes) before its "
                             "screenshot, so the charts show numbers")
    parser.add_argument("--language", choices=("system", "en", "zh_CN"),
                        help="user-interface language for this run (default: the Settings → Language choice, "
                             "else the system's)")
    parser.add_argument("--settings-dir", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"AnimeID Desktop {__version__}")
    return parser


class ErrorLog:
    """Collects exceptions raised in Qt slots (Qt would otherwise only print them)."""

    def __init__(self) -> None:
        self.errors: List[str] = []

    def __call__(self, exc_type, exc, tb) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        self.errors.append(text)
        sys.stderr.write(text)


def make_app(argv: Optional[List[str]] = None):
    """The QApplication with the app's identity and style (created once)."""
    from PySide6.QtWidgets import QApplication

    from animeid_desktop.gui import i18n, style
    from animeid_desktop.gui.icons import app_icon

    app = QApplication.instance() or QApplication([sys.argv[0]] + list(argv or []))
    app.setApplicationName("AnimeID Desktop")
    app.setOrganizationName("AnimeID")
    app.setApplicationVersion(__version__)
    i18n.install()  # the translators, before any window is built
    style.apply(app)
    app.setWindowIcon(app_icon())
    return app


_COLLECTOR = None  # pyqtgraph's GarbageCollector, once a window exists


def collect_garbage_in_gui_thread() -> None:
    """From now on Python's cycle collector runs only from a timer in the GUI thread (pyqtgraph's
    ``GarbageCollector``): a collection that starts in a worker thread may delete Qt objects there, and
    Qt crashes (seen once in the test suite: a segmentation fault inside a recognition job)."""
    global _COLLECTOR
    if _COLLECTOR is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        _COLLECTOR = GarbageCollector(interval=1.0)


def create_window(library: Optional[str] = None, runner=None):
    """A main window with its session on ``library`` (opened if given). Used by tests too."""
    from animeid_desktop.gui.jobs import JobRunner
    from animeid_desktop.gui.main_window import MainWindow
    from animeid_desktop.gui.session import Session

    collect_garbage_in_gui_thread()
    session = Session(runner or JobRunner())
    window = MainWindow(session)
    if library is not None:
        window.open_library(library)
    return window


# torch, timm and torchvision run module-level code for seconds while holding the GIL; the core
# imports timm/torchvision only when it first builds a network, so they are listed explicitly
ENGINE_MODULES = ("animeid_desktop.core.training.pipeline", "animeid_desktop.core.recognition.recognizer",
                  "animeid_desktop.core.engine.weights", "timm", "timm.models", "torchvision.models")


def preload_engine(app, show_splash: bool = True) -> None:
    """Import the torch-based core before the main window exists, behind a splash screen.

    Loading torch takes seconds and holds the GIL while its libraries are linked, so importing it
    later (even on a worker thread) would freeze an open window; doing it up front keeps the GUI
    thread free of stalls during import, embedding and training.
    """
    import importlib

    splash = None
    if show_splash:
        from PySide6.QtCore import QCoreApplication, Qt
        from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
        from PySide6.QtWidgets import QSplashScreen

        from animeid_desktop.gui import style
        from animeid_desktop.gui.icons import app_icon

        pixmap = QPixmap(420, 200)
        pixmap.fill(QColor(style.PANEL))
        painter = QPainter(pixmap)
        painter.drawPixmap(28, 52, app_icon().pixmap(72, 72))
        title = QFont(app.font())
        title.setPointSizeF(title.pointSizeF() * 1.8)
        title.setBold(True)
        painter.setFont(title)
        painter.setPen(QColor(style.TEXT))
        painter.drawText(120, 96, "AnimeID Desktop")  # notr: the product's name
        painter.end()
        splash = QSplashScreen(pixmap)
        splash.showMessage(QCoreApplication.translate("App", "Version {version} · loading the recognition engine…")
                           .format(version=__version__),
                           Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter, QColor(style.MUTED))
        splash.show()
        app.processEvents()
    for name in ENGINE_MODULES:
        importlib.import_module(name)
    freeze_startup_objects()
    if splash is not None:
        splash.close()


def freeze_startup_objects() -> None:
    """Exclude everything created so far from future garbage collections.

    torch, timm and Qt leave ~400,000 long-lived objects; a full collection walks them all while
    holding the GIL (about 0.2-0.5 s here), freezing whichever thread is waiting: the GUI thread
    included, even when the collection runs in a worker. ``gc.freeze`` takes them out of it.
    """
    gc.collect()
    gc.freeze()


def _choose_library(args) -> str:
    from animeid_desktop.core.library.paths import default_library_dir
    from animeid_desktop.gui import settings

    return str(args.library or settings.last_library() or default_library_dir(None))


def _offer_demo(window, force: bool) -> None:
    from PySide6.QtCore import QCoreApplication

    from animeid_desktop.gui import dialogs

    if window.session.lib is None or window.session.image_count() > 0:
        return
    if force or dialogs.confirm(
        window,
        QCoreApplication.translate(
            "App",
            "This library has no images yet.\n\nBuild a demo library of synthetic characters to try things out? "
            "(You can also drag your own folders onto the window: subfolders named after characters are labelled "
            "on import.)"),
        ok=QCoreApplication.translate("App", "Build demo"),
    ):
        window.build_demo()


def _warn_missing_font(window) -> None:
    from animeid_desktop.gui import dialogs, i18n

    message = i18n.font_warning(i18n.installed_state())
    if message:
        dialogs.show_info(window, message)


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of ``python main.py`` and ``animeid-gui``; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.benchmark and not args.screenshot_dir:
        parser.error("--benchmark works with --screenshot-dir only")
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from animeid_desktop.gui.self_test import run_self_test

        return run_self_test(args.language)
    from animeid_desktop.gui import i18n, settings

    if args.settings_dir:
        settings.use_settings_dir(args.settings_dir)
    i18n.set_command_line_language(args.language)
    problem = check_xcb_libraries()
    if problem:  # Qt would abort with "could not load the Qt platform plugin xcb" and no hint which library
        print(problem, file=sys.stderr)
        return XCB_MISSING_EXIT
    app = make_app()
    errors = ErrorLog()
    sys.excepthook = errors
    preload_engine(app, show_splash=not args.screenshot_dir)
    if args.screenshot_dir:
        from animeid_desktop.gui.screenshots import take_screenshots

        return take_screenshots(app, args.screenshot_dir, args.library, args.import_paths or [],
                                args.recognise_folder, benchmark=args.benchmark)
    window = create_window()
    window.restore_state()
    window.open_library(_choose_library(args))
    freeze_startup_objects()
    window.show()
    from PySide6.QtCore import QTimer

    QTimer.singleShot(300, lambda: _offer_demo(window, args.demo_if_empty))
    QTimer.singleShot(200, lambda: _warn_missing_font(window))
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
