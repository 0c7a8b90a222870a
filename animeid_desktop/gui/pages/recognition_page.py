"""Recognition: drop or open images or a folder, results streaming into a table; the selected one in the side
panel (:mod:`~animeid_desktop.gui.widgets.recognition_detail`) to confirm, relabel or reject; CSV."""

from __future__ import annotations

import os
from typing import List, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from animeid_desktop.core.library import gallery_query
from animeid_desktop.core.library.labels import character_of
from animeid_desktop.gui import dialogs, style
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.jobs import Job
from animeid_desktop.gui.pages.base import Page, PageSpec
from animeid_desktop.gui.pages.recognition_work import recognise_files
from animeid_desktop.gui.training_text import message
from animeid_desktop.gui.widgets.recognition_detail import RecognitionDetail
from animeid_desktop.gui.widgets.recognition_table import (
    SCORE_COLUMN,
    ResultRow,
    ResultsModel,
    ScoreBarDelegate,
)


class RecognitionPage(Page):
    """Who is in these pictures? Works on any files, in the library or not."""

    def __init__(self, session, window) -> None:
        super().__init__(session, window)
        self.setAcceptDrops(True)
        self.job: Optional[Job] = None
        self.threshold: Optional[float] = None
        self.face_note = ""  # why faces are not looked for, when they are not
        self.results = ResultsModel(self)

        header = self._build_header()
        self._show_running(False)
        self._build_table()
        self.detail = RecognitionDetail()
        self.detail.confirmRequested.connect(self.confirm_current)
        self.detail.rejectRequested.connect(self.reject_current)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([820, 320])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.SPACING + 2, style.SPACING + 2, style.SPACING, style.SPACING)
        layout.setSpacing(style.SPACING)
        layout.addWidget(header)
        layout.addWidget(splitter, 1)
        self._show_row(-1)

        session.libraryChanged.connect(self.clear)
        session.modelChanged.connect(self.mark_dirty)
        session.charactersChanged.connect(self.mark_dirty)

    def _build_header(self) -> QFrame:
        """Title, model, open/export/clear buttons, drop hint and the progress row."""
        header = QFrame()
        header.setObjectName("Card")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(12, 10, 12, 10)
        top = QHBoxLayout()
        title = QLabel(self.tr("Recognise"))
        title.setObjectName("Title")
        top.addWidget(title)
        self.model_label = QLabel()
        self.model_label.setObjectName("Muted")
        top.addWidget(self.model_label, 1)
        self.open_images_button = QPushButton(icon("image-plus"), self.tr("Open images…"))
        self.open_images_button.clicked.connect(self.open_images)
        self.open_folder_button = QPushButton(icon("folder-open"), self.tr("Open folder…"))
        self.open_folder_button.setToolTip(self.tr("Recognise every image in a folder and its subfolders (batch)"))
        self.open_folder_button.clicked.connect(self.open_folder)
        self.export_button = QPushButton(icon("csv"), self.tr("Export CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.clear)
        for button in (self.open_images_button, self.open_folder_button, self.export_button, self.clear_button):
            top.addWidget(button)
        hl.addLayout(top)
        hint = QLabel(self.tr("Drop images or folders here. Nothing is imported unless you confirm a label."))
        hint.setObjectName("Muted")
        hl.addWidget(hint)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.status = QLabel()
        self.status.setObjectName("Muted")
        self.cancel_button = QPushButton(icon("stop"), self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.status)
        progress_row.addWidget(self.cancel_button)
        hl.addLayout(progress_row)
        return header

    def _build_table(self) -> None:
        """The results table (one row per recognised file)."""
        self.table = QTableView()
        self.table.setModel(self.results)
        self.table.setItemDelegateForColumn(SCORE_COLUMN, ScoreBarDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 190), (1, 120), (2, 115), (3, 125), (4, 125)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_row(current.row()))

    # ------------------------------------------------------------------ state
    def reload(self) -> None:
        from animeid_desktop.gui.model_status import active_run, describe_run

        lib = self.session.lib
        run = active_run(lib) if lib is not None else None
        self.model_label.setText(self.tr("with {model}").format(model=describe_run(run)) if run else
                                 self.tr("No model yet: train one on the Training page first"))
        for button in (self.open_images_button, self.open_folder_button):
            button.setEnabled(run is not None)
        self.detail.set_characters(self.session.characters())
        self._show_row(self.table.currentIndex().row())

    def clear(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
        self.results.clear()
        self._show_row(-1)

    def _show_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.status.setVisible(running or bool(self.status.text()))

    # ------------------------------------------------------------------ recognising
    def open_images(self) -> None:
        self.recognise_paths(dialogs.open_files(self, self.tr("Recognise images"), dialogs.IMAGE_FILTER))

    def open_folder(self) -> None:
        folder = dialogs.open_folder(self, self.tr("Recognise every image in a folder"))
        if folder:
            self.recognise_paths([folder])

    def recognise_paths(self, paths: List[str]) -> Optional[Job]:
        """Recognise files and folders (recursively) with the active model; rows stream in."""
        lib = self.session.lib
        if lib is None or not paths:
            return None
        if self.session.active_run_id() is None:
            dialogs.show_error(self, self.tr("There is no model yet: train one on the Training page first."))
            return None

        job = self.session.runner.job("recognise-files", lambda control: recognise_files(lib, paths, control), lib=lib,
                                      title=self.tr("Recognising"))
        job.events.connect(self._predictions)
        job.progress.connect(self._progress)
        job.failed.connect(lambda message: dialogs.show_error(
            self, self.tr("Recognition failed: {message}").format(message=message)))
        job.finished.connect(self._finished)
        self.job = job
        self.face_note = ""
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("Loading the model…"))
        self._show_running(True)
        job.start()
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progress(self, done: int, total: int, _message: str) -> None:
        self.progress.setRange(0, max(0, total))
        self.progress.setValue(done)
        self.status.setText(self.tr("{done} of {total}").format(done=f"{done:,}", total=f"{total:,}"))

    def _predictions(self, batch: list) -> None:
        answers = []
        for item in batch:
            if isinstance(item, tuple) and item and item[0] == "threshold":
                self.threshold = item[1]
            elif isinstance(item, tuple) and item and item[0] == "no-faces":
                self.face_note = self.tr("faces not looked for: {reason}").format(reason=message(item[1]))
            else:
                answers.append(item)
        lib = self.session.lib
        known = (gallery_query.ids_for_stored_paths(lib, [os.path.abspath(a.prediction.path) for a in answers])
                 if lib else {})
        rows = []
        for a in answers:
            p = a.prediction
            image_id = p.image_id if p.image_id is not None else known.get(os.path.abspath(p.path))
            rows.append(ResultRow(path=str(p.path), top=[(str(c), float(s)) for c, s in p.top],
                                  unknown=bool(p.unknown), error=p.error or "", image_id=image_id,
                                  status=self._library_status(image_id), faces=list(a.faces),
                                  characters=[] if p.error else a.characters))
        first = self.results.rowCount() == 0
        self.results.add(rows)
        if first and rows:
            self.table.selectRow(0)

    def _library_status(self, image_id: Optional[int]) -> str:
        if image_id is None or self.session.lib is None:
            return "not in library"
        name = character_of(self.session.lib, image_id)
        return f"labelled {name}" if name else "in library, unlabelled"

    def _finished(self) -> None:
        state = self.job.state if self.job else ""
        n = self.results.rowCount()
        unknown = self.results.unknown_count
        text = self.tr("Cancelled after %n images", "", n) if state == "cancelled" else \
            self.tr("%n images recognised", "", n)
        if unknown:
            text += self.tr(" · {unknown} unknown, listed last").format(unknown=f"{unknown:,}")
        if self.face_note:
            text += self.tr(" · {note}").format(note=self.face_note)
        self.status.setText(text)
        self._show_running(False)

    # ------------------------------------------------------------------ the selected result
    def _show_row(self, n: int) -> None:
        self.detail.show_row(self.results.row(n), lib=self.session.lib, threshold=self.threshold)

    def confirm_current(self, character: Optional[str] = None) -> None:
        """Label the selected file (importing it first when it is not in the library)."""
        n = self.table.currentIndex().row()
        row = self.results.row(n)
        name = character or (row.best if row else None)
        if row is None or not name:
            return
        if row.image_id is not None:
            with dialogs.reporting(self):
                self.session.label([row.image_id], name, source="confirmed")
                self._after_label(n, name)
            return
        from animeid_desktop.core.library.importer import import_paths

        lib = self.session.require_lib()
        job = self.session.runner.job("recognition-import", lambda c: import_paths(lib, [row.path]), lib=lib,
                                      title=self.tr("Importing"))

        def imported(report) -> None:
            if not report.image_ids:
                reason = message(report.skipped[0][1]) if report.skipped else self.tr("not imported")
                dialogs.show_error(self, self.tr("{path}: {reason}").format(path=row.path, reason=reason))
                return
            row.image_id = report.image_ids[0]
            self.session.imagesChanged.emit()
            with dialogs.reporting(self):
                self.session.label([row.image_id], name, source="confirmed")
                self._after_label(n, name)

        job.succeeded.connect(imported)
        job.failed.connect(lambda message: dialogs.show_error(self, message))
        job.start()

    def _after_label(self, n: int, name: str) -> None:
        self.results.set_status(n, f"confirmed as {name}")
        self._show_row(n)
        if n + 1 < self.results.rowCount():
            self.table.selectRow(n + 1)

    def reject_current(self) -> None:
        n = self.table.currentIndex().row()
        if self.results.row(n) is not None:
            self.results.set_status(n, "rejected")
            if n + 1 < self.results.rowCount():
                self.table.selectRow(n + 1)
            else:
                self._show_row(n)

    def export_csv(self) -> None:
        if not self.results.rowCount():
            dialogs.show_error(self, self.tr("Nothing to export yet: recognise some images first."))
            return
        path = dialogs.save_file(self, self.tr("Export results as CSV"), dialogs.CSV_FILTER, "recognition.csv")
        if path:
            from animeid_desktop.core.recognition.recognizer import write_predictions_csv

            with dialogs.reporting(self):
                write_predictions_csv(path, [(r.path, r.top, r.unknown, r.error, r.status) for r in self.results.rows])
                self.session.message.emit(self.tr("Wrote %n rows to {path}", "", self.results.rowCount()).format(
                    path=path))

    # ------------------------------------------------------------------ drops
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.recognise_paths(paths)


PAGE = PageSpec("recognition", QT_TRANSLATE_NOOP("PageSpec", "Recognition"), "recognition", RecognitionPage,
                QT_TRANSLATE_NOOP("PageSpec", "Recognise any images or folders with the active model"))
