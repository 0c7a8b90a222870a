"""Edit the attributes of the selected images: check boxes, combo boxes and text fields.

Shown when every selected image has the same character; the widgets come from that character's
attribute definitions and show mixed values as a partial check, "(mixed)" entry or placeholder.
Every edit is one undoable change applied to the whole selection.
"""

from __future__ import annotations

from typing import Dict, List, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from animeid_desktop.core.library import gallery_query, labels
from animeid_desktop.gui import dialogs, style
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.session import Session
from animeid_desktop.gui.widgets.attribute_defs_dialog import AttributeDefsDialog

MIXED = "(mixed)"  # data of the "mixed" combo entry; shown as tr("(mixed)")
UNSET = "—"


class AttributeEditor(QWidget):
    """Attribute widgets for a selection of images of one character."""

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.character: Optional[str] = None
        self.image_ids: List[int] = []
        self.editors: Dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING - 2)
        self.title = QLabel(self.tr("Attributes"))
        self.title.setObjectName("Section")
        layout.addWidget(self.title)
        self.note = QLabel()
        self.note.setObjectName("Muted")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.form_host)
        self.define_button = QPushButton(icon("attributes"), self.tr("Define attributes…"))
        self.define_button.clicked.connect(self._define)
        layout.addWidget(self.define_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.show_selection([], None)

    def show_selection(self, image_ids: List[int], character: Optional[str]) -> None:
        """Rebuild the editors for these images (``character`` None: not all the same character)."""
        self.image_ids, self.character = list(image_ids), character
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors.clear()
        lib = self.session.lib
        self.define_button.setVisible(bool(character))
        if not image_ids or lib is None:
            self.title.setText(self.tr("Attributes"))
            self.note.setText(self.tr("Select images to see their attributes."))
            return
        if not character:
            self.title.setText(self.tr("Attributes"))
            self.note.setText(self.tr("Attributes belong to a character: label these images first, or select images "
                                      "of one character."))
            return
        self.title.setText(self.tr("Attributes of {name}").format(name=character))
        defs = labels.attribute_defs(lib, character)
        summary = gallery_query.attribute_summary(lib, image_ids, character)
        self.note.setText("" if defs else self.tr("{name} has no attributes yet.").format(name=character))
        self.note.setVisible(not defs)
        for d in defs:
            editor = self._editor(d, summary.get(d["key"], [None]))
            self.editors[d["key"]] = editor
            self.form.addRow(d["key"], editor)

    def _editor(self, defn: dict, values: List[Optional[str]]) -> QWidget:
        key = defn["key"]
        single = values[0] if len(values) == 1 else MIXED
        if defn["type"] == "bool":
            box = QCheckBox()
            if single == MIXED:
                box.setTristate(True)
                box.setCheckState(Qt.CheckState.PartiallyChecked)
            else:
                box.setChecked(single == "1")
            box.clicked.connect(lambda checked, k=key, b=box: self._bool_clicked(k, b, checked))
            return box
        if defn["type"] == "choice":
            combo = QComboBox()
            if single == MIXED:
                combo.addItem(self.tr("(mixed)"), MIXED)
            combo.addItem(UNSET, None)
            for choice in defn["choices"] or []:
                combo.addItem(choice, choice)
            combo.setCurrentIndex(0 if single in (MIXED, None) else max(0, combo.findData(single)))
            combo.activated.connect(lambda _n, k=key, c=combo: self._combo_chosen(k, c))
            return combo
        line = QLineEdit()
        if single == MIXED:
            line.setPlaceholderText(self.tr("(mixed)"))
        else:
            line.setText(single or "")
        line.editingFinished.connect(lambda k=key, e=line: self._text_done(k, e))
        return line

    def _apply(self, key: str, value: Optional[str]) -> None:
        if self.character and self.image_ids:
            with dialogs.reporting(self):
                self.session.set_attributes(self.image_ids, self.character, {key: value})

    def _bool_clicked(self, key: str, box: QCheckBox, checked: bool) -> None:
        box.setTristate(False)
        box.setChecked(box.checkState() != Qt.CheckState.Unchecked)
        self._apply(key, "1" if box.isChecked() else "0")

    def _combo_chosen(self, key: str, combo: QComboBox) -> None:
        value = combo.currentData()
        if value != MIXED:
            self._apply(key, value)

    def _text_done(self, key: str, line: QLineEdit) -> None:
        if not line.isModified():
            return
        line.setModified(False)
        self._apply(key, line.text().strip() or None)

    def _define(self) -> None:
        if self.character:
            AttributeDefsDialog(self.session, self.character, self).exec()
