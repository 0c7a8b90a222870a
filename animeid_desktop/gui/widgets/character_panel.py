"""The character list of the tagging side bar: colours, counts, key hints, click/drop to label.

Clicking a character labels the gallery's current selection with it; dropping thumbnails on a
character labels those; keys 1-9 (handled by the gallery) follow this list's order. The context
menu and the buttons under the list create, rename, merge and delete characters and open the
attribute definitions.
"""

from __future__ import annotations

from typing import List, Optional

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from animeid_desktop.gui import dialogs, style
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.session import Session
from animeid_desktop.gui.widgets.attribute_defs_dialog import AttributeDefsDialog
from animeid_desktop.gui.widgets.thumbnail_model import ids_from_mime

NameRole = Qt.ItemDataRole.UserRole + 1
CountRole = Qt.ItemDataRole.UserRole + 2
ColourRole = Qt.ItemDataRole.UserRole + 3
KeyRole = Qt.ItemDataRole.UserRole + 4


class _CharacterDelegate(QStyledItemDelegate):
    def sizeHint(self, option, index) -> QSize:
        return QSize(160, 30)

    def paint(self, painter: QPainter, option, index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(2, 1, -2, -1)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(style.ACCENT_SOFT))
            painter.drawRoundedRect(rect, 5, 5)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#f2f4f8"))
            painter.drawRoundedRect(rect, 5, 5)
        key = index.data(KeyRole)
        painter.setPen(QColor(style.MUTED))
        small = QFont(option.font)
        small.setPointSizeF(max(7.5, option.font.pointSizeF() - 1.5))
        painter.setFont(small)
        painter.drawText(QRect(rect.left() + 4, rect.top(), 14, rect.height()),
                         Qt.AlignmentFlag.AlignCenter, str(key) if key else "")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(index.data(ColourRole) or style.MUTED))
        painter.drawEllipse(QRect(rect.left() + 22, rect.center().y() - 5, 11, 11))
        count = str(index.data(CountRole))
        count_w = painter.fontMetrics().horizontalAdvance(count) + 14
        badge = QRect(rect.right() - count_w - 4, rect.center().y() - 9, count_w, 18)
        painter.setBrush(QColor("#eceff4"))
        painter.drawRoundedRect(badge, 9, 9)
        painter.setPen(QColor(style.MUTED))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, count)
        painter.setFont(option.font)
        painter.setPen(QColor(style.TEXT))
        name_rect = QRect(rect.left() + 40, rect.top(), badge.left() - rect.left() - 46, rect.height())
        name = painter.fontMetrics().elidedText(index.data(NameRole), Qt.TextElideMode.ElideRight, name_rect.width())
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name)
        painter.restore()


