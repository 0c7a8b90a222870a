"""The detail panel's picture with boxes: each label's region (named) and the detector's faces (dashed).

Painted, not one widget per box. Boxes are normalised (x0, y0, x1, y1) in 0..1 of the picture. A left
drag on the picture reports ``boxDrawn``; a click or right-click on a box reports ``boxMenuRequested``
with what was hit, so the detail panel offers the choices (assign a face, delete a box).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from animeid_desktop.core.media.face_detection import box_iou
from animeid_desktop.gui import style

Box = Tuple[float, float, float, float]
MIN_DRAG = 8  # pixels: a shorter drag is a click


@dataclass(frozen=True)
class LabelBox:
    """One label's region, drawn solid with the character's name."""

    character: str
    colour: str
    box: Box


def _clamp(v: float) -> float:
    return min(1.0, max(0.0, v))


class FacePreview(QWidget):
    """A picture scaled to fit, with label boxes and detected faces drawn over it."""

    boxDrawn = Signal(tuple)  # a normalised box dragged by the user
    boxMenuRequested = Signal(object, QPoint)  # LabelBox or a detected face's Box, global position

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._pixmap: Optional[QPixmap] = None
        self._text = ""
        self.labels: List[LabelBox] = []
        self.faces: List[Box] = []
        self._drag_from: Optional[QPointF] = None
        self._drag_to: Optional[QPointF] = None

    def sizeHint(self) -> QSize:
        return QSize(280, 300)

    # ------------------------------------------------------------------ content
    def set_text(self, text: str) -> None:
        """Show a message instead of a picture."""
        self._pixmap, self._text = None, text
        self.update()

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self._pixmap, self._text = pixmap, ""
        self.update()

    def has_picture(self) -> bool:
        return self._pixmap is not None and not self._pixmap.isNull()

    def set_boxes(self, labels: Sequence[LabelBox], faces: Sequence[Box]) -> None:
        """Label regions, and detected faces (those a label box already covers are not drawn twice)."""
        self.labels = list(labels)
        self.faces = [f for f in faces if not any(box_iou(f, lb.box) > 0.5 for lb in self.labels)]
        self.update()

    # ------------------------------------------------------------------ geometry
    def picture_rect(self) -> QRectF:
        """Where the picture is drawn (empty without one)."""
        if not self.has_picture():
            return QRectF()
        area = QRectF(self.rect().adjusted(4, 4, -4, -4))
        size = self._pixmap.size().toSizeF().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        rect = QRectF(QPointF(0, 0), size)
        rect.moveCenter(area.center())
        return rect

    def to_widget(self, box: Box) -> QRectF:
        r = self.picture_rect()
        return QRectF(QPointF(r.left() + box[0] * r.width(), r.top() + box[1] * r.height()),
                      QPointF(r.left() + box[2] * r.width(), r.top() + box[3] * r.height()))

    def to_box(self, a: QPointF, b: QPointF) -> Box:
        """The normalised box spanned by two widget points, clamped to the picture."""
        r = self.picture_rect()
        xs = sorted(_clamp((p.x() - r.left()) / r.width()) for p in (a, b))
        ys = sorted(_clamp((p.y() - r.top()) / r.height()) for p in (a, b))
        return (xs[0], ys[0], xs[1], ys[1])

    def hit(self, pos: QPointF):
        """The label box (smallest first) or detected face under ``pos``, or None."""
        for lb in sorted(self.labels, key=lambda lb: (lb.box[2] - lb.box[0]) * (lb.box[3] - lb.box[1])):
            if self.to_widget(lb.box).contains(pos):
                return lb
        return next((f for f in self.faces if self.to_widget(f).contains(pos)), None)

    # ------------------------------------------------------------------ mouse
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.picture_rect().contains(event.position()):
            self._drag_from = self._drag_to = event.position()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._drag_from is not None:
            self._drag_to = event.position()
            self.update()

    def mouseReleaseEvent(self, event) -> None:
        start, self._drag_from = self._drag_from, None
        if start is None or event.button() != Qt.MouseButton.LeftButton:
            return
        end = event.position()
        self.update()
        if abs(end.x() - start.x()) >= MIN_DRAG and abs(end.y() - start.y()) >= MIN_DRAG:
            self.boxDrawn.emit(self.to_box(start, end))
            return
        hit = self.hit(end)
        if hit is not None:
            self.boxMenuRequested.emit(hit, event.globalPosition().toPoint())

    def contextMenuEvent(self, event) -> None:
        hit = self.hit(QPointF(event.pos()))
        if hit is not None:
            self.boxMenuRequested.emit(hit, event.globalPos())

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(style.BORDER), 1))
        painter.setBrush(QColor(style.PANEL))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        if not self.has_picture():
            painter.setPen(QColor(style.MUTED))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._text)
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawPixmap(self.picture_rect(), self._pixmap, QRectF(self._pixmap.rect()))
        for face in self.faces:
            painter.setPen(QPen(QColor("white"), 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.to_widget(face))
            painter.setPen(QPen(QColor(style.WARN), 1.5, Qt.PenStyle.DashLine))
            painter.drawRect(self.to_widget(face))
        for lb in self.labels:
            self._paint_label(painter, lb)
        if self._drag_from is not None and self._drag_to is not None:
            painter.setPen(QPen(QColor(style.ACCENT), 1.5, Qt.PenStyle.DashLine))
            fill = QColor(style.ACCENT)
            fill.setAlpha(40)
            painter.setBrush(fill)
            painter.drawRect(QRectF(self._drag_from, self._drag_to).normalized())

    def _paint_label(self, painter: QPainter, lb: LabelBox) -> None:
        rect = self.to_widget(lb.box)
        colour = QColor(lb.colour or style.ACCENT)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor("white"), 3.5))
        painter.drawRect(rect)
        painter.setPen(QPen(colour, 2))
        painter.drawRect(rect)
        metrics = QFontMetrics(painter.font())
        tag = QRect(0, 0, metrics.horizontalAdvance(lb.character) + 8, metrics.height() + 2)
        tag.moveBottomLeft(rect.topLeft().toPoint())
        if tag.top() < self.picture_rect().top():
            tag.moveTopLeft(rect.topLeft().toPoint())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRect(tag)
        painter.setPen(QColor("white"))
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, lb.character)

