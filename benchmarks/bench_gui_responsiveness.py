"""GUI-thread responsiveness: worst event-loop stall while the app works, measured by a heartbeat.

Usage: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui_responsiveness.py
[--gallery 20000] [--import-files 1500] [--folder DIR] [--skip-training] [--watch-files 1000]``

A 10 ms ``QTimer`` runs in the GUI thread throughout (:class:`StallMonitor`); a tick that comes late
means the event loop was blocked that long. Scenarios, each on the real app window with the real
QThread job runner:

1. Gallery with ``--gallery`` images: open, scroll top to bottom, select all, label all with key 1,
   undo (rows are inserted directly, pointing at a few real files, so thumbnails are still made).
2. Import by dropping folders on the window (``--folder DIR...``, default: a generated synthetic
   tree of ``--import-files`` images; ``newgame8`` stands for ../shared/datasets/newgame8).
3. ``head`` training (embedding every labelled image, then the head) on that library.
4. Recognition of the library's unlabelled images (the Suggestions page).
5. ``--watch-files N`` (issue 19): a watched folder on that library, then N generated pictures (in
   character subfolders, plus unlabelled ones) moved into it at once, as a download manager finishing
   does; the watcher imports them in the background until the library holds them all.

Prints one row per scenario: seconds, the worst stall, how much of that stall the GUI thread spent
on the CPU itself (our own work) and, on Linux, how long it was ready to run but got no CPU (other
programs on the machine; compare with the load average printed first).
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

from animeid_desktop.core.demo import synthetic  # noqa: E402
from animeid_desktop.core.library.folder import Library, utcnow  # noqa: E402
from animeid_desktop.gui import dialogs, settings  # noqa: E402
from animeid_desktop.gui.app import create_window, freeze_startup_objects, make_app, preload_engine  # noqa: E402
from animeid_desktop.gui.heartbeat import StallMonitor  # noqa: E402
from animeid_desktop.gui.screenshots import drop_on, wait_until  # noqa: E402

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
        wait = monitor.worst_cpu_wait_ms
        self.rows.append((name, seconds, monitor.worst_ms, monitor.worst_busy_ms, wait, detail))
        print(f"{name:<36} {seconds:7.1f} s {monitor.worst_ms:8.0f} ms {monitor.worst_busy_ms:8.0f} ms "
              f"{'-' if wait is None else f'{wait:.0f} ms':>9}  {detail}", flush=True)


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


def work_scenarios(bench: Bench, folders: list, skip_training: bool) -> None:
    window, app = bench.window, bench.app

    def import_folder():
        drop_on(window, [str(f) for f in folders])  # exactly what dragging folders onto the window does
        wait_until(app, lambda: window.last_dialog is not None, 10)
        dialog = window.last_dialog
        wait_until(app, lambda: dialog.close_button.isVisible(), 3600)
        dialog.accept()
        r = dialog.report
        return f"{r.added:,} added, {len(r.skipped)} skipped" if r else dialog.summary.text()

    bench.run(f"import {' + '.join(f.name for f in folders)} (drop)", import_folder)
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
        if page.job is None:
            return "no unlabelled images"
        wait_until(app, lambda: not page.job.running, 3600)
        return f"{page.model.rowCount():,} suggestions"

    bench.run("recognition of unlabelled images", recognise)


def watch_scenario(bench: Bench, tmp: Path, n: int) -> None:
    window, app = bench.window, bench.app
    staging, watched = tmp / "arriving", tmp / "watched"
    per = max(1, n // 8)
    synthetic.write_folder(staging, n_characters=6, per_character=per, size=128, unlabelled=n - 6 * per,
                           fmt="mixed", seed=3)
    arriving = sorted(staging.iterdir())
    watched.mkdir()
    window.session.watch_folder(str(watched))
    wait_until(app, lambda: window.watcher.job is not None and window.watcher.job.running, 10)
    wait_until(app, lambda: False, 1.0)  # the watcher's first catch-up of the empty folder

    def count() -> int:
        return int(window.session.lib.scalar("SELECT COUNT(*) FROM images"))

    before = count()

    def arrive():
        for entry in arriving:
            entry.rename(watched / entry.name)
        wait_until(app, lambda: count() >= before + n, 600)
        labelled = int(window.session.lib.scalar("SELECT COUNT(DISTINCT image_id) FROM labels"))
        return f"{count() - before:,} imported, {labelled:,} labelled in all"

    bench.run(f"watched folder: {n:,} files arrive", arrive)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gallery", type=int, default=20000, help="images in the gallery scenario (0 skips it)")
    parser.add_argument("--import-files", type=int, default=1500, help="size of the generated import folder")
    parser.add_argument("--folder", nargs="+", help="folders to drop instead ('newgame8' = the shared dataset)")
    parser.add_argument("--skip-training", action="store_true")
    parser.add_argument("--watch-files", type=int, default=0, help="files arriving in a watched folder (0 skips)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="animeid-bench-gui-") as tmp_name:
        tmp = Path(tmp_name)
        settings.use_settings_dir(tmp / "settings")
        dialogs.show_error = lambda parent, message, title="": print(f"error: {message}", file=sys.stderr)
        dialogs.show_info = lambda *a, **k: None
        app = make_app()
        preload_engine(app, show_splash=False)  # the app does this behind its splash screen
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print(f"{'scenario':<36} {'time':>9} {'worst stall':>11} {'GUI busy':>11} {'CPU wait':>9}  detail")
        if args.gallery:
            window = create_window(str(tmp / "gallery-library"))
            window.resize(1366, 768)
            freeze_startup_objects()
            window.show()
            gallery_scenarios(Bench(app, window), args.gallery, tmp)
            window.close()
        if args.folder:
            folders = [NEWGAME8 if f == "newgame8" else Path(f) for f in args.folder]
        else:
            folders = [tmp / "synthetic"]
            per = max(1, args.import_files // 8)
            synthetic.write_folder(folders[0], n_characters=6, per_character=per, size=128,
                                   unlabelled=args.import_files - 6 * per, fmt="mixed")
        window = create_window(str(tmp / "work-library"))
        window.resize(1366, 768)
        freeze_startup_objects()  # as the app does once its window is built
        window.show()
        bench = Bench(app, window)
        work_scenarios(bench, folders, args.skip_training)
        if args.watch_files:
            watch_scenario(bench, tmp, args.watch_files)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
