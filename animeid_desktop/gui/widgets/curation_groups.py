"""A list of image groups beside a thumbnail grid of the current group (clusters, duplicates)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QLayout, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget

from animeid_desktop.core.library.folder import Library
from animeid_desktop.gui import style
from animeid_desktop.gui.widgets.thumbnail_loader import ThumbnailLoader
from animeid_desktop.gui.widgets.thumbnail_model import ThumbnailModel
from animeid_desktop.gui.widgets.thumbnail_view import ThumbnailView


@dataclass
class Group:
    """One row of the list: a title, a tooltip and the images."""

    title: str
    image_ids: List[int]
    tooltip: str = ""
    key: object = None
    colour: Optional[str] = None
    extra: dict = field(default_factory=dict)


class GroupBrowser(QSplitter):
    """Groups on the left (largest first); the chosen group's thumbnails on the right.

    With ``select_all`` every image of a newly shown group starts selected, so Ctrl+click
    deselects stragglers; otherwise the first (best) image is selected.
    """

    groupChanged = Signal(int)  # row, -1 when none

    def __init__(self, loader: ThumbnailLoader, select_all: bool = True, cell: int = 132, parent=None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.select_all = select_all
        self.groups: List[Group] = []
        self.list = QListWidget()
        self.list.setMinimumWidth(300)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.model = ThumbnailModel(loader, self)
        self.view = ThumbnailView(self.model, cell=cell)
        self.view.setDragEnabled(False)
        self.addWidget(self.list)
        self.addWidget(self.view)
        self.setStretchFactor(1, 1)
        self.setSizes([320, 900])
        self.list.currentRowChanged.connect(self._show)

    def set_source(self, lib: Optional[Library], run_id: Optional[str]) -> None:
        self.model.set_source(lib, run_id)

    def set_groups(self, groups: List[Group], keep_position: bool = True) -> None:
        """Show these groups; stays on the same row number when possible."""
        row = self.list.currentRow() if keep_position else 0
        self.groups = list(groups)
        self.list.blockSignals(True)
        self.list.clear()
        for g in self.groups:
            item = QListWidgetItem(g.title)
            item.setToolTip(g.tooltip or g.title)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.groups:
            self.list.setCurrentRow(min(max(row, 0), len(self.groups) - 1))
            self._show(self.list.currentRow())
        else:
            self._show(-1)

    def _show(self, row: int) -> None:
        group = self.current_group()
        self.model.set_ids(group.image_ids if group else [])
        if group is not None and self.model.rowCount():
            last = self.model.rowCount() - 1 if self.select_all else 0
            selection_model = self.view.selectionModel()
            selection_model.setCurrentIndex(self.model.index(0), QItemSelectionModel.SelectionFlag.NoUpdate)
            selection = QItemSelection(self.model.index(0), self.model.index(last))
            selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.groupChanged.emit(row if group else -1)

    def current_group(self) -> Optional[Group]:
        row = self.list.currentRow()
        return self.groups[row] if 0 <= row < len(self.groups) else None

    def selected_ids(self) -> List[int]:
        return self.view.selected_ids()

    def remove_current(self) -> None:
        """Drop the current group (after it was handled) and show the next one."""
        row = self.list.currentRow()
        if 0 <= row < len(self.groups):
            self.groups.pop(row)
            self.set_groups(self.groups, keep_position=True)


def lay_out_group_page(page: QWidget, header: QWidget, browser: GroupBrowser, actions: QLayout) -> None:
    """The clusters and duplicates pages' shape: header, the group browser (stretching), the action row;
    the actions follow the browser's group and image selection."""
    browser.groupChanged.connect(lambda _row: page._update_actions())
    browser.view.selectionModel().selectionChanged.connect(lambda *_: page._update_actions())
    layout = QVBoxLayout(page)
    layout.setContentsMargins(style.SPACING + 2, style.SPACING + 2, style.SPACING, style.SPACING)
    layout.setSpacing(style.SPACING)
    layout.addWidget(header)
    layout.addWidget(browser, 1)
    layout.addLayout(actions)
