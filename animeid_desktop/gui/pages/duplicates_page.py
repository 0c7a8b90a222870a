"""Duplicates: review groups of exact and near-duplicate images (keep one, keep all, merge labels)."""

from __future__ import annotations

from typing import List, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout

from animeid_desktop.core.curation import duplicate_review as duplicates
from animeid_desktop.core.curation.duplicate_review import DuplicateGroup, DuplicateReport
from animeid_desktop.gui import dialogs
from animeid_desktop.gui.find_job import start_find_job
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.jobs import Job
from animeid_desktop.gui.pages.base import Page, PageSpec
from animeid_desktop.gui.widgets.curation_groups import Group, GroupBrowser, lay_out_group_page

KIND_TEXT = {"exact": QT_TRANSLATE_NOOP("DuplicatesPage", "identical"),
             "resized": QT_TRANSLATE_NOOP("DuplicatesPage", "resized"),
             "recompressed": QT_TRANSLATE_NOOP("DuplicatesPage", "re-encoded"),
             "variant": QT_TRANSLATE_NOOP("DuplicatesPage", "edited/cropped")}


def kind_text(kind: str) -> str:
    return QCoreApplication.translate("DuplicatesPage", KIND_TEXT[kind])


def describe(g: DuplicateGroup) -> str:
    """List text of a duplicate group."""
    kinds = QCoreApplication.translate("DuplicatesPage", ", ").join(kind_text(k) for k in g.kinds)
    labels = {c for c in g.characters.values() if c}
    if g.label_conflict:
        who = QCoreApplication.translate("DuplicatesPage", "different labels!")
    else:
        who = next(iter(labels)) if labels else QCoreApplication.translate("DuplicatesPage", "unlabelled")
    return QCoreApplication.translate("DuplicatesPage", "%n images · {kinds} · {who}", None,
                                      len(g.image_ids)).format(kinds=kinds, who=who)


