"""``--self-test``: open every page offscreen on a temporary demo library and exit 0 if all is well."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

from animeid_desktop.gui import dialogs, i18n, settings


def process_events_for(app, seconds: float) -> None:
    """Let the event loop run for a while (timers, queued signals, thumbnails)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)


def describe_language(state) -> str:
    """``language: zh_CN (animeid_zh_CN.qm loaded, qtbase_zh_CN.qm loaded)`` for the self-test's report."""
    ours = f"animeid_{state.language}.qm {'loaded' if state.ours_loaded else 'MISSING'}"
    parts = [ours]
    if state.language != "en":
        parts.append(f"qtbase_{state.language}.qm {'loaded' if state.qt_loaded else 'missing'}")
    if state.font_missing:
        parts.append("no CJK font: English instead of zh_CN")
    return f"language: {state.language} ({', '.join(parts)})"


def run_self_test(language: Optional[str] = None) -> int:
    """Build a small demo library in a temporary folder, visit each page, report problems.

    ``language`` (``--language``) or, by default, the system locale picks the translation, as in the app.
    """
    from animeid_desktop.core.demo.demo_library import build_demo_library
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.gui.app import ErrorLog, create_window, make_app, preload_engine

    with tempfile.TemporaryDirectory(prefix="animeid-selftest-") as tmp:
        settings.use_settings_dir(Path(tmp) / "settings")
        messages = []
        dialogs.show_error = lambda parent, message, title="": messages.append(message)
        dialogs.show_info = lambda parent, message, title="": None
        dialogs.confirm = lambda *args, **kw: False
        i18n.set_command_line_language(language)
        app = make_app()
        state = i18n.installed_state()
        if not state.ours_loaded:
            messages.append(f"the {state.language} translation did not load from {i18n.qm_dir()}")
        preload_engine(app, show_splash=False)
        errors = ErrorLog()
        sys.excepthook = errors
        lib = Library.open(Path(tmp) / "library")
        build_demo_library(lib, n_characters=4, per_character=8, unlabelled=6)
        lib.close()
        window = create_window(str(Path(tmp) / "library"))
        window.resize(1366, 768)
        window.show()
        visited = []
        for spec in window.specs:
            page = window.go_to(spec.key)
            process_events_for(app, 0.4)
            if not page.isVisible() or page.grab().isNull():
                messages.append(f"page {spec.title} did not show")
            visited.append(spec.title)
        window.thumbnails.wait_idle(10000)
        process_events_for(app, 0.2)
        window.close()
        problems = errors.errors + messages
        for problem in problems:
            print(f"self-test: {problem}", file=sys.stderr)
        print(f"self-test: {'FAILED' if problems else 'ok'} · {describe_language(state)} · "
              f"pages: {', '.join(visited)}")
        i18n.remove_translators()
        return 1 if problems else 0
