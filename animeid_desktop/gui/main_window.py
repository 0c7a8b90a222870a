"""The main window: navigation list of pages, menus with shortcuts, status bar, folder drag-in."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, List, Optional

from PySide6.QtCore import QByteArray, QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from animeid_desktop.gui import dialogs, i18n, settings
from animeid_desktop.gui.core_text import translated
from animeid_desktop.gui.icons import app_icon, icon
from animeid_desktop.gui.import_dialog import ImportDialog, start_demo, start_import
from animeid_desktop.gui.jobs import Job
from animeid_desktop.gui.model_status import describe_active_model
from animeid_desktop.gui.pages import page_specs
from animeid_desktop.gui.session import Session
from animeid_desktop.gui.watcher import FolderWatcher
from animeid_desktop.gui.widgets.thumbnail_loader import ThumbnailLoader


class MainWindow(QMainWindow):
    """Pages on the left, the current page in the middle, library and model in the status bar."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle("AnimeID Desktop")  # notr: the product's name
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.thumbnails = ThumbnailLoader(threads=2, parent=self)
        self.pages: Dict[str, QWidget] = {}
        self.last_dialog: Optional[ImportDialog] = None
        self._titled_jobs: set = set()  # running jobs shown in the status bar
        self.watcher = FolderWatcher(session, self)
        self.watched_dialog = None

        self.nav = QListWidget()
        self.nav.setObjectName("NavList")
        self.nav.setFixedWidth(172)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.specs = page_specs()
        for spec in self.specs:
            page = spec.factory(session, self)
            self.pages[spec.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(icon(spec.icon, "#dfe3ec"), spec.display_title())
            item.setToolTip(spec.display_tooltip())
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        self._build_status_bar()
        self._build_menus()
        session.libraryChanged.connect(self._library_changed)
        session.imagesChanged.connect(self._update_status)
        session.labelsChanged.connect(lambda _ids: self._update_status())
        session.modelChanged.connect(self._update_status)
        session.undoChanged.connect(self._update_undo)
        session.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        session.error.connect(lambda text: dialogs.show_error(self, text))
        session.runner.jobStarted.connect(self._job_started)
        self.nav.setCurrentRow(0)
        self._update_undo()

    # ------------------------------------------------------------------ building
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.library_label = QLabel()
        self.model_label = QLabel()
        self.job_label = QLabel()
        self.job_bar = QProgressBar()
        self.job_bar.setFixedWidth(140)
        self.job_bar.setTextVisible(False)
        self.job_bar.setMaximumHeight(14)
        self.job_bar.hide()
        bar.addPermanentWidget(self.job_label)
        bar.addPermanentWidget(self.job_bar)
        bar.addPermanentWidget(self.library_label)
        bar.addPermanentWidget(self.model_label)

    def _action(self, text: str, slot, shortcut=None, icon_name: Optional[str] = None) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file = menu.addMenu(self.tr("&File"))
        file.addAction(self._action(self.tr("&New Library…"), self.new_library, "Ctrl+Shift+N", "folder-plus"))
        file.addAction(self._action(self.tr("&Open Library…"), self.open_library_dialog, QKeySequence.StandardKey.Open,
                                    "folder-open"))
        self.recent_menu = file.addMenu(icon("library"), self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addSeparator()
        file.addAction(self._action(self.tr("&Import Folder…"), self.import_folder, "Ctrl+I", "import"))
        file.addAction(self._action(self.tr("Import &Files…"), self.import_files, "Ctrl+Shift+I", "image-plus"))
        file.addAction(self._action(self.tr("Add &Demo Characters"), self.build_demo, None, "sparkle"))
        file.addSeparator()
        file.addAction(self._action(self.tr("&Export Labels (seed files)…"), self.export_seed, "Ctrl+E", "export"))
        file.addAction(self._action(self.tr("Export as Character &Folders…"), self.export_folders, "Ctrl+Shift+E",
                                    "folder-open"))
        file.addSeparator()
        file.addAction(self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit))
        edit = menu.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(self.tr("&Undo"), self.undo, QKeySequence.StandardKey.Undo, "undo")
        self.redo_action = self._action(self.tr("&Redo"), self.redo,
                                        [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")], "redo")
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        preferences = menu.addMenu(self.tr("&Settings"))
        preferences.addAction(self._action(self.tr("&Watched Folders…"), self.show_watched_folders, None,
                                           "folder-plus"))
        self.language_menu = i18n.language_menu(self, lambda: i18n.relaunch(self))
        preferences.addMenu(self.language_menu)
        go = menu.addMenu(self.tr("&Go"))
        for n, spec in enumerate(self.specs):
            go.addAction(self._action(spec.display_title(), lambda key=spec.key: self.go_to(key), f"Ctrl+{n + 1}",
                                      spec.icon))
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&Keyboard Shortcuts"), self.show_shortcuts, "F1", "question"))
        help_menu.addAction(self._action(self.tr("&About AnimeID Desktop"), self.show_about))

    # ------------------------------------------------------------------ navigation
    def go_to(self, key: str) -> Optional[QWidget]:
        """Show the page called ``key`` and return it (None when there is no such page)."""
        for n, spec in enumerate(self.specs):
            if spec.key == key:
                self.nav.setCurrentRow(n)
                return self.pages[key]
        return None

    def current_page_key(self) -> str:
        return self.specs[self.nav.currentRow()].key if self.specs else ""

    def show_in_gallery(self, ids: List[int], title: str) -> None:
        """Switch to the gallery showing exactly these images."""
        page = self.go_to("gallery")
        if page is not None:
            page.show_ids(ids, title)

    # ------------------------------------------------------------------ library
    def open_library(self, path: str | Path) -> bool:
        with dialogs.reporting(self):
            lib = self.session.open_library(path)
            settings.add_recent_library(str(lib.root))
            return True
        return False

    def new_library(self) -> None:
        folder = dialogs.open_folder(self, self.tr("Choose an empty folder for the new library"))
        if not folder:
            return
        occupied = os.path.isdir(folder) and os.listdir(folder) and not (Path(folder) / "library.sqlite").exists()
        if occupied and not dialogs.confirm(
                self, self.tr("{folder} is not empty. Create the library there anyway?").format(folder=folder),
                ok=self.tr("Create")):
            return
        self.open_library(folder)

    def open_library_dialog(self) -> None:
        folder = dialogs.open_folder(self, self.tr("Open a library folder"))
        if folder:
            self.open_library(folder)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        libraries = settings.recent_libraries()
        for path in libraries:
            self.recent_menu.addAction(path, lambda p=path: self.open_library(p))
        if not libraries:
            self.recent_menu.addAction(self.tr("No recent libraries")).setEnabled(False)

    def _library_changed(self) -> None:
        lib = self.session.lib
        self.thumbnails.set_thumbs_dir(lib.thumbs_dir if lib else None)
        self.setWindowTitle(self.tr("{library} — AnimeID Desktop").format(library=lib.root.name) if lib
                            else "AnimeID Desktop")  # notr: the product's name
        self._update_status()

    def _update_status(self) -> None:
        lib = self.session.lib
        if lib is None:
            self.library_label.setText(self.tr("No library"))
            self.model_label.clear()
            return
        images = self.session.image_count()
        self.library_label.setText(self.tr("Library: {path}  ·  %n image(s)", "", images).format(path=lib.root))
        self.library_label.setToolTip(str(lib.root))
        self.model_label.setText(describe_active_model(lib))

    # ------------------------------------------------------------------ import / export
    def import_paths(self, paths: List[str]) -> Optional[ImportDialog]:
        if not paths:
            return None
        with dialogs.reporting(self):
            self.last_dialog = start_import(self.session, paths, self)
            return self.last_dialog
        return None

    def import_folder(self) -> None:
        folder = dialogs.open_folder(self, self.tr("Import a folder (subfolders named after characters label on "
                                                   "import)"))
        if folder:
            self.import_paths([folder])

    def import_files(self) -> None:
        self.import_paths(dialogs.open_files(self, self.tr("Import images"), dialogs.IMAGE_FILTER))

    def build_demo(self) -> None:
        with dialogs.reporting(self):
            self.last_dialog = start_demo(self.session, self)

    def export_seed(self) -> None:
        folder = dialogs.open_folder(self, self.tr("Export labels and attributes (seed files) into folder"))
        if not folder:
            return
        from animeid_desktop.core.exchange.reference_files import export_seed

        with dialogs.reporting(self):
            info = export_seed(self.session.require_lib(), folder)
            self.session.message.emit(
                self.tr("Wrote %n label(s) of {characters} characters to {folder}", "", info["labelled"])
                .format(characters=info["roles"], folder=folder))

    def export_folders(self) -> None:
        folder = dialogs.open_folder(self, self.tr("Copy labelled images into one folder per character, inside"))
        if not folder:
            return
        from animeid_desktop.core.exchange.reference_files import export_folders

        with dialogs.reporting(self):
            lib = self.session.require_lib()
            dialog = ImportDialog(self.session, self.tr("Exporting character folders"), self,
                                  describe=self._describe_folders_export,
                                  done_title=self.tr("Exported character folders"))
            job = self.session.runner.job("export", lambda c: export_folders(lib, folder, c.progress, c.should_stop),
                                          lib=lib, title=self.tr("Export"))
            dialog.run(job)
            self.last_dialog = dialog

    def _describe_folders_export(self, r: dict) -> str:
        return self.tr("Copied %n image(s) ({unchanged} were already there) into {characters} folders in {folder}.",
                       "", r["copied"]).format(unchanged=r["unchanged"], characters=r["characters"], folder=r["folder"])

    # ------------------------------------------------------------------ drag and drop of folders/files
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            # leave the drop handler first: the drag source waits until it returns
            QTimer.singleShot(0, lambda: self.import_paths(paths))

    # ------------------------------------------------------------------ undo
    def undo(self) -> None:
        with dialogs.reporting(self):
            self.session.undo()

    def redo(self) -> None:
        with dialogs.reporting(self):
            self.session.redo()

    def _update_undo(self) -> None:
        stack = self.session.undo_stack
        self.undo_action.setEnabled(stack.can_undo())
        self.redo_action.setEnabled(stack.can_redo())
        undo, redo = translated(stack.undo_text()), translated(stack.redo_text())
        self.undo_action.setText(self.tr("&Undo {action}").format(action=undo) if undo else self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo {action}").format(action=redo) if redo else self.tr("&Redo"))

    # ------------------------------------------------------------------ background job indicator
    def _job_started(self, job: Job) -> None:
        if job.slot in ("import", "export") or not job.title:
            return  # these have their own dialog, or are too quick to show
        self._titled_jobs.add(job)
        self.job_label.setText(job.title)
        self.job_bar.setRange(0, 0)
        self.job_bar.show()
        job.progress.connect(self._job_progress)
        job.finished.connect(lambda: self._job_finished(job))

    def _job_progress(self, done: int, total: int, _message: str) -> None:
        self.job_bar.setRange(0, max(total, 0))
        self.job_bar.setValue(done)

    def _job_finished(self, job: Job) -> None:
        self._titled_jobs.discard(job)
        if not self._titled_jobs:
            self.job_bar.hide()
            self.job_label.clear()

    # ------------------------------------------------------------------ help
    def show_shortcuts(self) -> None:
        dialogs.show_info(self, shortcuts_help(), self.tr("Keyboard shortcuts"))

    def show_about(self) -> None:
        from animeid_desktop.core.engine.devices import pick_device
        from animeid_desktop.gui.about_dialog import about_dialog

        lib = self.session.lib
        try:
            self._about = about_dialog(self, str(lib.root) if lib else None, str(pick_device()))
        except FileNotFoundError as exc:
            dialogs.show_error(self, str(exc))
            return
        self._about.show()

    def show_watched_folders(self) -> None:
        from animeid_desktop.gui.widgets.watched_folders_dialog import WatchedFoldersDialog

        if self.session.lib is None:
            dialogs.show_error(self, self.tr("Open a library first (File → Open Library…); "
                                              "watched folders belong to it."))
            return
        if self.watched_dialog is None:
            self.watched_dialog = WatchedFoldersDialog(self.session, self.watcher, self)
        self.watched_dialog.refresh()
        self.watched_dialog.show()
        self.watched_dialog.raise_()

    # ------------------------------------------------------------------ window state
    def restore_state(self) -> None:
        s = settings.app_settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)
        state = s.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        self.go_to(str(s.value("window/page", "gallery")))

    def save_state(self) -> None:
        s = settings.app_settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/page", self.current_page_key())
        s.sync()

    def closeEvent(self, event) -> None:
        self.save_state()
        self.session.runner.cancel_all()
        self.session.runner.wait_all(15.0)
        self.thumbnails.shutdown()
        self.session.close()
        super().closeEvent(event)


def shortcuts_help() -> str:
    """Help → Keyboard Shortcuts."""
    return QCoreApplication.translate("MainWindow", """Gallery
  1 … 9          add the n-th character to the selected images (again: remove it)
  0 / Delete     remove all their labels
  drag on preview   draw a character's box (right-click a box to change it)
  Ctrl+A         select all shown images
  Ctrl+Z / Ctrl+Shift+Z   undo / redo (bulk operations included)

Library
  Ctrl+O         open a library          Ctrl+Shift+N   new library
  Ctrl+I         import a folder         Ctrl+Shift+I   import files
  Ctrl+E         export labels           drag folders onto the window to import

Pages
  Ctrl+1 … Ctrl+9   switch page""")
