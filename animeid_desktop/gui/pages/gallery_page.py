"""Gallery & tagging: filter bar, thumbnail grid, character list and the detail side panel."""

from __future__ import annotations

import os
from typing import List, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QItemSelectionModel, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from animeid_desktop.core.curation.similar import SimilarResult, find_similar
from animeid_desktop.core.library import gallery_query
from animeid_desktop.core.library.labels import image_count
from animeid_desktop.gui import dialogs, style
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.jobs import Job
from animeid_desktop.gui.pages.base import Page, PageSpec
from animeid_desktop.gui.widgets.character_panel import CharacterPanel
from animeid_desktop.gui.widgets.gallery_filters import GalleryFilters
from animeid_desktop.gui.widgets.image_detail import ImageDetail
from animeid_desktop.gui.widgets.similar_dialog import SimilarDialog
from animeid_desktop.gui.widgets.thumbnail_model import ThumbnailModel
from animeid_desktop.gui.widgets.thumbnail_view import ThumbnailView


class GalleryPage(Page):
    """Browse, filter and label the library."""

    def __init__(self, session, window) -> None:
        super().__init__(session, window)
        self.model = ThumbnailModel(window.thumbnails, self)
        self.filters = GalleryFilters()
        self.view = ThumbnailView(self.model)
        self.characters = CharacterPanel(session)
        self.detail = ImageDetail(session)
        self.footer = QLabel()
        self.footer.setObjectName("Muted")
        self.footer.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # clips, never widens

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(style.SPACING - 2)
        centre_layout.addWidget(self.filters)
        centre_layout.addWidget(self.view, 1)
        footer_row = QHBoxLayout()
        footer_row.addWidget(self.filters.chip)
        footer_row.addWidget(self.footer, 1)
        footer_row.addWidget(self.filters.sort)
        size_icon = QLabel()
        size_icon.setPixmap(icon("gallery").pixmap(14, 14))
        footer_row.addWidget(size_icon)
        footer_row.addWidget(self.filters.size)
        centre_layout.addLayout(footer_row)
        self.characters.setMinimumWidth(175)
        self.detail.setMinimumWidth(235)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.characters)
        splitter.addWidget(centre)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 760, 290])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QHBoxLayout(self)
        layout.setContentsMargins(style.SPACING + 2, style.SPACING + 2, style.SPACING, style.SPACING)
        layout.addWidget(splitter)

        self.similar_dialog: Optional[SimilarDialog] = None
        self._selection_timer = QTimer(self, singleShot=True, interval=60)
        self._selection_timer.timeout.connect(self._selection_settled)
        self.filters.changed.connect(self.requery)
        self.filters.cellSizeChanged.connect(self.view.set_cell_size)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_timer.start())
        self.view.selectionModel().currentChanged.connect(lambda *_: self._selection_timer.start())
        self.view.digitPressed.connect(self.label_with_key)
        self.view.clearPressed.connect(self.clear_selected)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.characters.assignRequested.connect(lambda name: self.label_selected(name))
        self.characters.idsDropped.connect(self._label_ids)
        self.characters.showRequested.connect(self.show_character)
        self.detail.confirmRequested.connect(self.confirm_predictions)

        session.libraryChanged.connect(self._library_changed)
        session.imagesChanged.connect(self.mark_dirty)
        session.modelChanged.connect(self.mark_dirty)
        session.charactersChanged.connect(self._characters_changed)
        session.labelsChanged.connect(self._labels_changed)
        session.predictionsChanged.connect(self._predictions_changed)

    # ------------------------------------------------------------------ loading
    def _library_changed(self) -> None:
        self.filters.clear_explicit()
        self.model.set_source(self.session.lib, self.session.active_run_id())
        self._characters_changed()
        self.mark_dirty()

    def _characters_changed(self) -> None:
        chars = self.session.characters()
        colours = {c["name"]: c["colour"] for c in chars}
        self.view.delegate.colours = colours
        self.detail.set_colours(colours)
        self.filters.blockSignals(True)
        self.filters.set_characters([c["name"] for c in chars])
        if self.session.lib is not None:
            self.filters.set_attribute_options(gallery_query.attribute_filter_options(self.session.lib))
        self.filters.blockSignals(False)
        self.mark_dirty()

    def reload(self) -> None:
        lib = self.session.lib
        if lib is None:
            return
        if self.model.lib is not lib:
            self.model.set_source(lib, self.session.active_run_id())
        self.model.set_run(self.session.active_run_id())
        self.requery()

    def requery(self) -> None:
        """Run the filter and show the result, keeping the selection where possible."""
        lib = self.session.lib
        if lib is None:
            return
        run_id = self.session.active_run_id()
        self.model.run_id = run_id
        selected = self.view.selected_ids()
        current = self.view.currentIndex()
        current_id = self.model.id_at(current.row()) if current.isValid() else None
        ids = gallery_query.query_ids(lib, self.filters.current(run_id))
        self.model.set_ids(ids)
        self._restore_selection(selected, current_id)
        self._update_footer()

    def _restore_selection(self, ids: List[int], current_id: Optional[int]) -> None:
        rows = sorted(r for r in (self.model.row_of(i) for i in ids) if r is not None)
        if not rows:
            return
        selection = QItemSelection()
        start = prev = rows[0]
        for r in rows[1:] + [None]:
            if r is None or r != prev + 1:
                selection.select(self.model.index(start), self.model.index(prev))
                if r is not None:
                    start = r
            if r is not None:
                prev = r
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.view.selectionModel().select(selection, flags)
        row = self.model.row_of(current_id) if current_id is not None else None
        if row is not None:
            self.view.selectionModel().setCurrentIndex(self.model.index(row),
                                                       QItemSelectionModel.SelectionFlag.NoUpdate)

    def _update_footer(self) -> None:
        lib = self.session.lib
        total = image_count(lib, only_ok=True) if lib else 0
        shown = self.model.rowCount()
        selected = self.view.selected_count()
        if shown != total:
            text = self.tr("{shown} of %n image(s)", "", total).format(shown=shown)
        else:
            text = self.tr("%n image(s)", "", total)
        if selected:
            text += " · " + self.tr("%n selected", "", selected)
        self.footer.setText(text + "   ·   " + self.tr("drag folders here to import"))

    def _selection_settled(self) -> None:
        ids = self.view.selected_ids()
        current = self.view.currentIndex()
        valid = current.isValid() and current.row() < self.model.rowCount()
        current_id = self.model.id_at(current.row()) if valid else None
        self.detail.show_images(ids, current_id)
        self._update_footer()

    # ------------------------------------------------------------------ labelling
    def label_with_key(self, digit: int) -> None:
        """Toggle the key's character on the selection; moves on only when the image left the view."""
        name = self.characters.name_for_key(digit)
        ids = self.view.selected_ids()
        if name is None or not ids:
            return
        last_row = self.view.selected_rows()[-1]
        with dialogs.reporting(self):
            self.session.toggle_character(ids, name)
        if len(ids) == 1 and self.model.row_of(ids[0]) is None:
            self._select_row(last_row)

    def label_selected(self, name: str) -> None:
        ids = self.view.selected_ids()
        if not ids:
            self.session.message.emit(self.tr("Select images first, then click a character (or press its number)"))
            return
        self._label_ids(name, ids)

    def _label_ids(self, name: str, ids: List[int]) -> None:
        with dialogs.reporting(self):
            self.session.label(ids, name)

    def clear_selected(self) -> None:
        ids = self.view.selected_ids()
        with dialogs.reporting(self):
            self.session.unlabel(ids)

    def confirm_predictions(self, ids: List[int]) -> None:
        run_id = self.session.active_run_id()
        if not run_id:
            return
        assignments = gallery_query.suggested_labels(self.session.require_lib(), ids, run_id)
        labelled = gallery_query.label_counts(self.session.require_lib(), ids)
        if None not in labelled:
            return
        with dialogs.reporting(self):
            description = self.tr("confirm %n prediction(s)", "", len(assignments))
            self.session.label_many(assignments, description=description)

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row)
            self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.view.scrollTo(index)

    def _labels_changed(self, ids: list) -> None:
        if self.filters.depends_on_labels() and self.isVisible():
            self.requery()
        else:
            self.model.refresh_rows(ids or None)
            if self.filters.depends_on_labels():
                self.mark_dirty()
        if self.session.lib is not None:
            self.filters.blockSignals(True)
            self.filters.set_attribute_options(gallery_query.attribute_filter_options(self.session.lib))
            self.filters.blockSignals(False)

    def _predictions_changed(self, ids: list) -> None:
        f = self.filters.current(None)
        if f.status in ("unlabelled", "predicted") or f.sort == "confidence" or not ids:
            self.mark_dirty()
        else:
            self.model.refresh_rows(ids)

    # ------------------------------------------------------------------ navigation from other pages
    def show_ids(self, ids: List[int], title: str) -> None:
        """Show exactly these images (e.g. one confusion-matrix cell)."""
        self.filters.blockSignals(True)
        self.filters.set_status("all")
        self.filters.set_character(None)
        self.filters.blockSignals(False)
        self.filters.show_explicit(ids, title)

    def show_character(self, name: str) -> None:
        self.filters.blockSignals(True)
        self.filters.set_status("all")
        self.filters.blockSignals(False)
        self.filters.set_character(name)

    def _context_menu(self, pos) -> None:
        menu = self.context_menu()
        if menu is not None:
            menu.exec(self.view.viewport().mapToGlobal(pos))

    def context_menu(self) -> Optional[QMenu]:
        """The selection's context menu (None without a selection)."""
        ids = self.view.selected_ids()
        if not ids:
            return None
        menu = QMenu(self)
        label_menu = menu.addMenu(icon("tag"), self.tr("Label %n image(s) as", "", len(ids)))
        for name in self.characters.names():
            label_menu.addAction(name, lambda name=name: self.label_selected(name))
        label_menu.addSeparator()
        label_menu.addAction(icon("plus"), self.tr("New character…"), self._label_as_new)
        menu.addAction(icon("untag"), self.tr("Remove label"), self.clear_selected).setShortcut("0")
        if self.session.active_run_id():
            menu.addAction(icon("check"), self.tr("Confirm prediction"), lambda: self.confirm_predictions(ids))
        menu.addSeparator()
        current = self.view.currentIndex()
        row = self.model.row_data(current.row()) if current.isValid() else None
        if row is not None:
            folder = QUrl.fromLocalFile(os.path.dirname(row["path"]))
            menu.addAction(icon("folder-open"), self.tr("Open containing folder"),
                           lambda: QDesktopServices.openUrl(folder))
            menu.addAction(icon("search"), self.tr("Find similar"), lambda: self.find_similar(row["id"]))
        return menu

    def find_similar(self, image_id: int) -> Optional[Job]:
        """The library images most like ``image_id``, found in a background job and listed in a dialog."""
        lib = self.session.lib
        if lib is None:
            return None
        job = self.session.runner.job(
            "similar", lambda c: find_similar(lib, str(image_id), on_progress=c.progress, should_stop=c.should_stop),
            lib=lib, title=self.tr("Finding similar images"))
        job.succeeded.connect(self._show_similar)
        job.failed.connect(lambda message: dialogs.show_error(self, message))
        job.start()
        return job

    def _show_similar(self, result: SimilarResult) -> None:
        self.similar_dialog = SimilarDialog(result, self)
        self.similar_dialog.showRequested.connect(self.show_ids)
        self.similar_dialog.show()

    def _label_as_new(self) -> None:
        name = self.characters.add_character()
        if name:
            self.label_selected(name)


# title and tooltip are translated where the navigation shows them (context "PageSpec")
PAGE = PageSpec("gallery", QT_TRANSLATE_NOOP("PageSpec", "Gallery"), "gallery", GalleryPage,
                QT_TRANSLATE_NOOP("PageSpec", "Browse, filter and label your images"))
