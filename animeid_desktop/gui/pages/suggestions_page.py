"""Suggestions: unlabelled images the active model recognised, most confident first; confirm in bulk."""

from __future__ import annotations

from typing import List, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSlider,
    QVBoxLayout,
)

from animeid_desktop.core.curation.health import predicted_counts
from animeid_desktop.core.library import gallery_query
from animeid_desktop.core.library.gallery_query import GalleryFilter
from animeid_desktop.core.progress import FACES_PHASE
from animeid_desktop.gui import dialogs, style
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.jobs import Job
from animeid_desktop.gui.pages.base import Page, PageSpec
from animeid_desktop.gui.pages.recognition_work import face_recognition
from animeid_desktop.gui.training_text import message
from animeid_desktop.gui.widgets.curation_sort import LabelNextSort
from animeid_desktop.gui.widgets.thumbnail_model import ThumbnailModel
from animeid_desktop.gui.widgets.thumbnail_view import ThumbnailView


class SuggestionsPage(Page):
    """Confirm, relabel or reject what the model predicted for unlabelled images."""

    def __init__(self, session, window) -> None:
        super().__init__(session, window)
        self.job: Optional[Job] = None
        self._attempted: set = set()  # (run id, image id) already sent to recognition automatically
        self._faces_phase = False  # the running job has answered every whole picture and looks at faces
        self.model = ThumbnailModel(window.thumbnails, self)
        self.view = ThumbnailView(self.model, cell=165)
        self.view.delegate.show_prediction_first = True
        self.view.setDragEnabled(False)

        header = self._build_header(session)
        actions = self._build_actions()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.SPACING + 2, style.SPACING + 2, style.SPACING, style.SPACING)
        layout.setSpacing(style.SPACING)
        layout.addWidget(header)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)

        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.view.digitPressed.connect(self._digit)
        self.view.clearPressed.connect(self.reject_selected)
        self.view.enterPressed.connect(self.confirm_selected)
        session.libraryChanged.connect(self._library_changed)
        for signal in (session.imagesChanged, session.modelChanged, session.charactersChanged):
            signal.connect(self.mark_dirty)
        session.labelsChanged.connect(self.mark_dirty)
        session.predictionsChanged.connect(self.mark_dirty)

    def _build_header(self, session) -> QFrame:
        """Title, status, the recognise button, its progress and the filter row."""
        header = QFrame()
        header.setObjectName("Card")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(12, 10, 12, 10)
        top = QHBoxLayout()
        title = QLabel(self.tr("Suggestions"))
        title.setObjectName("Title")
        top.addWidget(title)
        self.status = QLabel()
        self.status.setObjectName("Muted")
        top.addWidget(self.status, 1)
        self.recognise_button = QPushButton(icon("recognition"), self.tr("Recognise unlabelled images"))
        self.recognise_button.clicked.connect(self.recognise)
        top.addWidget(self.recognise_button)
        hl.addLayout(top)
        self.progress = QProgressBar()
        self.progress.hide()
        hl.addWidget(self.progress)
        hl.addLayout(self._build_filters(session))
        return header

    def _build_filters(self, session) -> QHBoxLayout:
        """Character, minimum confidence and sort order of the suggestions shown."""
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Character")))
        self.character = QComboBox()
        self.character.setMinimumContentsLength(12)
        self.character.currentIndexChanged.connect(lambda _n: self.requery())
        filters.addWidget(self.character)
        filters.addSpacing(16)
        filters.addWidget(QLabel(self.tr("Confidence at least")))
        self.min_score = QSlider(Qt.Orientation.Horizontal)
        self.min_score.setRange(0, 95)
        self.min_score.setSingleStep(5)
        self.min_score.setFixedWidth(160)
        self.min_label = QLabel("0%")
        self.min_score.valueChanged.connect(lambda v: (self.min_label.setText(f"{v}%"), self.requery()))
        filters.addWidget(self.min_score)
        filters.addWidget(self.min_label)
        filters.addStretch(1)
        self.sort = LabelNextSort(session)  # "most useful to label first" (active learning)
        self.sort.changed.connect(self.requery)
        filters.addWidget(self.sort)
        return filters

    def _build_actions(self) -> QHBoxLayout:
        """The count and the select/reject/relabel/confirm buttons under the thumbnails."""
        actions = QHBoxLayout()
        self.count = QLabel()
        self.count.setObjectName("Muted")
        actions.addWidget(self.count, 1)
        self.select_all_button = QPushButton(self.tr("Select all"))
        self.select_all_button.clicked.connect(self.view.selectAll)
        self.reject_button = QPushButton(icon("close"), self.tr("Reject"))
        self.reject_button.setToolTip(self.tr("The model is wrong and you do not want to label them now (Delete)"))
        self.reject_button.clicked.connect(self.reject_selected)
        self.relabel_button = QPushButton(icon("tag"), self.tr("Label as…"))
        self.relabel_button.clicked.connect(self._relabel_menu)
        self.confirm_button = QPushButton(icon("check", "white"), self.tr("Confirm"))
        self.confirm_button.setProperty("primary", True)
        self.confirm_button.setToolTip(self.tr("Label each selected image with its suggested character (Enter)"))
        self.confirm_button.clicked.connect(self.confirm_selected)
        for button in (self.select_all_button, self.reject_button, self.relabel_button, self.confirm_button):
            actions.addWidget(button)
        return actions

    # ------------------------------------------------------------------ content
    def _library_changed(self) -> None:
        self.model.set_source(self.session.lib, self.session.active_run_id())
        self.mark_dirty()

    def reload(self) -> None:
        lib = self.session.lib
        if lib is None:
            return
        run_id = self.session.active_run_id()
        if self.model.lib is not lib:
            self.model.set_source(lib, run_id)
        self.model.set_run(run_id)
        chars = self.session.characters()
        self.view.delegate.colours = {c["name"]: c["colour"] for c in chars}
        current = self.character.currentData()
        self.character.blockSignals(True)
        self.character.clear()
        self.character.addItem(self.tr("All characters"), None)
        for c in chars:
            self.character.addItem(c["name"], c["name"])
        self.character.setCurrentIndex(max(0, self.character.findData(current)))
        self.character.blockSignals(False)
        self.requery()
        pending = [i for i in (gallery_query.unpredicted_unlabelled_ids(lib, run_id) if run_id else [])
                   if (run_id, i) not in self._attempted]
        if run_id and pending and not (self.job and self.job.running) and self.isVisible():
            self._attempted.update((run_id, i) for i in pending)
            self.recognise(pending)  # new images or a new model: predict them right away

    def requery(self) -> None:
        lib = self.session.lib
        run_id = self.session.active_run_id()
        if lib is None:
            return
        if not run_id:
            self.model.set_ids([])
            self.status.setText(self.tr("No model yet: train one on the Training page, then its suggestions appear "
                                        "here."))
            self.recognise_button.setEnabled(False)
            self._update_actions()
            return
        f = GalleryFilter(status="predicted", character=self.character.currentData(), sort="confidence",
                          run_id=run_id, min_score=self.min_score.value() / 100.0)
        selected = set(self.view.selected_ids())
        self.sort.order(gallery_query.query_ids(lib, f), self.model.set_ids)
        for image_id in selected:
            row = self.model.row_of(image_id)
            if row is not None:
                self.view.selectionModel().select(self.model.index(row), QItemSelectionModel.SelectionFlag.Select)
        unlabelled = gallery_query.counts(lib, run_id)
        order = self.tr("most useful to label first") if self.sort.useful() else self.tr("most confident first")
        _per_character, unknown = predicted_counts(lib, run_id)
        apart = self.tr(" · {count} unknown (not like your characters), not suggested").format(
            count=f"{unknown:,}") if unknown else ""
        self.status.setText(self.tr("%n unlabelled images · {predicted} with a suggestion{apart} · {order}", "",
                                    unlabelled["unlabelled"]).format(predicted=f"{unlabelled['predicted']:,}",
                                                                     apart=apart, order=order))
        self.recognise_button.setEnabled(not (self.job and self.job.running))
        self._update_actions()

    def _update_actions(self) -> None:
        n = self.view.selected_count()
        shown = self.model.rowCount()
        count = self.tr("%n suggestions", "", shown)
        if n:
            count = self.tr("{count} · {selected} selected").format(count=count, selected=f"{n:,}")
        self.count.setText(self.tr("{count}   ·   Enter confirms · 1–9 labels · Delete rejects").format(count=count))
        for button in (self.confirm_button, self.reject_button, self.relabel_button):
            button.setEnabled(n > 0)
        self.confirm_button.setText(self.tr("Confirm {count}").format(count=f"{n:,}") if n else self.tr("Confirm"))

    # ------------------------------------------------------------------ recognising
    def recognise(self, image_ids: Optional[List[int]] = None) -> Optional[Job]:
        """Predict unlabelled images with the active model and store the results."""
        lib = self.session.lib
        run_id = self.session.active_run_id()
        if lib is None or not run_id:
            return None
        ids = image_ids if image_ids is not None else gallery_query.query_ids(lib, GalleryFilter(status="unlabelled"))
        def work(control):
            from animeid_desktop.core.recognition.library_recognition import (  # torch: import off the GUI thread
                recognize_library,
            )
            from animeid_desktop.core.recognition.recognizer import Recognizer

            rec = Recognizer.load(lib, run_id)
            faces = face_recognition(lib, rec, control)  # each face's answer stored too (group shots)
            return recognize_library(lib, image_ids=ids, recognizer=rec, faces=faces, on_progress=control.progress,
                                     should_stop=control.should_stop)

        job = self.session.runner.job("recognise-library", work, lib=lib, title=self.tr("Recognising"))
        job.progress.connect(self._progress)
        job.events.connect(self._events)
        job.finished.connect(self._recognised)
        job.failed.connect(lambda message: dialogs.show_error(
            self, self.tr("Recognition failed: {reason}").format(reason=message)))
        self.job = job
        self._faces_phase = False
        self.recognise_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        job.start()
        return job

    def _progress(self, done: int, total: int, phase: str) -> None:
        self.progress.setRange(0, max(0, total))
        self.progress.setValue(done)
        if phase == FACES_PHASE:
            if not self._faces_phase:  # every whole picture is answered: show them while faces are looked at
                self._faces_phase = True
                self.requery()
            self.status.setText(self.tr("Looking at the faces of {done} of %n images (group shots)…", "",
                                        total).format(done=f"{done:,}"))
            return
        self.status.setText(self.tr("Recognising {done} of %n unlabelled images…", "", total).format(
            done=f"{done:,}") if total else self.tr("Loading the model…"))

    def _events(self, items: list) -> None:
        for item in items:
            if isinstance(item, tuple) and item and item[0] == "no-faces":
                self.window.statusBar().showMessage(
                    self.tr("Whole pictures only, no faces: {reason}").format(reason=message(item[1])))

    def _recognised(self) -> None:
        self._faces_phase = False
        self.progress.hide()
        self.session.predictionsChanged.emit([])

    # ------------------------------------------------------------------ actions
    def confirm_selected(self) -> int:
        ids = self.view.selected_ids()
        run_id = self.session.active_run_id()
        if not ids or not run_id:
            return 0
        assignments = gallery_query.suggested_labels(self.session.require_lib(), ids, run_id)
        with dialogs.reporting(self):
            return self.session.label_many(assignments, description=self.tr("confirm %n suggestion(s)", "",
                                                                             len(assignments)))
        return 0

    def reject_selected(self) -> None:
        ids = self.view.selected_ids()
        if ids:
            with dialogs.reporting(self):
                self.session.reject_predictions(ids)

    def _digit(self, digit: int) -> None:
        names = [c["name"] for c in self.session.characters()]
        if 1 <= digit <= min(9, len(names)):
            self.label_selected(names[digit - 1])

    def label_selected(self, name: str) -> None:
        ids = self.view.selected_ids()
        with dialogs.reporting(self):
            self.session.label(ids, name)

    def _relabel_menu(self) -> None:
        menu = QMenu(self)
        for n, c in enumerate(self.session.characters()):
            action = menu.addAction(c["name"], lambda name=c["name"]: self.label_selected(name))
            if n < 9:
                action.setShortcut(str(n + 1))
        menu.exec(self.relabel_button.mapToGlobal(self.relabel_button.rect().bottomLeft()))


PAGE = PageSpec("suggestions", QT_TRANSLATE_NOOP("PageSpec", "Suggestions"), "suggestions", SuggestionsPage,
                QT_TRANSLATE_NOOP("PageSpec", "Confirm what the model found among your unlabelled images"))
