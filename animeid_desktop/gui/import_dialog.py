"""Import (and demo-building) with a progress dialog, Cancel, and a summary of skipped files."""

from __future__ import annotations

import time
from typing import Callable, List, Optional, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from animeid_desktop.gui import style
from animeid_desktop.gui.jobs import Job
from animeid_desktop.gui.session import Session

REFRESH_EVERY_S = 2.0


def summary_text(report) -> str:
    """One paragraph describing an ``ImportReport``."""
    parts = [f"Added {report.added:,} image{'s' if report.added != 1 else ''}"]
    if report.duplicates:
        parts.append(f"{report.duplicates:,} already in the library")
    if report.labelled:
        tagged = getattr(report, "tagged", 0)
        tags = f" ({tagged:,} from XMP or caption tags)" if tagged else ""
        parts.append(f"{report.labelled:,} labelled from folder names{tags}")
    if getattr(report, "relinked", 0):
        parts.append(f"{report.relinked:,} moved files found again")
    text = ", ".join(parts) + f" in {report.seconds:.1f} s."
    if report.cancelled:
        text = "Cancelled. Everything examined so far was kept. " + text
    if report.skipped:
        text += f" {len(report.skipped):,} file{'s' if len(report.skipped) != 1 else ''} skipped:"
    return text


class ImportDialog(QDialog):
    """Window-modal progress for a library job; turns into a summary when it ends."""

    completed = Signal(object)  # the job's result (an ImportReport) or None

    def __init__(self, session: Session, title: str, parent: Optional[QWidget] = None,
                 describe: Optional[Callable[[object], str]] = None) -> None:
        super().__init__(parent)
        self.session = session
        self.describe = describe
        self.job: Optional[Job] = None
        self.report = None
        self._last_refresh = 0.0
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setSpacing(style.SPACING)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)

        running = QWidget()
        rl = QVBoxLayout(running)
        rl.setContentsMargins(0, 0, 0, 0)
        self.headline = QLabel(title)
        self.headline.setObjectName("Title")
        rl.addWidget(self.headline)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        rl.addWidget(self.bar)
        self.detail = QLabel("Starting…")
        self.detail.setObjectName("Muted")
        rl.addWidget(self.detail)
        self.stack.addWidget(running)

        done = QWidget()
        dl = QVBoxLayout(done)
        dl.setContentsMargins(0, 0, 0, 0)
        self.done_title = QLabel("Finished")
        self.done_title.setObjectName("Title")
        dl.addWidget(self.done_title)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        dl.addWidget(self.summary)
        self.skipped = QTableWidget(0, 2)
        self.skipped.setHorizontalHeaderLabels(["File", "Why it was skipped"])
        self.skipped.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.skipped.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.skipped.verticalHeader().hide()
        self.skipped.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        dl.addWidget(self.skipped, 1)
        self.stack.addWidget(done)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.cancel_button)
        self.close_button = QPushButton("Close")
        self.close_button.setProperty("primary", True)
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    def run(self, job: Job) -> Job:
        """Show the dialog (without blocking) and start ``job``."""
        self.job = job
        job.progress.connect(self._progress)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.cancelled.connect(lambda: self._finished_without_report("Cancelled."))
        self.open()
        job.start()
        return job

    def cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText("Cancelling…")
        else:
            self.reject()

    def reject(self) -> None:  # Esc / window close while running means Cancel
        if self.job is not None and self.job.running:
            self.cancel()
            return
        super().reject()

    def _progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
            self.detail.setText(f"{done:,} of {total:,}  ·  {message}")
        else:
            self.bar.setRange(0, 0)
            self.detail.setText(message or "Working…")
        now = time.monotonic()
        if total > 0 and now - self._last_refresh > REFRESH_EVERY_S:  # let the gallery fill as we go
            self._last_refresh = now
            self.session.imagesChanged.emit()

    def _succeeded(self, report) -> None:
        self.report = report
        self.done_title.setText("Import cancelled" if getattr(report, "cancelled", False) else
                                self.windowTitle().replace("Importing", "Imported").replace("Building", "Built")
                                .replace("Exporting", "Exported"))
        self.session.imagesChanged.emit()
        self.session.charactersChanged.emit()
        self.session.labelsChanged.emit([])
        self.stack.setCurrentIndex(1)
        if hasattr(report, "skipped"):
            self.summary.setText(summary_text(report))
            self._fill_skipped([*report.skipped, *getattr(report, "conflicts", []),
                                *getattr(report, "tag_problems", [])])
        else:
            self.summary.setText(self.describe(report) if self.describe else "Done.")
            failed = report.get("failed", []) if isinstance(report, dict) else []
            self._fill_skipped(failed)
        self._show_close()
        self.completed.emit(report)

    def _fill_skipped(self, rows: Sequence[tuple]) -> None:
        self.skipped.setVisible(bool(rows))
        self.stack.currentWidget().layout().setStretchFactor(self.skipped, 1 if rows else 0)
        self.skipped.setRowCount(len(rows))
        for n, (path, reason) in enumerate(rows):
            item = QTableWidgetItem(str(path))
            item.setToolTip(str(path))
            self.skipped.setItem(n, 0, item)
            self.skipped.setItem(n, 1, QTableWidgetItem(str(reason)))
        if rows:
            self.resize(max(self.width(), 640), 420)
        else:
            self.stack.setMaximumHeight(self.stack.currentWidget().sizeHint().height())
            self.adjustSize()

    def _failed(self, message: str) -> None:
        self._finished_without_report(f"The import stopped: {message}")

    def _finished_without_report(self, text: str) -> None:
        self.session.imagesChanged.emit()
        self.done_title.setText("Stopped")
        self.stack.setCurrentIndex(1)
        self.summary.setText(text)
        self._fill_skipped([])
        self._show_close()
        self.completed.emit(None)

    def _show_close(self) -> None:
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setFocus()


def start_import(session: Session, paths: List[str], parent: Optional[QWidget] = None,
                 character: Optional[str] = None) -> ImportDialog:
    """Import files/folders with a progress dialog; character subfolders label on import."""
    from animeid_desktop.core.library.importer import import_paths

    lib = session.require_lib()
    dialog = ImportDialog(session, f"Importing {len(paths)} item{'s' if len(paths) != 1 else ''}", parent)
    job = session.runner.job(
        "import",
        lambda c: import_paths(lib, paths, character=character, on_progress=c.progress, should_stop=c.should_stop),
        lib=lib,
        title="Import",
    )
    dialog.run(job)
    return dialog


def start_demo(session: Session, parent: Optional[QWidget] = None) -> ImportDialog:
    """Build the demo library (synthetic characters) into the open library, with progress."""
    from animeid_desktop.core.demo.demo_library import build_demo_library

    lib = session.require_lib()
    dialog = ImportDialog(session, "Building the demo library", parent)
    dialog.cancel_button.setEnabled(False)  # the demo builder is short and cannot stop midway
    job = session.runner.job("import", lambda c: build_demo_library(lib, on_progress=c.progress), lib=lib,
                             title="Demo library")
    dialog.run(job)
    return dialog
