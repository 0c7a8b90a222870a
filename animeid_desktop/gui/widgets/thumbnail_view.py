"""The thumbnail grid: a uniform-item QListView plus a delegate that paints each card.

Uses ``ListMode`` with left-to-right wrapping flow rather than ``IconMode``: with uniform item
sizes Qt lays it out arithmetically (no per-item geometry), which keeps 20,000+ items smooth, and
items cannot be dragged around inside the grid by accident. Digit keys are reported as signals so
the page can label the selection (1-9) or clear it (0 / Backspace / Delete).
"""

from __future__ import annotations

from typing import Dict, List

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QFont, QFontMetrics, QPainter, QPen, QPixmap, QRegion
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate

from animeid_desktop.gui import style
from animeid_desktop.gui.widgets.thumbnail_model import ThumbnailModel

CAPTION_H = 22
PADDING = 5


class ThumbnailDelegate(QStyledItemDelegate):
    """Paints a card: thumbnail, then a caption with the label or the prediction."""

    def __init__(self, parent=None, cell: int = 150, show_prediction_first: bool = False) -> None:
        super().__init__(parent)
        self.cell = cell
        self.show_prediction_first = show_prediction_first
        self.colours: Dict[str, str] = {}  # character name -> colour, for predicted captions

    def sizeHint(self, option, index) -> QSize:
        return QSize(self.cell, self.cell + CAPTION_H)

    def paint(self, painter: QPainter, option, index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(3, 3, -3, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(QColor(style.ACCENT if selected else style.BORDER), 2 if selected else 1))
        painter.setBrush(QColor(style.ACCENT_SOFT if selected else style.PANEL))
        painter.drawRoundedRect(rect, 6, 6)
        image_rect = QRect(rect.left() + PADDING, rect.top() + PADDING,
                           rect.width() - 2 * PADDING, rect.height() - 2 * PADDING - CAPTION_H + 2)
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        # read the row straight from the model: a dict through QVariant loses references of None/bool
        row = index.model().row_data(index.row()) or {}
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            scaled = pixmap.size().scaled(image_rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(QPoint(0, 0), scaled)
            target.moveCenter(image_rect.center())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(target, pixmap)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#eef0f4"))
            painter.drawRoundedRect(image_rect, 4, 4)
        self._caption(painter, QRect(rect.left() + PADDING, image_rect.bottom() + 2,
                                     rect.width() - 2 * PADDING, CAPTION_H - 2), row, option.font)
        painter.restore()

    def _caption(self, painter: QPainter, rect: QRect, row: dict, font: QFont) -> None:
        char, pred, unknown = row.get("character"), row.get("pred"), bool(row.get("pred_unknown"))
        predicted = bool(pred) and not unknown and (self.show_prediction_first or not char)
        score = ""
        if predicted:
            colour, text, muted = self.colours.get(pred, style.MUTED), pred, True
            score = f"{row.get('pred_score') or 0:.0%}"
        elif char:
            colour, text, muted = row.get("colour") or style.MUTED, char, False
        elif pred and unknown:
            colour, text, muted = style.WARN, self.tr("unknown"), True
        else:
            colour, text, muted = None, self.tr("unlabelled"), True
        x = rect.left()
        # a group shot ("A+B"): one overlapping dot per character, up to three
        dots = [self.colours.get(n, colour) for n in row.get("characters", ())[:3]] if char and not predicted else []
        for n, dot_colour in enumerate(dots[1:], 1):
            painter.setPen(QPen(QColor(style.PANEL), 1.5))
            painter.setBrush(QColor(dot_colour or style.MUTED))
            painter.drawEllipse(QRect(x + 6 * n, rect.center().y() - 4, 9, 9))
        if colour:
            dot = QRect(x, rect.center().y() - 4, 9, 9)
            painter.setPen(Qt.PenStyle.NoPen if not predicted else QPen(QColor(colour), 1.2, Qt.PenStyle.DotLine))
            painter.setBrush(QColor(colour) if not predicted else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(dot)
            x += 14 + 6 * max(0, len(dots) - 1)
        f = QFont(font)
        f.setItalic(bool(predicted))
        painter.setFont(f)
        painter.setPen(QColor(style.MUTED if muted else style.TEXT))
        metrics = QFontMetrics(f)
        right = rect.right()
        if score:  # the confidence stays readable; the name gives way
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, score)
            right -= metrics.horizontalAdvance(score) + 6
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, right - x)
        painter.drawText(QRect(x, rect.top(), right - x, rect.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)


class ThumbnailView(QListView):
    """Grid of thumbnails with multi-selection, drag-out of image ids and digit-key labelling."""

    digitPressed = Signal(int)  # 1..9
    clearPressed = Signal()
    enterPressed = Signal()

    def __init__(self, model: ThumbnailModel, parent=None, cell: int = 150) -> None:
        super().__init__(parent)
        self.delegate = ThumbnailDelegate(self, cell)
        self.target_cell = cell
        self.setItemDelegate(self.delegate)
        self.setModel(model)
        model.repaintRows.connect(self._repaint_rows)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        # lay out in batches between events: a 20,000-item relayout never blocks the event loop
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(1500)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDragEnabled(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setSpacing(2)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setMouseTracking(False)

    def visualRegionForSelection(self, selection) -> QRegion:
        """Repaint the viewport instead of computing a rectangle per selected item (20,000 of them
        after Select All, each costing Python calls into the model)."""
        return QRegion(self.viewport().rect())

    def _repaint_rows(self, first: int, last: int) -> None:
        """Repaint the visible part of rows ``first..last`` (no relayout: item sizes never change)."""
        viewport = self.viewport().rect()
        top = self.indexAt(viewport.topLeft())
        bottom = self.indexAt(viewport.bottomRight())
        lo = max(first, top.row() if top.isValid() else 0)
        hi = min(last, bottom.row() if bottom.isValid() else self.model().rowCount() - 1)
        if last - first > 64 or hi - lo > 64:
            self.viewport().update()
            return
        for row in range(lo, hi + 1):
            self.update(self.model().index(row))

    def set_cell_size(self, cell: int) -> None:
        """Preferred card width; the actual width stretches so the columns fill the row."""
        self.target_cell = cell
        self._fit()

    def _fit(self) -> None:
        # QListView puts ``spacing`` on both sides of every item: step = cell + 2 * spacing
        spacing = self.spacing()
        width = self.viewport().width() - spacing - 1
        columns = max(1, width // (self.target_cell + 2 * spacing))
        cell = max(64, width // columns - 2 * spacing)
        if cell != self.delegate.cell:
            self.delegate.cell = cell
            self.doItemsLayout()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def selected_rows(self) -> List[int]:
        """Selected rows in order, from the selection's ranges (no per-index objects: fast for 20,000)."""
        rows = set()
        for rng in self.selectionModel().selection():
            rows.update(range(rng.top(), rng.bottom() + 1))
        return sorted(rows)

    def selected_count(self) -> int:
        return len(self.selected_rows())

    def selected_ids(self) -> List[int]:
        """Ids of the selected images in display order."""
        ids = self.model().ids_view()
        return [ids[r] for r in self.selected_rows() if r < len(ids)]

    def keyPressEvent(self, event) -> None:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and plain:
            self.digitPressed.emit(int(key - Qt.Key.Key_0))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enterPressed.emit()
            return
        if key in (Qt.Key.Key_0, Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and plain:
            self.clearPressed.emit()
            return
        super().keyPressEvent(event)

    def startDrag(self, supported_actions) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        drag = QDrag(self)
        drag.setMimeData(self.model().mime_for_ids(ids))
        drag.setPixmap(self._drag_badge(len(ids)))
        drag.exec(Qt.DropAction.CopyAction)

    def _drag_badge(self, count: int) -> QPixmap:
        """A small badge "N images" instead of rendering every selected card (fast for 10,000)."""
        text = self.tr("%n image(s)", "", count)
        metrics = QFontMetrics(self.font())
        pixmap = QPixmap(metrics.horizontalAdvance(text) + 24, metrics.height() + 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(style.ACCENT))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(pixmap.rect(), 8, 8)
        painter.setPen(QColor("white"))
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        return pixmap