class DuplicatesPage(Page):
    """Find copies of the same picture and decide what to keep."""

    def __init__(self, session, window) -> None:
        super().__init__(session, window)
        self.report: Optional[DuplicateReport] = None
        self.job: Optional[Job] = None

        header = self._build_header()
        self.browser = GroupBrowser(window.thumbnails, select_all=False, cell=170)
        lay_out_group_page(self, header, self.browser, self._build_actions())
        session.libraryChanged.connect(self._library_changed)
        session.labelsChanged.connect(lambda ids: self.browser.model.refresh_rows(ids or None))
        self._update_actions()

    def _build_header(self) -> QFrame:
        """Title, status, the 'keep all' filter, the find button and the progress bar."""
        header = QFrame()
        header.setObjectName("Card")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(12, 10, 12, 10)
        top = QHBoxLayout()
        title = QLabel(self.tr("Duplicates"))
        title.setObjectName("Title")
        top.addWidget(title)
        self.status = QLabel(self.tr("Finds the same picture saved several times: resized, re-encoded, cropped "
                                     "or recoloured copies."))
        self.status.setObjectName("Muted")
        self.status.setWordWrap(True)
        top.addWidget(self.status, 1)
        self.reviewed = QCheckBox(self.tr("Show groups marked 'keep all'"))
        top.addWidget(self.reviewed)
        self.find_button = QPushButton(icon("search"), self.tr("Find duplicates"))
        self.find_button.setProperty("primary", True)
        self.find_button.clicked.connect(self.find)
        top.addWidget(self.find_button)
        hl.addLayout(top)
        self.progress = QProgressBar()
        self.progress.hide()
        hl.addWidget(self.progress)
        return header

    def _build_actions(self) -> QHBoxLayout:
        """The group detail and the not/keep all/merge/keep selected buttons."""
        actions = QHBoxLayout()
        self.detail = QLabel()
        self.detail.setObjectName("Muted")
        self.detail.setWordWrap(True)
        actions.addWidget(self.detail, 1)
        self.not_button = QPushButton(icon("close"), self.tr("Not duplicates"))
        self.not_button.setToolTip(self.tr("A false match: never group these images again"))
        self.not_button.clicked.connect(lambda: self.review("not_duplicate"))
        self.keep_all_button = QPushButton(icon("check"), self.tr("Keep all"))
        self.keep_all_button.setToolTip(self.tr("They are copies but you want them all (training still keeps them "
                                                "on one side of the validation split)"))
        self.keep_all_button.clicked.connect(lambda: self.review("keep_all"))
        self.merge_button = QPushButton(icon("merge"), self.tr("Merge labels"))
        self.merge_button.setToolTip(self.tr("Give every image of the group the same character"))
        self.merge_button.clicked.connect(self.merge)
        self.keep_one_button = QPushButton(icon("trash", "white"), self.tr("Keep selected only"))
        self.keep_one_button.setProperty("primary", True)
        self.keep_one_button.setToolTip(self.tr("Remove the other images of the group from the library (files stay "
                                                "on disk)"))
        self.keep_one_button.clicked.connect(self.keep_selected)
        for b in (self.not_button, self.keep_all_button, self.merge_button, self.keep_one_button):
            actions.addWidget(b)
        return actions

    def _library_changed(self) -> None:
        self.report = None
        self.browser.set_source(self.session.lib, self.session.active_run_id())
        self.browser.set_groups([])
        self._update_actions()

    # ------------------------------------------------------------------ finding
    def find(self) -> Optional[Job]:
        lib = self.session.lib
        if lib is None:
            return None
        include = self.reviewed.isChecked()
        job = self.session.runner.job(
            "duplicates", lambda c: duplicates.find_duplicates(lib, include_reviewed=include, on_progress=c.progress,
                                                               should_stop=c.should_stop),
            lib=lib, title=self.tr("Finding duplicates"))
        self.job = start_find_job(self, job, self.find_button, self.progress, self.status, self._found)
        return job

    def _found(self, report: DuplicateReport) -> None:
        self.report = report
        self.browser.set_source(self.session.lib, self.session.active_run_id())
        self.browser.set_groups([Group(f"{g.id}. {describe(g)}", g.image_ids, key=g) for g in report.groups],
                                keep_position=False)
        text = self.tr("%n images compared in {seconds} s: {groups} groups holding {images} images", "",
                       report.images).format(seconds=f"{report.seconds:.1f}", groups=len(report.groups),
                                             images=f"{report.duplicate_images:,}")
        if not report.used_features:
            text = self.tr("{text} (perceptual hashes only)").format(text=text)
        self.status.setText(text)
        self._update_actions()

    # ------------------------------------------------------------------ decisions
    def _current(self) -> Optional[DuplicateGroup]:
        group = self.browser.current_group()
        return group.key if group is not None else None

    def _update_actions(self) -> None:
        g = self._current()
        selected = self.browser.selected_ids()
        for b in (self.not_button, self.keep_all_button, self.merge_button):
            b.setEnabled(g is not None)
        self.keep_one_button.setEnabled(g is not None and len(selected) == 1)
        if g is None:
            self.detail.setText("")
            return
        lines = []
        for p in g.pairs[:3]:
            line = self.tr("{kind}: pHash {phash}, dHash {dhash} bits apart").format(
                kind=kind_text(p.kind), phash=p.phash_distance, dhash=p.dhash_distance)
            if p.similarity is not None:
                line = self.tr("{line}, features {similarity} alike").format(line=line,
                                                                            similarity=f"{p.similarity:.2f}")
            lines.append(line)
        self.detail.setText(self.tr("Largest picture first. Select the one to keep.   {pairs}").format(
            pairs="   ·   ".join(lines)))

    def _done(self, text: str) -> None:
        self.browser.remove_current()
        self.session.message.emit(text)
        self._update_actions()

    def review(self, decision: str) -> None:
        g = self._current()
        if g is None:
            return
        with dialogs.reporting(self):
            duplicates.record_review(self.session.require_lib(), g.image_ids, decision)
            self._done(self.tr("Marked as not duplicates") if decision == "not_duplicate" else
                       self.tr("Kept all copies"))

    def merge(self) -> None:
        g = self._current()
        if g is None:
            return
        lib = self.session.require_lib()
        present = duplicates.group_characters(lib, g.image_ids)
        if len(present) == 1:
            character: Optional[str] = present[0]
        else:
            names = present or [c["name"] for c in self.session.characters()]
            character = dialogs.ask_choice(self, self.tr("Merge labels"),
                                           self.tr("Give every image of the group the character:"), names)
        if character:
            with dialogs.reporting(self):
                self.session.label(g.image_ids, character)
                self._done(self.tr("Labelled the group as {character}").format(character=character))

    def keep_selected(self) -> None:
        g = self._current()
        selected: List[int] = self.browser.selected_ids()
        if g is None or len(selected) != 1:
            return
        others = len(g.image_ids) - 1
        question = self.tr("Remove the other %n image(s) of this group from the library? The files stay on disk; "
                           "this cannot be undone.", "", others)
        if not dialogs.confirm(self, question, ok=self.tr("Remove")):
            return
        with dialogs.reporting(self):
            result = duplicates.keep_one(self.session.require_lib(), selected[0], g.image_ids)
            self.session.undo_stack.clear()  # undo steps may refer to the removed images
            self.session.undoChanged.emit()
            self.session.imagesChanged.emit()
            self.session.labelsChanged.emit([])
            if result["labelled_as"]:
                text = self.tr("Removed %n duplicate(s); it is labelled {character} now", "", result["removed"])
            else:
                text = self.tr("Removed %n duplicate(s)", "", result["removed"])
            self._done(text.format(character=result["labelled_as"]))


PAGE = PageSpec("duplicates", QT_TRANSLATE_NOOP("PageSpec", "Duplicates"), "merge", DuplicatesPage,
                QT_TRANSLATE_NOOP("PageSpec", "Find and clean up copies of the same picture"))
