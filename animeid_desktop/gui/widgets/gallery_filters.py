"""The gallery's filter bar: search, status, character, attribute, sort and thumbnail size."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSlider, QToolButton, QWidget

from animeid_desktop.core.library.gallery_query import GalleryFilter
from animeid_desktop.gui import style
from animeid_desktop.gui.icons import icon

STATUS_TITLES = [
    ("all", QT_TRANSLATE_NOOP("GalleryFilters", "All images")),
    ("labelled", QT_TRANSLATE_NOOP("GalleryFilters", "Labelled")),
    ("unlabelled", QT_TRANSLATE_NOOP("GalleryFilters", "Unlabelled")),
    ("predicted", QT_TRANSLATE_NOOP("GalleryFilters", "Predicted, not confirmed")),
    ("group_shots", QT_TRANSLATE_NOOP("GalleryFilters", "Group shots")),  # labelled with two or more characters
]
SORT_TITLES = [("added", QT_TRANSLATE_NOOP("GalleryFilters", "Order added")),
               ("name", QT_TRANSLATE_NOOP("GalleryFilters", "File name")),
               ("character", QT_TRANSLATE_NOOP("GalleryFilters", "Character")),
               ("confidence", QT_TRANSLATE_NOOP("GalleryFilters", "Confidence"))]


class GalleryFilters(QWidget):
    """Emits ``changed`` (debounced for typing) whenever the filter or sort changes."""

    changed = Signal()
    cellSizeChanged = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.explicit_ids: Optional[Tuple[int, ...]] = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING - 2)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search file names…"))
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(110)
        layout.addWidget(self.search, 2)
        self.status = self._compact(self._combo(STATUS_TITLES), 10)
        layout.addWidget(self.status, 2)
        self.character = self._compact(QComboBox(), 9)
        layout.addWidget(self.character, 1)
        self.also = self._compact(QComboBox(), 4)  # "X and Y": images that contain both
        self.also.setToolTip(self.tr("…and also this character (images that contain both)"))
        layout.addWidget(self.also, 1)
        self.attribute = self._compact(QComboBox(), 9)
        layout.addWidget(self.attribute, 1)
        self.sort = self._compact(self._combo(SORT_TITLES), 9)
        self.sort.setToolTip(self.tr("Sort order"))  # placed by the page, under the grid
        self.size = QSlider(Qt.Orientation.Horizontal)
        self.size.setRange(96, 256)
        self.size.setValue(150)
        self.size.setFixedWidth(70)
        self.size.setToolTip(self.tr("Thumbnail size"))
        self.size.valueChanged.connect(self.cellSizeChanged)
        self.chip = QToolButton()
        self.chip.setIcon(icon("close"))
        self.chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.chip.setStyleSheet(
            f"QToolButton {{ background: {style.ACCENT_SOFT}; border-radius: 5px; padding: 3px 6px; }}")
        self.chip.setToolTip(self.tr("Show all images again"))
        self.chip.clicked.connect(self.clear_explicit)
        self.chip.hide()
        # ``size`` and ``chip`` are placed by the page (under the grid), not in this row
        self._typing = QTimer(self, singleShot=True, interval=250)
        self._typing.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        for combo in (self.status, self.character, self.also, self.attribute, self.sort):
            combo.currentIndexChanged.connect(lambda _n: self.changed.emit())
        self.character.currentIndexChanged.connect(lambda _n: self.also.setEnabled(bool(self.character.currentData())))
        self.set_characters([])
        self.set_attribute_options([])

    @staticmethod
    def _compact(combo: QComboBox, chars: int) -> QComboBox:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(chars)
        return combo

    @staticmethod
    def _combo(items: List[Tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        for key, title in items:
            combo.addItem(QCoreApplication.translate("GalleryFilters", title), key)
        return combo

    def _refill(self, combo: QComboBox, items: List[Tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for title, data in items:
            combo.addItem(title, data)
        index = combo.findData(current)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)
        if combo.currentData() != current:
            self.changed.emit()

    def set_characters(self, names: List[str]) -> None:
        self._refill(self.character, [(self.tr("Any character"), None)] + [(n, n) for n in names])
        self._refill(self.also, [(self.tr("and…"), None)] + [(self.tr("and {name}").format(name=n), n) for n in names])
        self.also.setEnabled(bool(self.character.currentData()))

    def set_attribute_options(self, options: List[Tuple[str, str, str]]) -> None:
        items: List[Tuple[str, object]] = [(self.tr("Any attribute"), None)]
        yes_no = {"1": self.tr("yes"), "0": self.tr("no")}
        for key, value, kind in options:
            shown = yes_no.get(value, value) if kind == "bool" else value
            items.append((f"{key}: {shown}", f"{key}\x1f{value}"))
        self._refill(self.attribute, items)

    def set_status(self, status: str) -> None:
        self.status.setCurrentIndex(max(0, self.status.findData(status)))

    def set_character(self, name: Optional[str], also: Optional[str] = None) -> None:
        """Show images containing ``name`` (and ``also``, when given)."""
        self.also.setCurrentIndex(max(0, self.also.findData(also)))
        self.character.setCurrentIndex(max(0, self.character.findData(name)))

    def show_explicit(self, ids: List[int], title: str) -> None:
        """Restrict to these images (e.g. a confusion-matrix cell) until the chip is closed."""
        self.explicit_ids = tuple(ids)
        self.chip.setText(title)
        self.chip.show()
        self.changed.emit()

    def clear_explicit(self) -> None:
        self.explicit_ids = None
        self.chip.hide()
        self.changed.emit()

    def current(self, run_id: Optional[str]) -> GalleryFilter:
        """The filter the widgets describe, reading predictions of ``run_id``."""
        attribute = self.attribute.currentData()
        status = self.status.currentData()
        sort = self.sort.currentData()
        character, also = self.character.currentData(), self.also.currentData()
        if sort == "confidence" and not run_id:
            sort = "added"
        return GalleryFilter(
            status="labelled" if status == "group_shots" else status,
            group_shots=status == "group_shots",
            character=character,
            characters=(also,) if character and also and also != character else (),
            attribute=tuple(attribute.split("\x1f", 1)) if attribute else None,
            search=self.search.text().strip(),
            image_ids=self.explicit_ids,
            sort=sort,
            run_id=run_id,
        )

    def depends_on_labels(self) -> bool:
        """Whether relabelling can change which images match."""
        f = self.current(None)
        return f.status != "all" or bool(f.character) or bool(f.characters) or bool(f.attribute) \
            or f.sort == "character"

    def state(self) -> Dict[str, object]:
        return {"status": self.status.currentData(), "sort": self.sort.currentData(), "size": self.size.value()}
