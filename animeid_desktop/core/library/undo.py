"""Undo/redo of labelling operations, Qt-free (the GUI wraps it; the CLI or scripts could use it).

A step is a :class:`~animeid_desktop.core.library.labels.LabelChange` (from ``set_labels`` /
``clear_labels`` or the several-characters operations of ``image_characters``), an
:class:`AttributeChange` (from :func:`set_attribute_values_undoable`) or a
:class:`CompoundChange` grouping several of them into one step (see :func:`compound`). Undoing
writes the "before" state back in one transaction; redoing writes the "after" state.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
from typing import Dict, Iterable, Iterator, List, Optional, Tuple, Union

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.labels import LabelChange, apply_label_state, attribute_defs, set_attribute_values

# (image_id, attr_id) -> stored value, or None when the image had no value
AttributeState = Dict[Tuple[int, int], Optional[str]]


@dataclass
class AttributeChange:
    """Attribute values of some images before and after an edit."""

    description: str
    before: AttributeState = field(default_factory=dict)
    after: AttributeState = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len({image_id for image_id, _ in self.after})


@dataclass
class CompoundChange:
    """Several changes recorded as one undo step (e.g. confirming suggestions of many characters)."""

    description: str
    parts: List[Union[LabelChange, AttributeChange]] = field(default_factory=list)

    def add(self, change: Union[LabelChange, AttributeChange]) -> Union[LabelChange, AttributeChange]:
        """Record one more part; returns it so calls can be wrapped inline."""
        self.parts.append(change)
        return change

    @property
    def count(self) -> int:
        return sum(p.count for p in self.parts)


Change = Union[LabelChange, AttributeChange, CompoundChange]


def _attribute_state(conn: sqlite3.Connection, keys: Iterable[Tuple[int, int]]) -> AttributeState:
    state: AttributeState = {}
    for image_id, attr_id in keys:
        row = conn.execute(
            "SELECT value FROM attribute_values WHERE image_id = ? AND attr_id = ?", (image_id, attr_id)
        ).fetchone()
        state[(image_id, attr_id)] = None if row is None else row[0]
    return state


def apply_attribute_state(lib: Library, state: AttributeState) -> None:
    """Write an attribute state back in one transaction (None deletes the value)."""
    with lib.write() as conn:
        for (image_id, attr_id), value in state.items():
            if value is None:
                conn.execute("DELETE FROM attribute_values WHERE image_id = ? AND attr_id = ?", (image_id, attr_id))
            else:
                conn.execute(
                    "INSERT INTO attribute_values(image_id, attr_id, value) VALUES (?, ?, ?) "
                    "ON CONFLICT(image_id, attr_id) DO UPDATE SET value = excluded.value",
                    (image_id, attr_id, value),
                )


def set_attribute_values_undoable(
    lib: Library, image_ids: Iterable[int], character: str, values: Dict[str, Optional[str]]
) -> AttributeChange:
    """Like ``labels.set_attribute_values`` but returns the change; a value of None clears it."""
    ids = list(dict.fromkeys(int(i) for i in image_ids))
    defs = {d["key"]: d for d in attribute_defs(lib, character)}
    unknown = [k for k in values if k not in defs]
    if unknown:
        raise UserError(f"{character} has no attribute {unknown[0]!r}; define it first")
    keys = [(i, defs[k]["id"]) for i in ids for k in values]
    with lib.write() as conn:
        before = _attribute_state(conn, keys)
        to_set = {k: v for k, v in values.items() if v is not None}
        if to_set:
            set_attribute_values(lib, ids, character, to_set)
        for key, value in values.items():
            if value is None:
                conn.executemany(
                    "DELETE FROM attribute_values WHERE image_id = ? AND attr_id = ?",
                    [(i, defs[key]["id"]) for i in ids],
                )
        after = _attribute_state(conn, keys)
    names = ", ".join(values)
    return AttributeChange(f"set {names} on {len(ids)} image(s)", before, after)


@contextlib.contextmanager
def compound(lib: Library, description: str) -> Iterator[CompoundChange]:
    """Group several labelling operations into one transaction and one undo step.

    ``with compound(lib, "confirm 12 suggestions") as step: step.add(set_labels(...))``
    """
    step = CompoundChange(description)
    with lib.write():
        yield step


def _apply(lib: Library, change: Change, undo: bool) -> None:
    if isinstance(change, CompoundChange):
        parts = reversed(change.parts) if undo else change.parts
        for part in parts:
            _apply(lib, part, undo)
    elif isinstance(change, AttributeChange):
        apply_attribute_state(lib, change.before if undo else change.after)
    else:
        apply_label_state(lib, change.before if undo else change.after)


class UndoStack:
    """Linear undo/redo history of labelling changes, bounded to ``limit`` steps."""

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._done: List[Change] = []
        self._undone: List[Change] = []

    def push(self, change: Change) -> None:
        """Record a change that has just been applied; clears the redo history."""
        if isinstance(change, CompoundChange) and not change.parts:
            return
        self._done.append(change)
        del self._done[: max(0, len(self._done) - self.limit)]
        self._undone.clear()

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo_text(self) -> str:
        """Description of the step :meth:`undo` would revert ('' when none)."""
        return self._done[-1].description if self._done else ""

    def redo_text(self) -> str:
        return self._undone[-1].description if self._undone else ""

    def undo(self, lib: Library) -> Optional[Change]:
        """Revert the last step in one transaction; returns it (None when there is nothing to undo)."""
        if not self._done:
            return None
        change = self._done[-1]
        self._run(lib, change, undo=True)
        self._undone.append(self._done.pop())
        return change

    def redo(self, lib: Library) -> Optional[Change]:
        """Re-apply the last undone step; returns it (None when there is nothing to redo)."""
        if not self._undone:
            return None
        change = self._undone[-1]
        self._run(lib, change, undo=False)
        self._done.append(self._undone.pop())
        return change

    def clear(self) -> None:
        """Forget all history (after operations that cannot be undone, e.g. deleting a character)."""
        self._done.clear()
        self._undone.clear()

    def _run(self, lib: Library, change: Change, undo: bool) -> None:
        try:
            with lib.write():
                _apply(lib, change, undo)
        except sqlite3.IntegrityError as exc:
            # A character or attribute the step refers to was deleted meanwhile.
            (self._done if undo else self._undone).remove(change)
            verb = "undo" if undo else "redo"
            raise UserError(f"cannot {verb} '{change.description}': something it refers to was deleted") from exc


def affected_image_ids(change: Change) -> List[int]:
    """Images whose labels or attributes a change touches (for refreshing views)."""
    if isinstance(change, CompoundChange):
        ids: Dict[int, None] = {}
        for part in change.parts:
            ids.update(dict.fromkeys(affected_image_ids(part)))
        return list(ids)
    if isinstance(change, AttributeChange):
        return list(dict.fromkeys(image_id for image_id, _ in change.after))
    return list(change.after)
