"""Dataset health: per-character numbers and advice, what to label next, attributes, exports."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from animeid_desktop.core.curation import active_learning, health
from animeid_desktop.core.curation.health import HealthReport
from animeid_desktop.gui import curation_text, dialogs, style
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.jobs import Job
from animeid_desktop.gui.pages.base import Page, PageSpec
from animeid_desktop.gui.widgets.curation_attributes import AttributesPanel
from animeid_desktop.gui.widgets.curation_export import ExportMenu
from animeid_desktop.gui.widgets.curation_label_next import LabelNextDialog
from animeid_desktop.gui.widgets.skipped_images import SkippedPanel

COLUMNS = (QT_TRANSLATE_NOOP("HealthPage", "Character"), QT_TRANSLATE_NOOP("HealthPage", "Images"),
           QT_TRANSLATE_NOOP("HealthPage", "Predicted"), QT_TRANSLATE_NOOP("HealthPage", "Val. accuracy"),
           QT_TRANSLATE_NOOP("HealthPage", "Most confused with"))


def _item(text: str, sort_value=None, colour: Optional[str] = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if sort_value is not None:
        item.setData(Qt.ItemDataRole.UserRole, sort_value)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if colour:
        item.setForeground(QColor(colour))
    return item


class HealthPage(Page):
    """Is the dataset in good shape, and what would help most?"""

    def __init__(self, session, window) -> None:
        super().__init__(session, window)
        self.report: Optional[HealthReport] = None
        self.job: Optional[Job] = None
        self.dialog: Optional[LabelNextDialog] = None

        header = self._build_header(session)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("HealthPage", c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 200), (1, 110), (2, 90), (3, 110)):
            self.table.setColumnWidth(column, width)
        self.table.cellDoubleClicked.connect(self._open_character)
        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        self.skipped = SkippedPanel()
        self.skipped.showInGallery.connect(window.show_in_gallery)
        self.skipped.unlabelRequested.connect(session.unlabel)
        findings = QHBoxLayout()
        findings.setSpacing(style.SPACING)
        findings.addWidget(self.warnings, 1)
        findings.addWidget(self.skipped, 1)

        queue_card = self._build_queue_card()

        self.attributes = AttributesPanel(session, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.SPACING + 2, style.SPACING + 2, style.SPACING, style.SPACING)
        layout.setSpacing(style.SPACING)
        layout.addWidget(header)
        layout.addWidget(self.table, 3)
        layout.addLayout(findings, 2)
        layout.addWidget(queue_card)
        layout.addWidget(self.attributes)
        session.libraryChanged.connect(self.mark_dirty)
        for signal in (session.imagesChanged, session.modelChanged, session.charactersChanged):
            signal.connect(self.mark_dirty)
        session.labelsChanged.connect(self.mark_dirty)

    def _build_header(self, session) -> QFrame:
        """Title, summary and the check/export buttons."""
        header = QFrame()
        header.setObjectName("Card")
        hl = QHBoxLayout(header)
        hl.setContentsMargins(12, 10, 12, 10)
        title = QLabel(self.tr("Dataset health"))
        title.setObjectName("Title")
        hl.addWidget(title)
        self.summary = QLabel()
        self.summary.setObjectName("Muted")
        self.summary.setWordWrap(True)
        hl.addWidget(self.summary, 1)
        self.check_button = QPushButton(icon("search"), self.tr("Check again"))
        self.check_button.clicked.connect(self.check)
        hl.addWidget(self.check_button)
        self.export_button = QPushButton(icon("export"), self.tr("Export"))
        self.export_menu = ExportMenu(session, self)
        self.export_button.setMenu(self.export_menu)
        hl.addWidget(self.export_button)
        return header

    def _build_queue_card(self) -> QFrame:
        """The 'what to label next' card: its explanation, size and start button."""
        queue_card = QFrame()
        queue_card.setObjectName("Card")
        ql = QHBoxLayout(queue_card)
        ql.setContentsMargins(12, 10, 12, 10)
        queue_text = QLabel(self.tr("<b>What to label next</b><br>Unlabelled pictures the model is least sure about, "
                                    "taking turns between look-alike groups. Keyboard only: Enter takes the "
                                    "suggestion, 1–9 picks a character, Space skips."))
        queue_text.setWordWrap(True)
        ql.addWidget(queue_text, 1)
        ql.addWidget(QLabel(self.tr("Pictures")))
        self.queue_size = QSpinBox()
        self.queue_size.setRange(5, 500)
        self.queue_size.setValue(30)
        ql.addWidget(self.queue_size)
        self.label_next_button = QPushButton(icon("play", "white"), self.tr("Start labelling"))
        self.label_next_button.setProperty("primary", True)
        self.label_next_button.clicked.connect(self.label_next)
        ql.addWidget(self.label_next_button)
        return queue_card

    # ------------------------------------------------------------------ checking
    def reload(self) -> None:
        self.attributes.refresh()
        self.check(check_duplicates=False)

    def check(self, check_duplicates: bool = True) -> Optional[Job]:
        """Compute the health report in a background job (near-duplicates counted on request)."""
        lib = self.session.lib
        if lib is None:
            return None
        job = self.session.runner.job(
            "health", lambda c: health.dataset_health(lib, check_duplicates=check_duplicates, on_progress=c.progress,
                                                      should_stop=c.should_stop),
            lib=lib, title=self.tr("Checking the dataset"))
        job.succeeded.connect(self.show_report)
        job.failed.connect(lambda message: dialogs.show_error(self, message))
        self.job = job
        job.start()
        return job

    def show_report(self, report: HealthReport) -> None:
        self.report = report
        t = report.totals
        if not report.run_id:
            model = self.tr("no model yet")
        elif report.run_accuracy is None:
            model = self.tr("model {run}").format(run=report.run_id)
        else:
            model = self.tr("model {run}: {accuracy} validation accuracy").format(
                run=report.run_id, accuracy=f"{report.run_accuracy:.0%}")
        dups = "" if report.duplicate_groups is None else self.tr(" · %n near-duplicate groups", "",
                                                                  report.duplicate_groups)
        self.summary.setText(self.tr("%n images: {labelled} labelled, {unlabelled} unlabelled ({predicted} with a "
                                     "suggestion, {unknown} unknown) · {model}{dups}", "", t["images"]).format(
            labelled=f"{t['labelled']:,}", unlabelled=f"{t['unlabelled']:,}", predicted=f"{t['predicted']:,}",
            unknown=f"{t['unknown']:,}", model=model, dups=dups))
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(report.characters))
        for row, c in enumerate(report.characters):
            few = style.WARN if c.images < health.RECOMMENDED_IMAGES else None
            acc = "—" if c.val_accuracy is None else f"{c.val_accuracy:.0%}"
            bad = style.BAD if c.val_accuracy is not None and c.val_accuracy < health.LOW_ACCURACY else None
            confused = f"{c.confused_with} ({c.confused_share:.0%})" if c.confused_with else ""
            self.table.setItem(row, 0, _item(c.name))
            self.table.setItem(row, 1, _item(f"{c.images:,}" + (f"  (+{c.add_more})" if c.add_more else ""),
                                             c.images, few))
            self.table.setItem(row, 2, _item(f"{c.predicted:,}", c.predicted))
            self.table.setItem(row, 3, _item(acc, c.val_accuracy, bad))
            self.table.setItem(row, 4, _item(confused))
        self.skipped.show_skipped(report.skipped, report.skipped_run_id)
        self.warnings.clear()
        for w in report.warnings:
            item = QListWidgetItem(icon("warning" if w.level == "warn" else "question",
                                        style.WARN if w.level == "warn" else style.MUTED),
                                   curation_text.finding(w, report))
            self.warnings.addItem(item)
        if not report.warnings:
            self.warnings.addItem(QListWidgetItem(icon("check", style.GOOD), self.tr("Nothing to fix: well done.")))

    def _open_character(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is None or self.session.lib is None:
            return
        from animeid_desktop.core.library.gallery_query import GalleryFilter, query_ids

        ids = query_ids(self.session.lib, GalleryFilter(status="labelled", character=item.text()))
        self.window_.show_in_gallery(ids, item.text())

    # ------------------------------------------------------------------ labelling next
    def label_next(self) -> Optional[Job]:
        """Build the queue in a job, then open the keyboard labelling dialog."""
        lib = self.session.lib
        if lib is None:
            return None
        limit = int(self.queue_size.value())
        job = self.session.runner.job(
            "label-next", lambda c: active_learning.label_next_queue(lib, limit, on_progress=c.progress,
                                                                     should_stop=c.should_stop),
            lib=lib, title=self.tr("Choosing what to label next"))
        job.succeeded.connect(self._open_queue)
        job.failed.connect(lambda message: dialogs.show_error(self, message))
        self.job = job
        job.start()
        return job

    def _open_queue(self, queue) -> None:
        if not queue:
            dialogs.show_info(self, self.tr("Every image has a label: nothing to do."))
            return
        self.dialog = LabelNextDialog(self.session, queue, self)
        self.dialog.finished.connect(lambda _code: self.mark_dirty())
        self.dialog.open()


PAGE = PageSpec("health", QT_TRANSLATE_NOOP("PageSpec", "Dataset health"), "warning", HealthPage,
                QT_TRANSLATE_NOOP("PageSpec", "Per-character numbers, advice, what to label next and exports"))
