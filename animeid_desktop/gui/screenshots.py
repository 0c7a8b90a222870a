"""``--screenshot-dir DIR``: a scripted tour that does real work on every page and saves PNGs.

On the given library (or a temporary demo library) it optionally imports folders through the
drag-in path, trains a ``head`` model, lets the suggestions page recognise the unlabelled images,
recognises a folder on the recognition page and saves one screenshot per page. With ``benchmark``
(``--benchmark``) the Benchmark page runs its benchmark first (the job its Run button starts) and is
shot once that job has finished, so its charts, table and recommendation show measured numbers. A
heartbeat timer runs throughout; the worst GUI-thread stall of each phase is printed at the end.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, List, Optional

from PySide6.QtCore import QCoreApplication, QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView

from animeid_desktop.gui import dialogs, settings
from animeid_desktop.gui.heartbeat import StallMonitor


def wait_until(app, condition: Callable[[], bool], timeout_s: float, step_s: float = 0.01) -> bool:
    """Run the event loop until ``condition()`` is true or the time is up."""
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return True
        time.sleep(step_s)
    app.processEvents()
    return condition()


def settle(app, window, seconds: float = 0.6) -> None:
    """Let thumbnails and previews finish, then paint."""
    wait_until(app, lambda: window.thumbnails.pending() == 0, 30)
    wait_until(app, lambda: False, seconds)


def _save(window, out: Path, name: str) -> Path:
    path = out / f"{name}.png"
    window.grab().save(str(path))
    print(f"screenshot: {path}")
    return path


def _select(view, rows: List[int]) -> None:
    model, sel = view.model(), view.selectionModel()
    sel.clearSelection()
    for row in rows:
        if row < model.rowCount():
            sel.select(model.index(row), QItemSelectionModel.SelectionFlag.Select)
    if rows and rows[0] < model.rowCount():
        sel.setCurrentIndex(model.index(rows[0]), QItemSelectionModel.SelectionFlag.NoUpdate)


def drop_on(widget, paths: List[str]) -> None:
    """Deliver a file-manager drop of ``paths`` to ``widget`` (drag-enter, then drop)."""
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(Path(p).resolve())) for p in paths])
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, QDragEnterEvent(pos, *args))
    QApplication.sendEvent(widget, QDropEvent(pos, *args))


def _first_predicted_row(model) -> int:
    """An unlabelled image with a prediction (the detail panel then shows bars and Confirm)."""
    for row in range(model.rowCount()):
        data = model.row_data(row)
        if data and not data["character"] and data["pred"] and not data["pred_unknown"]:
            return row
    return 0


def _first_unknown_row(results) -> int:
    for n, row in enumerate(results.rows):
        if row.unknown:
            return n
    return 0


def _new_pictures(tmp: Path) -> str:
    """New synthetic pictures of the demo characters plus two characters the model never saw."""
    from animeid_desktop.core.demo import synthetic

    folder = tmp / "new-pictures"
    synthetic.write_folder(folder, n_characters=8, per_character=3, size=160, seed=0, attrs_file=False)
    return str(folder)


BENCHMARK_TIMEOUT_S = 1800.0


def run_page_benchmark(app, page, timeout_s: float = BENCHMARK_TIMEOUT_S) -> Optional[str]:
    """Run the Benchmark page's benchmark (its Run button's job) and wait for the job's ``finished``.

    Returns None when it succeeded, else what went wrong (failed, cancelled, never started or
    still running after ``timeout_s``: then it is cancelled).
    """
    finished: List[bool] = []
    job = page.run_benchmark()
    if job is None:
        return "the benchmark did not start"
    job.finished.connect(lambda: finished.append(True))
    done = wait_until(app, lambda: bool(finished) or job.state not in ("new", "running"), timeout_s, 0.05)
    if not done:
        job.cancel()
        wait_until(app, lambda: not job.running, 60)
        return f"the benchmark did not finish within {timeout_s:g} s"
    if job.state != "succeeded":
        return f"the benchmark {job.state}"
    failed = [r["title"] for r in page.records if r.get("error")]
    return f"the benchmark failed for {', '.join(failed)}" if failed else None


def shoot_benchmark(app, window, out: Path, run: bool, problems: List[str],
                    timeout_s: float = BENCHMARK_TIMEOUT_S) -> Optional[Path]:
    """Open the Benchmark page, run its benchmark first when ``run``, then save ``benchmark.png``."""
    page = window.go_to("benchmark")
    if page is None:
        return None
    if run:
        wait_until(app, lambda: False, 0.2)
        problem = run_page_benchmark(app, page, timeout_s)
        if problem:
            problems.append(problem)
    settle(app, window)
    return _save(window, out, "benchmark")


class _Tour:
    """The state one screenshot tour shares between its steps."""

    def __init__(self, app, window, out: Path, tmp: Path, monitor: StallMonitor, problems: List[str]) -> None:
        self.app, self.window, self.out, self.tmp = app, window, out, tmp
        self.monitor, self.problems = monitor, problems

    def fill_library(self, import_paths: List[str]) -> None:
        """Import ``import_paths`` through the drag-in path, or build the demo into an empty library."""
        app, window = self.app, self.window
        if import_paths:
            self.monitor.phase("import")
            drop_on(window, import_paths)  # the same path as dragging folders onto the window
            wait_until(app, lambda: window.last_dialog is not None, 10)
            dialog = window.last_dialog
            wait_until(app, lambda: dialog.close_button.isVisible(), 1800)
            wait_until(app, lambda: False, 0.3)
            dialog.grab().save(str(self.out / "import-summary.png"))
            dialog.accept()
        elif window.session.image_count() == 0:
            self.monitor.phase("import")
            window.build_demo()
            dialog = window.last_dialog
            wait_until(app, lambda: dialog.close_button.isVisible(), 600)
            dialog.accept()
        self.monitor.phase(None)

    def training(self) -> None:
        app, window, monitor = self.app, self.window, self.monitor
        monitor.phase("browse: training page")
        training = window.go_to("training")
        if training is not None:
            wait_until(app, lambda: training.models_ready, 120)
        if training is not None and training.start_button.isEnabled():
            monitor.phase("training")
            job = training.start()
            wait_until(app, lambda: job is None or not job.running, 3600)
            monitor.phase(None)
            settle(app, window)
            _save(window, self.out, "training")

    def suggestions(self) -> None:
        app, window, monitor = self.app, self.window, self.monitor
        monitor.phase("browse: suggestions page")
        suggestions = window.go_to("suggestions")
        if suggestions is not None:
            monitor.phase("recognition (library)")
            wait_until(app, lambda: False, 0.3)
            wait_until(app, lambda: suggestions.job is None or not suggestions.job.running, 1800)
            monitor.phase(None)
            settle(app, window)
            _select(suggestions.view, list(range(6)))
            settle(app, window)
            _save(window, self.out, "suggestions")

    def gallery(self) -> None:
        app, window = self.app, self.window
        self.monitor.phase("browse: gallery")
        gallery = window.go_to("gallery")
        gallery.filters.sort.setCurrentIndex(gallery.filters.sort.findData("name"))
        settle(app, window)
        row = _first_predicted_row(gallery.model)
        _select(gallery.view, [row])
        gallery.view.scrollTo(gallery.model.index(row), QAbstractItemView.ScrollHint.PositionAtCenter)
        settle(app, window, 1.0)
        _save(window, self.out, "gallery")

    def group_shot(self) -> None:
        """A generated picture of three demo characters, one boxed by hand, the others left to the detector."""
        from animeid_desktop.core.demo import synthetic, synthetic_groups
        from animeid_desktop.core.library import gallery_query
        from animeid_desktop.core.library.importer import import_paths
        from animeid_desktop.core.library.label_state import Region

        app, window, session = self.app, self.window, self.window.session
        folder = self.tmp / "group-shot"
        truth = synthetic_groups.write_group_shots(folder, 1, synthetic.make_specs(6, 0), size=384, seed=1)
        (names, boxes), = ((t["characters"], t["faces"]) for t in truth.values())
        if not set(names) <= {c["name"] for c in session.characters()}:
            return  # not the demo library: its characters are not these
        self.monitor.phase("browse: group shot")
        lib = session.require_lib()
        import_paths(lib, [str(folder)])
        session.imagesChanged.emit()
        path = str((folder / next(iter(truth))).resolve())
        image_id = gallery_query.ids_for_stored_paths(lib, [path])[path]
        session.toggle_character([image_id], names[-1])
        session.set_region(image_id, names[0], Region(*boxes[0], source="user"))
        session.toggle_character([image_id], names[1])
        gallery = window.go_to("gallery")
        gallery.show_ids([image_id], QCoreApplication.translate("Screenshots", "Group shot"))
        gallery.splitter.setSizes([170, 560, 600])
        wait_until(app, lambda: gallery.model.rowCount() == 1, 10)
        _select(gallery.view, [0])
        wait_until(app, lambda: image_id in gallery.detail.boxes.faces and gallery.detail.preview.has_picture(), 60)
        settle(app, window, 1.0)
        _save(window, self.out, "group-shot")

    def recognition(self, folder: Optional[str]) -> None:
        app, window, monitor = self.app, self.window, self.monitor
        monitor.phase("browse: recognition page")
        recognition = window.go_to("recognition")
        folder = folder or _new_pictures(self.tmp)
        if recognition is not None:
            monitor.phase("recognition (folder)")
            job = recognition.recognise_paths([folder])
            wait_until(app, lambda: job is None or not job.running, 1800)
            monitor.phase(None)
            recognition.table.selectRow(_first_unknown_row(recognition.results))
            settle(app, window)
            _save(window, self.out, "recognition")

    def other_pages(self, benchmark: bool) -> None:
        for spec in self.window.specs:
            if spec.key in ("gallery", "training", "suggestions", "recognition"):
                continue
            self.monitor.phase("benchmark" if spec.key == "benchmark" and benchmark else f"browse: {spec.title} page")
            if spec.key == "benchmark":
                shoot_benchmark(self.app, self.window, self.out, benchmark, self.problems)
                continue
            self.window.go_to(spec.key)
            settle(self.app, self.window)
            _save(self.window, self.out, spec.key)


def take_screenshots(app, out_dir: str, library: Optional[str], import_paths: List[str],
                     recognition_folder: Optional[str] = None, benchmark: bool = False) -> int:
    """Tour the pages and save screenshots into ``out_dir``; returns the exit status.

    ``benchmark``: run the Benchmark page's benchmark before its screenshot (charts with numbers).
    """
    from animeid_desktop.gui.app import create_window, freeze_startup_objects

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.TemporaryDirectory(prefix="animeid-shots-")
    settings.use_settings_dir(Path(tmp.name) / "settings")
    dialogs.confirm = lambda *args, **kw: True
    dialogs.show_info = lambda parent, message, title="": None
    problems: List[str] = []
    dialogs.show_error = lambda parent, message, title="": problems.append(message)
    monitor = StallMonitor()

    window = create_window()
    window.resize(1366, 768)
    window.show()
    window.open_library(library or str(Path(tmp.name) / "library"))
    freeze_startup_objects()
    wait_until(app, lambda: False, 0.3)
    monitor.start()  # from here on: the window is up (start-up itself is behind the splash screen)
    tour = _Tour(app, window, out, Path(tmp.name), monitor, problems)
    tour.fill_library(import_paths)
    tour.training()
    tour.suggestions()
    tour.gallery()
    tour.group_shot()
    tour.recognition(recognition_folder)
    tour.other_pages(benchmark)

    monitor.stop()
    window.close()
    print(f"worst GUI-thread stall: {monitor.describe_worst()}")
    for phase, (worst, busy) in monitor.phases.items():
        print(f"  {phase:<24} {worst:6.0f} ms (GUI thread busy {busy:.0f} ms)")
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    tmp.cleanup()
    return 1 if problems else 0
