"""The open library and every change the user makes to it, as one QObject with change signals.

Widgets never write to the library themselves: they call a :class:`Session` method, which runs the
core operation (one transaction), records it on the undo stack when it is a labelling change, and
emits a signal saying what changed so each view refreshes only that.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence

from PySide6.QtCore import QObject, Signal

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import gallery_query, image_characters, labels, undo, watching
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.instance_lock import InstanceLock
from animeid_desktop.core.library.label_state import Region, Suggested
from animeid_desktop.gui.core_text import translated
from animeid_desktop.gui.jobs import BaseJobRunner

BULK_INLINE = 1500  # labelling changes touching at least this many images run on a worker thread


class Session(QObject):
    """The current library, its undo history and the job runner."""

    libraryChanged = Signal()
    imagesChanged = Signal()  # images were added (import, demo)
    labelsChanged = Signal(list)  # ids whose label or attributes changed; [] = unknown / many
    charactersChanged = Signal()  # characters or attribute definitions changed
    modelChanged = Signal()  # the active model changed (or a new one was trained)
    predictionsChanged = Signal(list)  # stored predictions of these ids changed; [] = many
    undoChanged = Signal()
    message = Signal(str)  # a short status-bar message
    watchedFoldersChanged = Signal()
    error = Signal(str)  # a background change failed (shown by the window)

    def __init__(self, runner: BaseJobRunner) -> None:
        super().__init__()
        self.runner = runner
        self.lib: Optional[Library] = None
        self._lock: Optional[InstanceLock] = None
        self.undo_stack = undo.UndoStack()
        self._bulk_seq = 0

    # ------------------------------------------------------------ library
    def open_library(self, path: str | Path) -> Library:
        """Open (creating if needed) the library at ``path`` and make it current.

        Takes the library's instance lock, so a second window on the same library gets a clear
        message instead of silently showing stale data.
        """
        if self.lib is not None and Path(path).resolve() == self.lib.root.resolve():
            return self.lib
        lock = InstanceLock(path, "AnimeID Desktop").acquire()
        try:
            lib = Library.open(path)
        except BaseException:
            lock.release()
            raise
        self.runner.cancel_all()
        if self.lib is not None:
            self.lib.close()
        if self._lock is not None:
            self._lock.release()
        self.lib, self._lock = lib, lock
        self.undo_stack.clear()
        self.libraryChanged.emit()
        self.undoChanged.emit()
        return lib

    def close(self) -> None:
        """Close the library and give up its instance lock (on window close)."""
        if self.lib is not None:
            self.lib.close()
        if self._lock is not None:
            self._lock.release()
        self.lib, self._lock = None, None

    def require_lib(self) -> Library:
        if self.lib is None:
            raise UserError(self.tr("no library is open (File → Open Library…)"))
        return self.lib

    def image_count(self) -> int:
        from animeid_desktop.core.library.labels import image_count

        return image_count(self.lib) if self.lib else 0

    def active_run_id(self) -> Optional[str]:
        """Id of the active model's training run, or None when no model was trained yet."""
        if self.lib is None:
            return None
        from animeid_desktop.core.library import runs

        return runs.active_run_id(self.lib)

    def characters(self) -> List[dict]:
        return labels.list_characters(self.lib) if self.lib else []

    # ------------------------------------------------------------ watched folders
    def watched_folders(self) -> List[str]:
        return [f.path for f in watching.watched_folders(self.lib)] if self.lib else []

    def watch_folder(self, path: str) -> None:
        """Watch ``path``: its pictures are imported now and whenever they change (see :class:`FolderWatcher`)."""
        watching.add_watched_folder(self.require_lib(), path)
        self.watchedFoldersChanged.emit()

    def unwatch_folder(self, path: str) -> None:
        watching.remove_watched_folder(self.require_lib(), path)
        self.watchedFoldersChanged.emit()

    # ------------------------------------------------------------ labelling (undoable)
    def _apply(self, count: int, work: Callable[[], object], title: str) -> None:
        """Run a labelling change: inline when small, on a worker thread when it touches many
        images (20,000 rows take a few hundred ms to write); either way it ends on the undo stack."""
        if count < BULK_INLINE:
            self._record(work())
            return
        self._bulk_seq += 1
        job = self.runner.job(f"labels-{self._bulk_seq}", lambda _control: work(), lib=self.lib, title=title)
        job.succeeded.connect(self._record)
        job.failed.connect(self.error)
        self.message.emit(f"{title}…")
        job.start()

    def _record(self, change) -> None:
        self.undo_stack.push(change)
        self.undoChanged.emit()
        self.labelsChanged.emit(undo.affected_image_ids(change))
        text = translated(change.description)
        self.message.emit(self.tr("{change} — Ctrl+Z undoes").format(change=text[:1].upper() + text[1:]))

    def label(self, image_ids: Iterable[int], character: str, source: str = "manual") -> int:
        """Label images as ``character`` (one transaction, one undo step); returns how many."""
        ids = list(image_ids)
        if not ids:
            return 0
        lib = self.require_lib()
        labels.require_character(lib, character)  # fail now, not in a worker
        self._apply(len(ids), lambda: labels.set_labels(lib, ids, character, source=source),
                    self.tr("Labelling %n image(s) as {character}", "", len(ids)).format(character=character))
        return len(ids)

    def toggle_character(self, image_ids: Iterable[int], character: str) -> bool:
        """Add ``character`` to the images, or remove it when every one of them carries it already
        (one undo step either way); returns True when it was added."""
        ids = list(image_ids)
        if not ids:
            return False
        lib = self.require_lib()
        labels.require_character(lib, character)
        having = image_characters.characters_by_image(lib, ids)
        remove = all(character in having.get(i, ()) for i in ids)
        if remove:
            self._apply(len(ids), lambda: image_characters.remove_character(lib, ids, character),
                        self.tr("Removing {character} from %n image(s)", "", len(ids)).format(character=character))
        else:
            self._apply(len(ids), lambda: image_characters.add_character(lib, ids, character),
                        self.tr("Adding {character} to %n image(s)", "", len(ids)).format(character=character))
        return not remove

    def set_region(self, image_id: int, character: str, region: Optional[Region]) -> None:
        """Box ``character`` on one image (adding the character when the image lacks it), or remove its
        box with None; one undo step."""
        lib = self.require_lib()
        has = character in image_characters.characters_by_image(lib, [image_id]).get(image_id, [])
        if has or region is None:
            self._record(image_characters.set_region(lib, image_id, character, region))
            return
        with undo.compound(lib, f"add {character} with a box on 1 image") as step:
            step.add(image_characters.add_character(lib, [image_id], character))
            step.add(image_characters.set_region(lib, image_id, character, region))
        self._record(step)

    def unlabel(self, image_ids: Iterable[int]) -> int:
        ids = list(image_ids)
        if not ids:
            return 0
        lib = self.require_lib()
        self._apply(len(ids), lambda: labels.clear_labels(lib, ids),
                    self.tr("Removing %n label(s)", "", len(ids)))
        return len(ids)

    def label_many(self, suggestions: Dict[int, Sequence[Suggested]], source: str = "confirmed",
                   description: str = "") -> int:
        """Give each image its own suggested characters (with their face boxes) in one transaction and one
        undo step."""
        lib = self.require_lib()
        missing = {s.character for items in suggestions.values() for s in items
                   if labels.character_id(lib, s.character) is None}
        for name in sorted(missing):  # a predicted character may have been renamed since training
            labels.add_character(lib, name)
        if missing:
            self.charactersChanged.emit()

        def work():
            change = image_characters.apply_suggestions(lib, suggestions, source=source)
            return replace(change, description=description) if description else change

        self._apply(len(suggestions), work, self.tr("Labelling %n image(s)", "", len(suggestions)))
        return len(suggestions)

    def set_attributes(self, image_ids: Iterable[int], character: str, values: Dict[str, Optional[str]]) -> None:
        """Set (or clear, with None) attribute values on images; undoable."""
        ids = list(image_ids)
        if ids and values:
            lib = self.require_lib()
            labels.attribute_defs(lib, character)  # unknown character: fail now
            self._apply(len(ids), lambda: undo.set_attribute_values_undoable(lib, ids, character, values),
                        self.tr("Setting attributes of %n image(s)", "", len(ids)))

    def undo(self) -> None:
        change = self.undo_stack.undo(self.require_lib())
        self._after_history(change, self.tr("Undid: {change}"))

    def redo(self) -> None:
        change = self.undo_stack.redo(self.require_lib())
        self._after_history(change, self.tr("Redid: {change}"))

    def _after_history(self, change, template: str) -> None:
        self.undoChanged.emit()
        if change is not None:
            self.labelsChanged.emit(undo.affected_image_ids(change))
            self.message.emit(template.format(change=translated(change.description)))

    # ------------------------------------------------------------ characters and attributes
    def add_character(self, name: str) -> int:
        cid = labels.add_character(self.require_lib(), name)
        self.charactersChanged.emit()
        return cid

    def rename_character(self, old: str, new: str) -> None:
        labels.rename_character(self.require_lib(), old, new)
        self.charactersChanged.emit()
        self.labelsChanged.emit([])

    def merge_characters(self, source: str, target: str) -> int:
        """Merge ``source`` into ``target`` (not undoable: the history is cleared)."""
        moved = labels.merge_characters(self.require_lib(), source, target)
        self._structure_changed(self.tr("Merged {source} into {target} (%n image(s))", "", moved)
                                .format(source=source, target=target))
        return moved

    def delete_character(self, name: str) -> int:
        """Delete a character; its images become unlabelled (not undoable: the history is cleared)."""
        count = labels.delete_character(self.require_lib(), name)
        self._structure_changed(self.tr("Deleted {name}; %n image(s) are unlabelled now", "", count).format(name=name))
        return count

    def _structure_changed(self, text: str) -> None:
        self.undo_stack.clear()
        self.undoChanged.emit()
        self.charactersChanged.emit()
        self.labelsChanged.emit([])
        self.message.emit(text)

    def define_attribute(self, character: str, key: str, type_: str, choices: Optional[List[str]] = None) -> None:
        labels.define_attribute(self.require_lib(), character, key, type_, choices)
        self.charactersChanged.emit()

    def rename_attribute(self, character: str, old: str, new: str) -> None:
        new = new.strip()
        if not new:
            raise UserError(self.tr("an attribute needs a non-empty name"))
        if any(d["key"] == new for d in labels.attribute_defs(self.require_lib(), character)):
            raise UserError(self.tr("{character} already has an attribute called '{name}'").format(character=character,
                                                                                                   name=new))
        labels.rename_attribute(self.require_lib(), character, old, new)
        self.charactersChanged.emit()
        self.labelsChanged.emit([])

    def delete_attribute(self, character: str, key: str) -> None:
        labels.delete_attribute(self.require_lib(), character, key)
        self._structure_changed(self.tr("Deleted attribute {key} of {character}").format(key=key, character=character))

    # ------------------------------------------------------------ predictions
    def reject_predictions(self, image_ids: Iterable[int]) -> int:
        """Reject the active model's suggestions for these images (they become "unknown")."""
        run_id = self.active_run_id()
        if run_id is None:
            return 0
        ids = list(image_ids)
        count = gallery_query.reject_predictions(self.require_lib(), ids, run_id)
        self.predictionsChanged.emit(ids)
        self.message.emit(self.tr("Rejected %n suggestion(s)", "", count))
        return count
