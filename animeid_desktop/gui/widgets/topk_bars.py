"""Top-k prediction bars: one row per candidate character with its score, plus the unknown state."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from animeid_desktop.gui import style

ROW_H = 24
BANNER_H = 26


class TopKBars(QWidget):
    """Paints ``[(character, score)]`` as horizontal bars; an amber banner when unknown."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.top: List[Tuple[str, float]] = []
        self.unknown = False
        self.threshold: Optional[float] = None
        self.colours: Dict[str, str] = {}
        self.empty_text = self.tr("No prediction yet")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_prediction(self, top: List[Tuple[str, float]], unknown: bool = False,
                       threshold: Optional[float] = None) -> None:
        self.top = [(str(c), float(s)) for c, s in top]
        self.unknown, self.threshold = bool(unknown), threshold
        self.updateGeometry()
        self.update()

    def clear(self, text: Optional[str] = None) -> None:
        self.empty_text = self.tr("No prediction yet") if text is None else text
        self.set_prediction([], False)

    def sizeHint(self) -> QSize:
        rows = max(1, len(self.top))
        return QSize(220, rows * ROW_H + (BANNER_H if self.unknown else 0) + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width()
        y = 0
        if not self.top:
            painter.setPen(QColor(style.MUTED))
            painter.drawText(QRect(0, 0, width, ROW_H), Qt.AlignmentFlag.AlignVCenter, self.empty_text)
            return
        if self.unknown:
            banner = QRect(0, 0, width, BANNER_H - 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#fdf1dc"))
            painter.drawRoundedRect(banner, 5, 5)
            painter.setPen(QColor("#8a5a00"))
            text = self.tr("Unknown: not one of yours, or not sure enough")
            if self.threshold is not None:
                text = self.tr("Unknown: below the {threshold} needed").format(threshold=f"{self.threshold:.0%}")
            painter.drawText(banner.adjusted(8, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter,
                             painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width - 12))
            y = BANNER_H
        name_w = min(160, int(width * 0.46))
        pct_w = 44
        bold = QFont(self.font())
        for n, (name, score) in enumerate(self.top):
            bold.setBold(n == 0 and not self.unknown)
            painter.setFont(bold)
            painter.setPen(QColor(style.TEXT))
            painter.drawText(QRect(0, y, name_w - 6, ROW_H), Qt.AlignmentFlag.AlignVCenter,
                             painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, name_w - 6))
            track = QRect(name_w, y + 7, max(10, width - name_w - pct_w), ROW_H - 14)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#eceff4"))
            painter.drawRoundedRect(track, 4, 4)
            fill = QRect(track.left(), track.top(), int(track.width() * max(0.0, min(1.0, score))), track.height())
            colour = QColor(self.colours.get(name, style.ACCENT))
            if self.unknown or n > 0:
                colour.setAlpha(120)
            painter.setBrush(colour)
            if fill.width() > 0:
                painter.drawRoundedRect(fill, 4, 4)
            painter.setPen(QColor(style.MUTED))
            painter.drawText(QRect(width - pct_w, y, pct_w, ROW_H),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, f"{score:.0%}")
            y += ROW_H
