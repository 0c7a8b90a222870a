"""GUI-thread responsiveness: worst event-loop stall while the app works, measured by a heartbeat.

Usage: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui_responsiveness.py
[--gallery 20000] [--import-files 1500] [--folder DIR] [--skip-training]``

A 10 ms ``QTimer`` runs in the GUI thread throughout (:class:`StallMonitor`); a tick that comes late
means the event loop was blocked that long. Scenarios, each on the real app window with the real
QThread job runner:

1. Gallery with ``--gallery`` images: open, scroll top to bottom, select all, label all with key 1,
   undo (rows are inserted directly, pointing at a few real files, so thumbnails are still made).
2. Import of a folder through the drag-in path (``--folder``, default: a generated synthetic tree
   of ``--import-files`` images, or ../shared/datasets/newgame8 with ``--folder newgame8``).
3. ``head`` training (embedding every labelled image, then the head) on that library.
4. Recognition of the library's unlabelled images (the Suggestions page).

Prints one row per scenario: seconds, worst stall, and how much of that stall the GUI thread spent
on the CPU itself (the rest it was waiting: for the CPU, which other programs share, or the GIL).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from animeid_desktop.core import synthetic  # noqa: E402
from animeid_desktop.core.library import Library, utcnow  # noqa: E402
from animeid_desktop.gui import dialogs, settings  # noqa: E402
from animeid_desktop.gui.app import create_window, make_app, preload_engine  # noqa: E402
from animeid_desktop.gui.heartbeat import StallMonitor  # noqa: E402
from animeid_desktop.gui.screenshots import wait_until  # noqa: E402

NEWGAME8 = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "newgame8"


def fill_gallery(lib: Library, n: int, sources: list) -> None:
    """Insert ``n`` image rows (unique hashes) pointing at a few real files."""
    with lib.write() as conn:
        conn.executemany(
            "INSERT INTO images(sha256, path, byte_size, format, width, height, added_at, original_name) "
            "VALUES (?, ?, 1, 'png', 96, 96, ?, ?)",
            [(f"{i:064x}", str(sources[i % len(sources)]), utcnow(), f"bench_{i:06d}.png") for i in range(n)],
        )


class Bench:
    def __init__(self, app, window) -> None:
        self.app, self.window = app, window
        self.rows = []

    def run(self, name: str, action) -> None:
        monitor = StallMonitor()
        monitor.start()
        wait_until(self.app, lambda: False, 0.1)
        start = time.perf_counter()
        detail = action() or ""
        seconds = time.perf_counter() - start
        wait_until(self.app, lambda: False, 0.05)
        monitor.stop()
        self.rows.append((name, seconds, monitor.worst_ms, monitor.worst_busy_ms, detail))
        print(f"{name:<36} {seconds:7.1f} s {monitor.worst_ms:8.0f} ms {monitor.worst_busy_ms:8.0f} ms  {detail}",
              flush=True)


def gallery_scenarios(bench: Bench, n: int, tmp: Path) -> None:
    window, app = bench.window, bench.app
    src = tmp / "src"
    written = synthetic.write_folder(src, n_characters=2, per_character=10, size=96, seed=1)
    sources = [p for paths in written.values() for p in paths]
    fill_gallery(window.session.lib, n, sources)
    window.session.add_character("bench_character")
    gallery = window.go_to("gallery")

    def open_gallery():
        window.session.imagesChanged.emit()
        wait_until(app, lambda: gallery.model.rowCount() == n, 60)
        return f"{gallery.model.rowCount():,} rows"

    def scroll():
        bar = gallery.view.verticalScrollBar()
        steps = 0
        for value in range(0, bar.maximum() + 1, max(1, bar.maximum() // 300)):
            bar.setValue(value)
            wait_until(app, lambda: False, 0.016, step_s=0.002)
            steps += 1
        wait_until(app, lambda: window.thumbnails.pending() == 0, 60)
        return f"{steps} scroll steps, {len(window.thumbnails.cache)} pixmaps cached"

    def label_all():
        gallery.view.setFocus()
        gallery.view.selectAll()
        wait_until(app, lambda: False, 0.1)
        QTest.keyClick(gallery.view, Qt.Key.Key_1)
        wait_until(app, window.session.undo_stack.can_undo, 60)  # large changes are written off the GUI thread
        return window.session.undo_stack.undo_text()

    def undo():
        window.undo_action.trigger()
        wait_until(app, lambda: False, 0.1)
        return f"{int(window.session.lib.scalar('SELECT COUNT(*) FROM labels')):,} labels left"

    bench.run(f"gallery: open {n:,} images", open_gallery)
    bench.run("gallery: scroll to the end", scroll)
    bench.run(f"gallery: select all + key 1 ({n:,})", label_all)
    bench.run("gallery: undo that", undo)


def work_scenarios(bench: Bench, folder: Path, skip_training: bool) -> None:
    window, app = bench.window, bench.app

    def import_folder():
        dialog = window.import_paths([str(folder)])
        wait_until(app, lambda: dialog.close_button.isVisible(), 3600)
        dialog.accept()
        r = dialog.report
        return f"{r.added:,} added, {len(r.skipped)} skipped" if r else dialog.summary.text()

    bench.run(f"import {folder.name} (drag-in path)", import_folder)
    if skip_training:
        return
    training = window.go_to("training")
    wait_until(app, lambda: training.models_ready, 120)

    def train():
        job = training.start()
        wait_until(app, lambda: not job.running, 3600)
        return f"state {job.state}, plotted {training.plots.counts()}"

    bench.run("head training (embedding + head)", train)

    def recognise():
        page = window.go_to("suggestions")
        wait_until(app, lambda: page.job is not None, 5)
        wait_until(app, lambda: page.job is None or not page.job.running, 3600)
        return f"{page.model.rowCount():,} suggestions"

    bench.run("recognition of unlabelled images", recognise)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gallery", type=int, default=20000, help="images in the gallery scenario (0 skips it)")
    parser.add_argument("--import-files", type=int, default=1500, help="size of the generated import folder")
    parser.add_argument("--folder", help="folder to import instead ('newgame8' = the shared dataset)")
    parser.add_argument("--skip-training", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="animeid-bench-gui-") as tmp_name:
        tmp = Path(tmp_name)
        settings.use_settings_dir(tmp / "settings")
        dialogs.show_error = lambda parent, message, title="": print(f"error: {message}", file=sys.stderr)
        dialogs.show_info = lambda *a, **k: None
        app = make_app()
        preload_engine(app, show_splash=False)  # the app does this behind its splash screen
        print(f"{'scenario':<36} {'time':>9} {'worst stall':>11} {'GUI busy':>11}  detail")
        if args.gallery:
            window = create_window(str(tmp / "gallery-library"))
            window.resize(1366, 768)
            window.show()
            gallery_scenarios(Bench(app, window), args.gallery, tmp)
            window.close()
        if args.folder == "newgame8":
            folder = NEWGAME8
        elif args.folder:
            folder = Path(args.folder)
        else:
            folder = tmp / "synthetic"
            per = max(1, args.import_files // 8)
            synthetic.write_folder(folder, n_characters=6, per_character=per, size=128,
                                   unlabelled=args.import_files - 6 * per, fmt="mixed")
        window = create_window(str(tmp / "work-library"))
        window.resize(1366, 768)
        window.show()
        work_scenarios(Bench(app, window), folder, args.skip_training)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
