"""``--self-test``: open every page offscreen on a temporary demo library and exit 0 if all is well."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from animeid_desktop.gui import dialogs, settings


def process_events_for(app, seconds: float) -> None:
    """Let the event loop run for a while (timers, queued signals, thumbnails)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)


def run_self_test() -> int:
    """Build a small demo library in a temporary folder, visit each page, report problems."""
    from animeid_desktop.core.demo.demo_library import build_demo_library
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.gui.app import ErrorLog, create_window, make_app, preload_engine

    with tempfile.TemporaryDirectory(prefix="animeid-selftest-") as tmp:
        settings.use_settings_dir(Path(tmp) / "settings")
        messages = []
        dialogs.show_error = lambda parent, message, title="": messages.append(message)
        dialogs.show_info = lambda parent, message, title="": None
        dialogs.confirm = lambda *args, **kw: False
        app = make_app()
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
        print(f"self-test: {'FAILED' if problems else 'ok'} · pages: {', '.join(visited)}")
        return 1 if problems else 0
