"""Import (and demo-building) with a progress dialog, Cancel, and a summary of skipped files."""

from __future__ import annotations

import time
from typing import Callable, List, Optional, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
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
translate = QCoreApplication.translate


def summary_text(report) -> str:
    """One paragraph describing an ``ImportReport``."""
    parts = [translate("ImportDialog", "Added %n image(s)", None, report.added)]
    if report.duplicates:
        parts.append(translate("ImportDialog", "%n already in the library", None, report.duplicates))
    tagged = getattr(report, "tagged", 0)
    if report.labelled and tagged:
        parts.append(translate("ImportDialog", "%n labelled from folder names ({tagged} from XMP or caption tags)",
                               None, report.labelled).format(tagged=tagged))
    elif report.labelled:
        parts.append(translate("ImportDialog", "%n labelled from folder names", None, report.labelled))
    if getattr(report, "relinked", 0):
        parts.append(translate("ImportDialog", "%n moved file(s) found again", None, report.relinked))
    text = translate("ImportDialog", "{parts} in {seconds} s.").format(
        parts=translate("ImportDialog", ", ").join(parts), seconds=f"{report.seconds:.1f}")
    if report.cancelled:
        text = translate("ImportDialog", "Cancelled. Everything examined so far was kept. {summary}").format(
            summary=text)
    if report.skipped:
        text = translate("ImportDialog", "{summary} %n file(s) skipped:", None, len(report.skipped)).format(
            summary=text)
    return text


class ImportDialog(QDialog):
    """Window-modal progress for a library job; turns into a summary when it ends."""

    completed = Signal(object)  # the job's result (an ImportReport) or None

    def __init__(self, session: Session, title: str, parent: Optional[QWidget] = None,
                 describe: Optional[Callable[[object], str]] = None, done_title: str = "") -> None:
        super().__init__(parent)
        self.session = session
        self.describe = describe
        self.done_title_text = done_title or self.tr("Imported")
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
        self.detail = QLabel(self.tr("Starting…"))
        self.detail.setObjectName("Muted")
        rl.addWidget(self.detail)
        self.stack.addWidget(running)

        done = QWidget()
        dl = QVBoxLayout(done)
        dl.setContentsMargins(0, 0, 0, 0)
        self.done_title = QLabel(self.tr("Finished"))
        self.done_title.setObjectName("Title")
        dl.addWidget(self.done_title)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        dl.addWidget(self.summary)
        self.skipped = QTableWidget(0, 2)
        self.skipped.setHorizontalHeaderLabels([self.tr("File"), self.tr("Why it was skipped")])
        self.skipped.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.skipped.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.skipped.verticalHeader().hide()
        self.skipped.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        dl.addWidget(self.skipped, 1)
        self.stack.addWidget(done)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.cancel_button)
        self.close_button = QPushButton(self.tr("Close"))
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
        job.cancelled.connect(lambda: self._finished_without_report(self.tr("Cancelled.")))
        self.open()
        job.start()
        return job

    def cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(self.tr("Cancelling…"))
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
            self.detail.setText(self.tr("{done} of {total}  ·  {message}").format(done=f"{done:,}", total=f"{total:,}",
                                                                                  message=message))
        else:
            self.bar.setRange(0, 0)
            self.detail.setText(message or self.tr("Working…"))
        now = time.monotonic()
        if total > 0 and now - self._last_refresh > REFRESH_EVERY_S:  # let the gallery fill as we go
            self._last_refresh = now
            self.session.imagesChanged.emit()

    def _succeeded(self, report) -> None:
        self.report = report
        self.done_title.setText(self.tr("Import cancelled") if getattr(report, "cancelled", False)
                                else self.done_title_text)
        self.session.imagesChanged.emit()
        self.session.charactersChanged.emit()
        self.session.labelsChanged.emit([])
        self.stack.setCurrentIndex(1)
        if hasattr(report, "skipped"):
            self.summary.setText(summary_text(report))
            self._fill_skipped([*report.skipped, *getattr(report, "conflicts", []),
                                *getattr(report, "tag_problems", [])])
        else:
            self.summary.setText(self.describe(report) if self.describe else self.tr("Done."))
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
        self._finished_without_report(self.tr("The import stopped: {message}").format(message=message))

    def _finished_without_report(self, text: str) -> None:
        self.session.imagesChanged.emit()
        self.done_title.setText(self.tr("Stopped"))
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
    dialog = ImportDialog(session, translate("ImportDialog", "Importing %n item(s)", None, len(paths)), parent,
                          done_title=translate("ImportDialog", "Imported %n item(s)", None, len(paths)))
    job = session.runner.job(
        "import",
        lambda c: import_paths(lib, paths, character=character, on_progress=c.progress, should_stop=c.should_stop),
        lib=lib,
        title=translate("ImportDialog", "Import"),
    )
    dialog.run(job)
    return dialog


def start_demo(session: Session, parent: Optional[QWidget] = None) -> ImportDialog:
    """Build the demo library (synthetic characters) into the open library, with progress."""
    from animeid_desktop.core.demo.demo_library import build_demo_library

    lib = session.require_lib()
    dialog = ImportDialog(session, translate("ImportDialog", "Building the demo library"), parent,
                          done_title=translate("ImportDialog", "Built the demo library"))
    dialog.cancel_button.setEnabled(False)  # the demo builder is short and cannot stop midway
    job = session.runner.job("import", lambda c: build_demo_library(lib, on_progress=c.progress), lib=lib,
                             title=translate("ImportDialog", "Demo library"))
    dialog.run(job)
    return dialog
