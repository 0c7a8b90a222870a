"""Settings → Watched Folders: the folders whose new pictures are imported, and what could not be."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from animeid_desktop.gui import dialogs

EXPLANATION = QT_TRANSLATE_NOOP(
    "WatchedFoldersDialog",
    "Pictures that appear or change in these folders are imported while AnimeID runs, and on the "
               "next start when they arrived while it was closed. Subfolders name characters, as when importing; "
               "loose pictures take their labels from XMP sidecars or caption files beside them.")


class WatchedFoldersDialog(QDialog):
    """Add and remove watched folders; lists the files the watcher could not import."""

    def __init__(self, session, watcher, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.session = session
        self.watcher = watcher
        self.setWindowTitle(self.tr("Watched Folders"))
        self.resize(720, 460)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr(EXPLANATION))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.folders = QListWidget()
        layout.addWidget(self.folders, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add Folder…"))
        self.remove_button = QPushButton(self.tr("Stop Watching"))
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.problems_title = QLabel()
        layout.addWidget(self.problems_title)
        self.problems = QTableWidget(0, 2)
        self.problems.setHorizontalHeaderLabels([self.tr("File"), self.tr("Why it was not imported as it is")])
        for column in (0, 1):
            self.problems.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.problems.verticalHeader().hide()
        self.problems.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.problems, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self.add_folder)
        self.remove_button.clicked.connect(self.remove_folder)
        self.folders.itemSelectionChanged.connect(self._update_buttons)
        watcher.problemsChanged.connect(self.refresh_problems)
        self.refresh()

    def refresh(self) -> None:
        self.folders.clear()
        self.folders.addItems(self.session.watched_folders())
        self._update_buttons()
        self.refresh_problems()

    def refresh_problems(self) -> None:
        rows = self.watcher.problems
        self.problems_title.setText(self.tr("Files not imported as they are (%n)", "", len(rows)) if rows else
                                    self.tr("Every file the watcher saw was imported."))
        self.problems.setVisible(bool(rows))
        self.problems.setRowCount(len(rows))
        for n, (path, reason) in enumerate(rows):
            self.problems.setItem(n, 0, QTableWidgetItem(path))
            self.problems.setItem(n, 1, QTableWidgetItem(reason))

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.folders.selectedItems()))

    def add_folder(self) -> None:
        folder = dialogs.open_folder(self, self.tr("Watch a folder of pictures"))
        if folder:
            with dialogs.reporting(self):
                self.session.watch_folder(folder)
            self.refresh()

    def remove_folder(self) -> None:
        items = self.folders.selectedItems()
        if items:
            with dialogs.reporting(self):
                self.session.unwatch_folder(items[0].text())
            self.refresh()
