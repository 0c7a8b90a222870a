"""Pictures arriving in the watched folders are imported while the app runs: the core watcher as a
background job, its reports turned into change signals, status-bar messages and a list of problems."""

from __future__ import annotations

from typing import List, Optional, Tuple

from PySide6.QtCore import QCoreApplication, QObject, Signal

from animeid_desktop.core.library.watching import watch
from animeid_desktop.gui.jobs import Job

MAX_PROBLEMS = 500  # the most recent files the watcher could not use, kept for the dialog


def describe(reports: list) -> str:
    """One status-bar sentence for a batch of import reports ('' when nothing happened)."""
    added = sum(r.added for r in reports)
    labelled = sum(r.labelled for r in reports)
    problems = [item for r in reports for item in (*r.skipped, *r.conflicts, *r.tag_problems)]
    parts = []
    if added or labelled:
        parts.append(QCoreApplication.translate(
            "FolderWatcher", "Watched folders: %n new image(s) ({labelled} labelled)", None, added).format(
            labelled=labelled))
    if problems:
        path, reason = problems[0]
        parts.append(QCoreApplication.translate(
            "FolderWatcher", "%n file(s) not imported as they are, e.g. {path}: {reason} (Settings → Watched Folders "
            "lists them)", None, len(problems)).format(path=path, reason=reason))
    return QCoreApplication.translate("FolderWatcher", "; ").join(parts)


class FolderWatcher(QObject):
    """Keeps one ``watch`` job running while the open library has watched folders."""

    problemsChanged = Signal()

    def __init__(self, session, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.session = session
        self.job: Optional[Job] = None
        self.problems: List[Tuple[str, str]] = []
        session.libraryChanged.connect(self.restart)
        session.watchedFoldersChanged.connect(self.ensure_running)

    def restart(self) -> None:
        """A library was opened: forget the old one's problems and watch the new one's folders."""
        if self.job is not None:
            self.job.cancel()
            self.job = None
        self.problems = []
        self.problemsChanged.emit()
        self.ensure_running()

    def ensure_running(self) -> None:
        """Start watching unless already watching (the job follows changes to the list by itself)."""
        lib = self.session.lib
        if lib is None or (self.job is not None and self.job.running) or not self.session.watched_folders():
            return

        def work(control):
            def report(result) -> None:
                control.event(result)
                control.flush()

            watch(lib, on_report=report, should_stop=control.should_stop)

        job = self.session.runner.job("watch", work, lib=lib)
        job.events.connect(self._reports)
        job.failed.connect(lambda message: self.session.message.emit(
            self.tr("Watching folders stopped: {message}").format(message=message)))
        self.job = job
        job.start()

    def _reports(self, reports: list) -> None:
        if any(r.added or r.labelled or r.relinked for r in reports):
            self.session.imagesChanged.emit()
            self.session.charactersChanged.emit()
            self.session.labelsChanged.emit([])
        problems = [item for r in reports for item in (*r.skipped, *r.conflicts, *r.tag_problems)]
        if problems:
            self.problems = (self.problems + problems)[-MAX_PROBLEMS:]
            self.problemsChanged.emit()
        text = describe(reports)
        if text:
            self.session.message.emit(text)
