"""New characters: unlabelled images grouped by look; name a group to make it a character."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSlider,
    QVBoxLayout,
)

from animeid_desktop.core.curation import clustering
from animeid_desktop.core.curation.clustering import Cluster, Clustering
from animeid_desktop.gui import dialogs
from animeid_desktop.gui.find_job import start_find_job
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.jobs import Job
from animeid_desktop.gui.pages.base import Page, PageSpec
from animeid_desktop.gui.widgets.curation_groups import Group, GroupBrowser, lay_out_group_page

SLIDER_SCALE = 200  # slider steps of 0.005


def describe(c: Cluster) -> str:
    """List text of a cluster: size and what it looks like."""
    if c.looks_new:
        return QCoreApplication.translate("ClustersPage", "%n images · new character?", None, c.size)
    return QCoreApplication.translate("ClustersPage", "%n images · looks like {character}", None,
                                      c.size).format(character=c.looks_like)


class ClustersPage(Page):
    """Find groups among unlabelled images, deselect stragglers, name the group."""

    def __init__(self, session, window) -> None:
        super().__init__(session, window)
        self.result: Optional[Clustering] = None
        self.job: Optional[Job] = None

        header = self._build_header()

        self.browser = GroupBrowser(window.thumbnails, select_all=True)
        lay_out_group_page(self, header, self.browser, self._build_actions())
        session.libraryChanged.connect(self._library_changed)
        session.charactersChanged.connect(self.mark_dirty)
        self._update_threshold_label()
        self._update_actions()

    def _build_header(self) -> QFrame:
        """Title, status, scope, the find button, the similarity slider and the progress bar."""
        header = QFrame()
        header.setObjectName("Card")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(12, 10, 12, 10)
        top = QHBoxLayout()
        title = QLabel(self.tr("New characters"))
        title.setObjectName("Title")
        top.addWidget(title)
        self.status = QLabel(self.tr("Group the unlabelled images by look to find characters you have not named "
                                     "yet."))
        self.status.setObjectName("Muted")
        self.status.setWordWrap(True)
        top.addWidget(self.status, 1)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("All unlabelled images"), "unlabelled")
        self.scope.addItem(self.tr("Only those the model calls unknown"), "unknown")
        top.addWidget(self.scope)
        self.find_button = QPushButton(icon("search"), self.tr("Find groups"))
        self.find_button.setProperty("primary", True)
        self.find_button.clicked.connect(self.find_groups)
        top.addWidget(self.find_button)
        hl.addLayout(top)
        hl.addLayout(self._build_similarity_row())
        self.progress = QProgressBar()
        self.progress.hide()
        hl.addWidget(self.progress)

        return header

    def _build_similarity_row(self) -> QHBoxLayout:
        """The looser/tighter slider that sets how alike images of one group must be."""
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Looser")))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(-60, 180)
        self.slider.setValue(int(clustering.thresholds().whitened * SLIDER_SCALE))
        self.slider.setToolTip(self.tr("How alike images must be to share a group (cosine similarity of their "
                                       "features)"))
        self.slider.setTracking(False)  # regroup when the slider is released, not at every pixel
        self.slider.sliderMoved.connect(lambda _v: self._update_threshold_label(_v))
        self.slider.valueChanged.connect(self._threshold_moved)
        row.addWidget(self.slider, 1)
        row.addWidget(QLabel(self.tr("Tighter")))
        self.threshold_label = QLabel()
        self.threshold_label.setObjectName("Muted")
        self.threshold_label.setMinimumWidth(120)
        row.addWidget(self.threshold_label)
        return row

    def _build_actions(self) -> QHBoxLayout:
        """The hint and the gallery/name/retrain actions under the group browser."""
        actions = QHBoxLayout()
        self.hint = QLabel()
        self.hint.setObjectName("Muted")
        actions.addWidget(self.hint, 1)
        self.gallery_button = QPushButton(icon("gallery"), self.tr("Show in gallery"))
        self.gallery_button.clicked.connect(self.show_in_gallery)
        actions.addWidget(self.gallery_button)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Character name (new or existing)"))
        self.name_edit.setMinimumWidth(220)
        self.name_edit.returnPressed.connect(self.name_selected)
        actions.addWidget(self.name_edit)
        self.name_button = QPushButton(icon("tag", "white"), self.tr("Name"))
        self.name_button.setProperty("primary", True)
        self.name_button.clicked.connect(self.name_selected)
        actions.addWidget(self.name_button)
        self.retrain_button = QPushButton(icon("retrain"), self.tr("Retrain…"))
        self.retrain_button.setToolTip(self.tr("Go to training: the new character is picked up by the next run"))
        self.retrain_button.clicked.connect(lambda: self.window_.go_to("training"))
        actions.addWidget(self.retrain_button)
        return actions

    # ------------------------------------------------------------------ content
    def _library_changed(self) -> None:
        self.result = None
        self.browser.set_source(self.session.lib, self.session.active_run_id())
        self.browser.set_groups([])
        self.mark_dirty()

    def reload(self) -> None:
        names = [c["name"] for c in self.session.characters()]
        completer = QCompleter(names, self.name_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.name_edit.setCompleter(completer)
        self._update_actions()

    def find_groups(self) -> Optional[Job]:
        """Cluster the unlabelled (or unknown) images in a background job."""
        lib = self.session.lib
        if lib is None:
            return None
        scope = self.scope.currentData()
        job = self.session.runner.job(
            "clusters", lambda c: clustering.cluster_images(lib, scope, None, on_progress=c.progress,
                                                            should_stop=c.should_stop),
            lib=lib, title=self.tr("Grouping images"))
        self.job = start_find_job(self, job, self.find_button, self.progress, self.status, self._found)
        return job

    def _found(self, result: Clustering) -> None:
        self.result = result
        self.browser.set_source(self.session.lib, self.session.active_run_id())
        self.slider.blockSignals(True)
        self.slider.setValue(int(round(result.similarity * SLIDER_SCALE)))
        self.slider.blockSignals(False)
        self._show_result(keep_position=False)

    def _show_result(self, keep_position: bool = True) -> None:
        r = self.result
        if r is None:
            return
        groups = [Group(f"{c.id}. {describe(c)}", c.image_ids, self._tooltip(c), c.id) for c in r.clusters]
        self.browser.set_groups(groups, keep_position)
        if r.scope == "unknown":
            text = self.tr("%n unknown images: {groups} groups, largest first; {left} fit no group", "", len(r.ids))
        else:
            text = self.tr("%n unlabelled images: {groups} groups, largest first; {left} fit no group", "",
                           len(r.ids))
        text = text.format(groups=len(r.clusters), left=f"{len(r.unclustered):,}")
        if r.space != "whitened":
            text = self.tr("{text} (label two characters for sharper groups)").format(text=text)
        self.status.setText(text)
        self._update_threshold_label()
        self._update_actions()

    @staticmethod
    def _tooltip(c: Cluster) -> str:
        translate = QCoreApplication.translate
        lines = [describe(c), translate("ClustersPage", "cohesion {value}").format(value=f"{c.cohesion:.2f}")]
        if c.looks_like:
            lines.append(translate("ClustersPage", "closest known character: {character} ({similarity})").format(
                character=c.looks_like, similarity=f"{c.looks_like_similarity:.2f}"))
        if c.predicted:
            lines.append(translate("ClustersPage", "the model says {character} for {share}").format(
                character=c.predicted, share=f"{c.predicted_share:.0%}"))
        if c.unknown_share:
            lines.append(translate("ClustersPage", "{share} called unknown by the model").format(
                share=f"{c.unknown_share:.0%}"))
        return "\n".join(lines)

    def _threshold_moved(self, value: int) -> None:
        self._update_threshold_label()
        if self.result is not None and self.result.dendrogram is not None:
            self.result = self.result.recut(value / SLIDER_SCALE)
            clustering.save_clustering(self.session.require_lib(), self.result)
            self._show_result()

    def _update_threshold_label(self, value: Optional[int] = None) -> None:
        value = self.slider.value() if value is None else value
        self.threshold_label.setText(self.tr("similarity ≥ {value}").format(value=f"{value / SLIDER_SCALE:g}"))

    def _update_actions(self) -> None:
        group = self.browser.current_group()
        n = len(self.browser.selected_ids())
        for w in (self.name_edit, self.name_button, self.gallery_button):
            w.setEnabled(group is not None)
        self.name_button.setEnabled(group is not None and n > 0)
        self.name_button.setText(self.tr("Name {count}").format(count=f"{n:,}") if n else self.tr("Name"))
        self.hint.setText(self.tr("Ctrl+click to leave out images that are someone else, then type a name and press "
                                  "Enter") if group else "")

    # ------------------------------------------------------------------ actions
    def name_selected(self) -> int:
        """Label the selected images of the current group as the typed character (undoable)."""
        group = self.browser.current_group()
        ids = self.browser.selected_ids()
        name = self.name_edit.text().strip()
        if group is None or not ids:
            return 0
        if not name:
            dialogs.show_error(self, self.tr("Type the character's name first"))
            return 0
        with dialogs.reporting(self):
            if name not in {c["name"] for c in self.session.characters()}:
                self.session.add_character(name)
            self.session.label(ids, name)
            self.browser.remove_current()
            self.name_edit.clear()
            self.status.setText(self.tr("Labelled %n images as {character}. Retrain to teach the model the new "
                                        "character.", "", len(ids)).format(character=name))
            return len(ids)
        return 0

    def show_in_gallery(self) -> None:
        group = self.browser.current_group()
        if group is not None:
            self.window_.show_in_gallery(group.image_ids, group.title)


PAGE = PageSpec("clusters", QT_TRANSLATE_NOOP("PageSpec", "New characters"), "curation", ClustersPage,
                QT_TRANSLATE_NOOP("PageSpec", "Group unlabelled images by look and name new characters"))
