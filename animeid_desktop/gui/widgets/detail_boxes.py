"""Who is where in the detail panel's picture: label boxes, detected faces, and the edits on them.

The detector runs in a background job (slot ``faces-preview``, one image; a newer image supersedes it)
that reads the library's face cache first, so a cached image costs one lookup and the GUI thread never
detects. Every edit is one undoable session call: assign a face (its box becomes the character's region,
``user``), draw a box, delete a box.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtWidgets import QMenu

from animeid_desktop.core.library import face_scan, gallery_query, image_characters
from animeid_desktop.core.library.label_state import Region
from animeid_desktop.core.media.face_detection import box_iou
from animeid_desktop.gui import dialogs
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.image_reasons import translate_core_text
from animeid_desktop.gui.session import Session
from animeid_desktop.gui.widgets.face_preview import Box, FacePreview, LabelBox


def _detect_one(lib, image_id: int, control) -> Tuple[int, List[Box]]:
    """Faces of one library image (cached, or detected and cached now)."""
    from animeid_desktop.core.media.face_detection import FaceDetector

    results = list(face_scan.detect_library_faces(
        lib, detector=FaceDetector(), rows=face_scan.library_rows(lib, [image_id]), should_stop=control.should_stop))
    return image_id, [tuple(f.box) for r in results for f in r.faces]


class DetailBoxes(QObject):
    """Keeps a :class:`FacePreview`'s boxes in step with the library and turns its gestures into edits."""

    note = Signal(str)  # what the detector found on the current image, for a hint line

    def __init__(self, session: Session, preview: FacePreview, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.preview = preview
        self.image_id: Optional[int] = None
        self.faces: Dict[int, List[Box]] = {}  # image id -> detected faces (this session's memory)
        preview.boxDrawn.connect(self._drawn)
        preview.boxMenuRequested.connect(self._box_menu)
        session.libraryChanged.connect(self.faces.clear)

    # ------------------------------------------------------------------ showing
    def show_image(self, image_id: Optional[int]) -> None:
        """Draw the boxes of ``image_id`` (None: none), asking the detector when its faces are unknown."""
        self.image_id = image_id
        self.refresh()
        lib = self.session.lib
        if image_id is None or lib is None:
            return
        if image_id in self.faces:
            self._note()
            return
        job = self.session.runner.job("faces-preview", lambda c: _detect_one(lib, image_id, c), lib=lib)
        job.succeeded.connect(self._faces_ready)
        job.failed.connect(lambda message: self.note.emit(
            self.tr("No face detection: {reason}").format(reason=translate_core_text(message))))
        job.start()

    def refresh(self) -> None:
        lib = self.session.lib
        if lib is None or self.image_id is None:
            self.preview.set_boxes([], [])
            return
        labels = [LabelBox(c.name, c.colour or "", c.region.box)
                  for c in image_characters.image_characters(lib, self.image_id) if c.region is not None]
        self.preview.set_boxes(labels, self.faces.get(self.image_id, []))

    def _faces_ready(self, result: Tuple[int, List[Box]]) -> None:
        image_id, faces = result
        self.faces[image_id] = faces
        if image_id == self.image_id:
            self.refresh()
            self._note()

    def _note(self) -> None:
        faces, unnamed = self.faces.get(self.image_id, []), len(self.preview.faces)
        found = (self.tr("%n face(s) found, {unnamed} not named yet (dashed)", "", len(faces)).format(unnamed=unnamed)
                 if faces else self.tr("No face found"))
        self.note.emit(found + " · " + self.tr("drag on the picture to draw a box · click a box to name or delete it"))

    # ------------------------------------------------------------------ edits (each one undo step)
    def set_box(self, character: str, box: Optional[Box]) -> None:
        """Make ``box`` the region of ``character`` on the current image (None deletes it)."""
        if self.image_id is None:
            return
        region = Region(*box, source="user") if box is not None else None
        with dialogs.reporting(self.preview):
            self.session.set_region(self.image_id, character, region)

    def _names(self) -> Tuple[List[str], List[str]]:
        """The current image's characters, and every other character."""
        lib = self.session.require_lib()
        own = [c.name for c in image_characters.image_characters(lib, self.image_id)]
        return own, [c["name"] for c in self.session.characters() if c["name"] not in own]

    def character_menu(self, title: str, box: Box) -> QMenu:
        """A menu naming who is in ``box``: the active model's answer for that face when it has one, the
        image's characters, then the others (added too)."""
        menu = QMenu(title, self.preview)
        guess = self._model_guess(box)
        if guess is not None:
            text = (self.tr("{name} (the model's guess, {score}, unsure)") if guess.unknown
                    else self.tr("{name} (the model's guess, {score})"))
            menu.addAction(icon("recognition"), text.format(name=guess.character, score=f"{guess.score:.0%}"),
                           lambda: self.set_box(guess.character, box))
            menu.addSeparator()
        own, others = self._names()
        for name in own:
            menu.addAction(icon("tag"), name, lambda name=name: self.set_box(name, box))
        if own and others:
            menu.addSeparator()
        for name in others:
            menu.addAction(name, lambda name=name: self.set_box(name, box))
        return menu

    def _model_guess(self, box: Box) -> Optional[gallery_query.StoredFace]:
        """The active model's stored answer for the face at ``box`` (IoU above 0.5), if it has one."""
        lib, run_id = self.session.lib, self.session.active_run_id()
        if lib is None or run_id is None or self.image_id is None:
            return None
        faces = [f for f in gallery_query.stored_faces(lib, self.image_id, run_id) if box_iou(f.box, box) > 0.5]
        return max(faces, key=lambda f: box_iou(f.box, box), default=None)

    def _drawn(self, box: Box) -> None:
        if self.image_id is not None and self.session.characters():
            self.run_menu(self.character_menu(self.tr("Who is in this box?"), box), self.preview.cursor().pos())

    def box_menu(self, hit) -> QMenu:
        """The menu of a label box (delete it) or of a detected face (say who it is)."""
        if not isinstance(hit, LabelBox):
            return self.character_menu(self.tr("This face is"), hit)
        menu = QMenu(self.preview)
        menu.addAction(icon("trash"), self.tr("Delete the box of {name}").format(name=hit.character),
                       lambda: self.set_box(hit.character, None))
        return menu

    def _box_menu(self, hit, pos: QPoint) -> None:
        if self.image_id is not None:
            self.run_menu(self.box_menu(hit), pos)

    def run_menu(self, menu: QMenu, pos: QPoint) -> None:
        """Show ``menu`` at ``pos`` until the user picks (tests answer it instead)."""
        menu.exec(pos)
