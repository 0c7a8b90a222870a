"""Undo/redo of label and attribute changes, single and grouped."""

from __future__ import annotations

import pytest

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import undo
from animeid_desktop.core.library.folder import utcnow
from animeid_desktop.core.library.labels import (
    add_character,
    attribute_values,
    clear_labels,
    define_attribute,
    delete_character,
    set_labels,
)


@pytest.fixture
def lib(library):
    with library.write() as conn:
        for n in range(4):
            conn.execute(
                "INSERT INTO images(sha256, path, byte_size, format, width, height, added_at) "
                "VALUES (?, ?, 1, 'png', 1, 1, ?)",
                (f"{n:064x}", f"/p/{n}.png", utcnow()),
            )
    add_character(library, "alice")
    add_character(library, "bob")
    return library


def _labels(lib):
    return {r["image_id"]: r["name"] for r in lib.query(
        "SELECT l.image_id, c.name FROM labels l JOIN characters c ON c.id = l.character_id")}


def test_label_undo_redo_sequence(lib):
    stack = undo.UndoStack()
    stack.push(set_labels(lib, [1, 2, 3], "alice"))
    stack.push(set_labels(lib, [2], "bob"))
    stack.push(clear_labels(lib, [3]))
    assert _labels(lib) == {1: "alice", 2: "bob"}
    assert stack.undo_text() == "unlabel 1 image(s)"
    stack.undo(lib)
    assert _labels(lib) == {1: "alice", 2: "bob", 3: "alice"}
    stack.undo(lib)
    stack.undo(lib)
    assert _labels(lib) == {}
    assert not stack.can_undo() and stack.undo(lib) is None
    stack.redo(lib)
    assert _labels(lib) == {1: "alice", 2: "alice", 3: "alice"}
    # a new change drops the redo history
    stack.push(set_labels(lib, [4], "bob"))
    assert not stack.can_redo()


def test_compound_is_one_step_and_one_transaction(lib):
    stack = undo.UndoStack()
    with undo.compound(lib, "confirm 3") as step:
        step.add(set_labels(lib, [1, 2], "alice", source="confirmed"))
        step.add(set_labels(lib, [3], "bob", source="confirmed"))
    stack.push(step)
    assert step.count == 3 and sorted(undo.affected_image_ids(step)) == [1, 2, 3]
    stack.undo(lib)
    assert _labels(lib) == {}
    stack.redo(lib)
    assert _labels(lib) == {1: "alice", 2: "alice", 3: "bob"}

    with pytest.raises(UserError):
        with undo.compound(lib, "broken") as step:
            step.add(set_labels(lib, [4], "alice"))
            set_labels(lib, [4], "nobody")
    assert 4 not in _labels(lib)  # rolled back as a whole


def test_attribute_undo(lib):
    define_attribute(lib, "alice", "glasses", "bool")
    define_attribute(lib, "alice", "outfit", "choice", ["school", "casual"])
    set_labels(lib, [1, 2], "alice")
    stack = undo.UndoStack()
    stack.push(undo.set_attribute_values_undoable(lib, [1], "alice", {"glasses": "yes"}))
    stack.push(undo.set_attribute_values_undoable(lib, [1, 2], "alice", {"glasses": "no", "outfit": "school"}))
    assert attribute_values(lib, 2) == {"glasses": "0", "outfit": "school"}
    stack.push(undo.set_attribute_values_undoable(lib, [2], "alice", {"outfit": None}))
    assert attribute_values(lib, 2) == {"glasses": "0"}
    stack.undo(lib)
    stack.undo(lib)
    assert attribute_values(lib, 1) == {"glasses": "1"}
    assert attribute_values(lib, 2) == {}
    with pytest.raises(UserError):
        undo.set_attribute_values_undoable(lib, [1], "alice", {"hat": "yes"})


def test_undo_after_character_deleted_is_a_user_error(lib):
    stack = undo.UndoStack()
    stack.push(set_labels(lib, [1], "alice"))
    stack.push(set_labels(lib, [1], "bob"))
    delete_character(lib, "alice")
    with pytest.raises(UserError, match="deleted"):
        stack.undo(lib)
    # the failed step is dropped; the older one still undoes cleanly
    assert stack.undo_text() == "label 1 image(s) as alice" and not stack.can_redo()
    stack.undo(lib)
    assert _labels(lib) == {}


def test_limit():
    stack = undo.UndoStack(limit=2)
    for n in range(4):
        stack.push(undo.CompoundChange(f"c{n}", [undo.AttributeChange("a")]))
    assert stack.undo_text() == "c3"
    stack.push(undo.CompoundChange("empty"))
    assert stack.undo_text() == "c3"