class _CharacterList(QListWidget):
    idsDropped = Signal(str, list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setMouseTracking(True)

    def dragEnterEvent(self, event) -> None:
        if ids_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        if item is not None and ids_from_mime(event.mimeData()):
            self.setCurrentItem(item)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        ids = ids_from_mime(event.mimeData())
        if item is None or not ids:
            event.ignore()
            return
        event.acceptProposedAction()
        self.idsDropped.emit(item.data(NameRole), ids)


class CharacterPanel(QWidget):
    """Characters with counts; emits what the user wants labelled or shown."""

    assignRequested = Signal(str)  # label the current selection
    idsDropped = Signal(str, list)  # label these ids
    showRequested = Signal(str)  # filter the gallery to this character

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING - 2)
        header = QHBoxLayout()
        title = QLabel(self.tr("Characters"))
        title.setObjectName("Section")
        header.addWidget(title)
        header.addStretch(1)
        self.add_button = self._tool("plus", self.tr("New character…"), self.add_character)
        header.addWidget(self.add_button)
        layout.addLayout(header)
        self.list = _CharacterList(self)
        self.list.setItemDelegate(_CharacterDelegate(self.list))
        self.list.itemClicked.connect(lambda item: self.assignRequested.emit(item.data(NameRole)))
        self.list.idsDropped.connect(self.idsDropped)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.setToolTip(
            self.tr("Click: label the selection as only this one · drop thumbnails · keys 1–9 add/remove it"))
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for name, tip, slot in (
            ("edit", self.tr("Rename…"), self.rename_current),
            ("merge", self.tr("Merge into…"), self.merge_current),
            ("attributes", self.tr("Attributes…"), self.edit_attributes),
            ("trash", self.tr("Delete…"), self.delete_current),
        ):
            buttons.addWidget(self._tool(name, tip, slot))
        buttons.addStretch(1)
        layout.addLayout(buttons)
        hint = QLabel(self.tr("Click or drop to label the selection · keys 1–9 add/remove · 0 clears"))
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        session.charactersChanged.connect(self.refresh)
        session.labelsChanged.connect(lambda _ids: self.refresh())
        session.libraryChanged.connect(self.refresh)

    def _tool(self, icon_name: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon(icon_name))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------------ content
    def refresh(self) -> None:
        current = self.current_name()
        self.list.clear()
        for n, char in enumerate(self.session.characters()):
            item = QListWidgetItem(char["name"])
            item.setData(NameRole, char["name"])
            item.setData(CountRole, char["images"])
            item.setData(ColourRole, char["colour"])
            item.setData(KeyRole, n + 1 if n < 9 else None)
            self.list.addItem(item)
            if char["name"] == current:
                self.list.setCurrentItem(item)

    def names(self) -> List[str]:
        """Character names in list order (digit keys follow this order)."""
        return [self.list.item(n).data(NameRole) for n in range(self.list.count())]

    def name_for_key(self, digit: int) -> Optional[str]:
        names = self.names()
        return names[digit - 1] if 1 <= digit <= min(9, len(names)) else None

    def current_name(self) -> Optional[str]:
        item = self.list.currentItem()
        return item.data(NameRole) if item is not None else None

    # ------------------------------------------------------------------ management
    def add_character(self) -> Optional[str]:
        name = dialogs.ask_text(self, self.tr("New character"), self.tr("Name of the character:"))
        if name:
            with dialogs.reporting(self):
                self.session.add_character(name)
                return name
        return None

    def rename_current(self) -> None:
        old = self.current_name()
        if old is None:
            return
        new = dialogs.ask_text(self, self.tr("Rename character"), self.tr("New name for {name}:").format(name=old), old)
        if new and new != old:
            with dialogs.reporting(self):
                self.session.rename_character(old, new)

    def merge_current(self) -> None:
        source = self.current_name()
        others = [n for n in self.names() if n != source]
        if source is None or not others:
            return
        target = dialogs.ask_choice(self, self.tr("Merge characters"),
                                    self.tr("Move every image of {name} to:").format(name=source), others)
        if target and dialogs.confirm(
            self, self.tr("Merge {source} into {target}? {source} is removed. This cannot be undone.").format(
                source=source, target=target), ok=self.tr("Merge")
        ):
            with dialogs.reporting(self):
                self.session.merge_characters(source, target)

    def delete_current(self) -> None:
        name = self.current_name()
        if name is None:
            return
        if dialogs.confirm(
            self, self.tr("Delete {name}? Its images stay in the library, unlabelled. This cannot be undone.").format(
                name=name), ok=self.tr("Delete")
        ):
            with dialogs.reporting(self):
                self.session.delete_character(name)

    def edit_attributes(self) -> None:
        name = self.current_name()
        if name is not None:
            AttributeDefsDialog(self.session, name, self).exec()

    def _context_menu(self, pos) -> None:
        item = self.list.itemAt(pos)
        if item is not None:
            self.list.setCurrentItem(item)
        self.context_menu(item).exec(self.list.viewport().mapToGlobal(pos))

    def context_menu(self, item: Optional[QListWidgetItem]) -> QMenu:
        """The menu of a character of the list (``item``), or of the empty space under it (None)."""
        menu = QMenu(self)
        if item is not None:
            name = item.data(NameRole)
            menu.addAction(icon("tag"), self.tr("Label selection as {name}").format(name=name),
                           lambda: self.assignRequested.emit(name))
            menu.addAction(icon("search"), self.tr("Show only {name}").format(name=name),
                           lambda: self.showRequested.emit(name))
            menu.addSeparator()
            menu.addAction(icon("edit"), self.tr("Rename…"), self.rename_current)
            menu.addAction(icon("merge"), self.tr("Merge into…"), self.merge_current)
            menu.addAction(icon("attributes"), self.tr("Attributes…"), self.edit_attributes)
            menu.addAction(icon("trash"), self.tr("Delete…"), self.delete_current)
            menu.addSeparator()
        menu.addAction(icon("plus"), self.tr("New character…"), self.add_character)
        return menu
