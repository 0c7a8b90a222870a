"""List model over an ordered list of image ids; display rows are fetched lazily in pages.

Only the id list is held for the whole result (20,000 ints is nothing); rows (path, label,
prediction) are read from the library one page at a time when the view paints them, and thumbnails
come from the shared :class:`ThumbnailLoader`. Never one widget per image.
"""

from __future__ import annotations

import json
import os
from typing import Dict, Iterable, List, Optional, Sequence, Set

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal

from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.gallery_query import fetch_rows
from animeid_desktop.gui.widgets.thumbnail_loader import ThumbnailLoader

IDS_MIME = "application/x-animeid-image-ids"
PAGE = 128

IdRole = Qt.ItemDataRole.UserRole + 1
_ITEM_FLAGS = (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDragEnabled
               | Qt.ItemFlag.ItemNeverHasChildren)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


def ids_from_mime(mime: QMimeData) -> List[int]:
    """Image ids carried by a drag from a thumbnail view (empty for other drags)."""
    if not mime.hasFormat(IDS_MIME):
        return []
    try:
        return [int(i) for i in json.loads(bytes(mime.data(IDS_MIME)).decode("utf-8"))]
    except (ValueError, TypeError):
        return []


class ThumbnailModel(QAbstractListModel):
    """Images of one gallery query, in order.

    Changed rows are announced with ``repaintRows`` instead of ``dataChanged``: in ListMode a
    QListView answers every ``dataChanged`` with a full relayout (two ``rowCount`` calls per item,
    ~60 ms for 20,000 rows), which made scrolling stutter while thumbnails arrived.
    """

    repaintRows = Signal(int, int)  # first, last row whose display changed (sizes never change)

    def __init__(self, loader: ThumbnailLoader, parent=None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.lib: Optional[Library] = None
        self.run_id: Optional[str] = None
        self._ids: List[int] = []
        self._row_of: Dict[int, int] = {}
        self._pages: Dict[int, Dict[int, dict]] = {}
        self._rows_of_sha: Dict[str, Set[int]] = {}
        loader.ready.connect(self._thumbnail_ready)
        loader.failed.connect(lambda sha, _reason: self._thumbnail_ready(sha))

    # ------------------------------------------------------------------ content
    def set_source(self, lib: Optional[Library], run_id: Optional[str]) -> None:
        """Library and training run that rows are read from (clears the rows)."""
        self.lib, self.run_id = lib, run_id
        self.set_ids([])

    def set_run(self, run_id: Optional[str]) -> None:
        if run_id != self.run_id:
            self.run_id = run_id
            self.refresh_rows()

    def set_ids(self, ids: Sequence[int]) -> None:
        """Show these images. Appending (import) and removing a few runs of rows (labelled images
        leaving an "unlabelled" view) keep the view's scroll position; anything else resets it."""
        ids = list(ids)
        old = self._ids
        if old and len(ids) < len(old) and self._remove_missing(ids):
            return
        if old and len(ids) > len(old) and ids[: len(old)] == old:
            self.beginInsertRows(QModelIndex(), len(old), len(ids) - 1)
            self._ids = ids
            for n in range(len(old), len(ids)):
                self._row_of[ids[n]] = n
            self._pages.pop(len(old) // PAGE, None)
            self.endInsertRows()
            return
        if ids == old:
            self.refresh_rows()
            return
        self.beginResetModel()
        self._ids = ids
        self._row_of = {image_id: n for n, image_id in enumerate(ids)}
        self._pages.clear()
        self._rows_of_sha.clear()
        self.endResetModel()

    def _remove_missing(self, ids: List[int], max_runs: int = 64) -> bool:
        """If ``ids`` is ``self._ids`` minus a few runs of rows, remove those rows; else False."""
        keep = set(ids)
        runs: List[List[int]] = []
        for row, image_id in enumerate(self._ids):
            if image_id not in keep:
                if runs and runs[-1][1] == row - 1:
                    runs[-1][1] = row
                else:
                    runs.append([row, row])
                    if len(runs) > max_runs:
                        return False
        if [i for i in self._ids if i in keep] != ids:
            return False  # reordered or new ids: not a pure removal
        for first, last in reversed(runs):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._ids[first : last + 1]
            self.endRemoveRows()
        self._row_of = {image_id: n for n, image_id in enumerate(self._ids)}
        self._pages.clear()
        self._rows_of_sha.clear()
        return True

    def ids(self) -> List[int]:
        return list(self._ids)

    def ids_view(self) -> List[int]:
        """The id list itself (do not modify)."""
        return self._ids

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, image_id: int) -> Optional[int]:
        return self._row_of.get(image_id)

    def refresh_rows(self, image_ids: Optional[Iterable[int]] = None) -> None:
        """Re-read rows (all, or those of ``image_ids``) after labels or predictions changed."""
        if not self._ids:
            return
        if image_ids is None:
            self._pages.clear()
            self._rows_of_sha.clear()
            self.repaintRows.emit(0, len(self._ids) - 1)
            return
        rows = sorted(r for r in (self._row_of.get(i) for i in image_ids) if r is not None)
        for page in {r // PAGE for r in rows}:
            self._pages.pop(page, None)
        if rows:
            self.repaintRows.emit(rows[0], rows[-1])

    def row_data(self, row: int) -> Optional[dict]:
        """The display row (path, sha256, character, colour, prediction ...) of ``row``."""
        if not 0 <= row < len(self._ids) or self.lib is None:
            return None
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            start = page * PAGE
            ids = self._ids[start : start + PAGE]
            rows = fetch_rows(self.lib, ids, self.run_id)
            self._pages[page] = rows
            for n, image_id in enumerate(ids, start):
                r = rows.get(image_id)
                if r is not None:
                    self._rows_of_sha.setdefault(r["sha256"], set()).add(n)
        return rows.get(self._ids[row])

    def _thumbnail_ready(self, sha: str) -> None:
        for row in self._rows_of_sha.get(sha, ()):
            if row < len(self._ids):
                self.repaintRows.emit(row, row)

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.row()
        if role == IdRole:
            return self._ids[row]
        r = self.row_data(row)
        if r is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return os.path.basename(r["path"])
        if role == Qt.ItemDataRole.ToolTipRole:
            label = r["character"] or self.tr("unlabelled")
            return f"{r['path']}\n{r['width']}×{r['height']} · {label}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self.loader.pixmap(r["sha256"], r["path"])
        return None

    def flags(self, index):
        # a constant: Qt asks for every selected index (20,000 calls for a "select all")
        return _ITEM_FLAGS if index.isValid() else _NO_FLAGS

    def mimeTypes(self) -> List[str]:
        return [IDS_MIME]

    def mimeData(self, indexes) -> QMimeData:
        return self.mime_for_ids([self._ids[i.row()] for i in indexes if i.isValid()])

    @staticmethod
    def mime_for_ids(ids: Iterable[int]) -> QMimeData:
        """A drag payload carrying image ids (dropped on a character to label them)."""
        mime = QMimeData()
        mime.setData(IDS_MIME, QByteArray(json.dumps(sorted(set(ids))).encode("utf-8")))
        return mime

    def supportedDragActions(self):
        return Qt.DropAction.CopyAction
