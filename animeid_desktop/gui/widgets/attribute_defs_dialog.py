"""Define, rename and delete the attributes of one character (yes/no, choice or text)."""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from animeid_desktop.core.library import labels
from animeid_desktop.gui import dialogs, style
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.session import Session

TYPE_TITLES = {"bool": QT_TRANSLATE_NOOP("AttributeDefsDialog", "Yes / no"),
               "choice": QT_TRANSLATE_NOOP("AttributeDefsDialog", "Choice"),
               "text": QT_TRANSLATE_NOOP("AttributeDefsDialog", "Text")}


def type_title(kind: str) -> str:
    """The attribute kind as shown (``bool`` -> "Yes / no"), in the user's language."""
    title = TYPE_TITLES.get(kind)
    return QCoreApplication.translate("AttributeDefsDialog", title) if title else kind


def parse_choices(text: str) -> List[str]:
    """Comma-separated choices (``,``, ``，`` or ``、``), trimmed, empty ones and repeats dropped."""
    return list(dict.fromkeys(c.strip() for c in re.split("[,，、]", text) if c.strip()))


class AttributeForm(QDialog):
    """Ask for a new attribute: key, type and (for a choice) the choices."""

    def __init__(self, character: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New attribute of {name}").format(name=character))
        form = QFormLayout(self)
        self.key = QLineEdit()
        self.key.setPlaceholderText(self.tr("e.g. glasses, outfit, hair_up"))
        self.type = QComboBox()
        for key in TYPE_TITLES:
            self.type.addItem(type_title(key), key)
        self.choices = QLineEdit()
        self.choices.setPlaceholderText(self.tr("school, casual, swimsuit"))
        self.choices.setEnabled(False)
        self.type.currentIndexChanged.connect(lambda _n: self.choices.setEnabled(self.type.currentData() == "choice"))
        form.addRow(self.tr("Name"), self.key)
        form.addRow(self.tr("Kind"), self.type)
        form.addRow(self.tr("Choices"), self.choices)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def value(self) -> Tuple[str, str, Optional[List[str]]]:
        kind = self.type.currentData()
        return self.key.text().strip(), kind, parse_choices(self.choices.text()) if kind == "choice" else None


class AttributeDefsDialog(QDialog):
    """The attribute definitions of one character, editable."""

    def __init__(self, session: Session, character: str, parent=None) -> None:
        super().__init__(parent)
        self.session, self.character = session, character
        self.setWindowTitle(self.tr("Attributes of {name}").format(name=character))
        self.resize(460, 320)
        layout = QVBoxLayout(self)
        layout.setSpacing(style.SPACING)
        intro = QLabel(self.tr("Attributes describe each picture of {name} (glasses, outfit …). "
                               "They show up in the side panel for images labelled as this character.").format(
                                   name=character))
        intro.setWordWrap(True)
        intro.setObjectName("Muted")
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Kind"), self.tr("Choices")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        for text, icon_name, slot in ((self.tr("Add…"), "plus", self.add), (self.tr("Rename…"), "edit", self.rename),
                                      (self.tr("Delete"), "trash", self.delete)):
            button = QPushButton(icon(icon_name), text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        defs = labels.attribute_defs(self.session.require_lib(), self.character)
        self.table.setRowCount(len(defs))
        for n, d in enumerate(defs):
            self.table.setItem(n, 0, QTableWidgetItem(d["key"]))
            self.table.setItem(n, 1, QTableWidgetItem(type_title(d["type"])))
            self.table.setItem(n, 2, QTableWidgetItem(", ".join(d["choices"] or [])))

    def _current_key(self) -> Optional[str]:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def add(self) -> None:
        form = AttributeForm(self.character, self)
        if form.exec() == QDialog.DialogCode.Accepted:
            key, kind, choices = form.value()
            with dialogs.reporting(self):
                self.session.define_attribute(self.character, key, kind, choices)
            self.refresh()

    def rename(self) -> None:
        key = self._current_key()
        if key is None:
            return
        new = dialogs.ask_text(self, self.tr("Rename attribute"), self.tr("New name for {name}:").format(name=key), key)
        if new and new != key:
            with dialogs.reporting(self):
                self.session.rename_attribute(self.character, key, new)
            self.refresh()

    def delete(self) -> None:
        key = self._current_key()
        if key is not None and dialogs.confirm(
            self, self.tr("Delete the attribute {key} of {name} and every value of it?").format(
                key=key, name=self.character), ok=self.tr("Delete")
        ):
            with dialogs.reporting(self):
                self.session.delete_attribute(self.character, key)
            self.refresh()
