"""Several characters per image: the schema upgrade keeps every label, and each operation is one undo step."""

from __future__ import annotations

import sqlite3

import pytest

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import image_characters as IC
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library import undo
from animeid_desktop.core.library.folder import DB_NAME, Library, utcnow
from animeid_desktop.core.library.label_state import Region
from animeid_desktop.core.library.schema import MIGRATIONS, SCHEMA_VERSION


def _add_images(lib: Library, n: int) -> list[int]:
    with lib.write() as conn:
        return [conn.execute(
            "INSERT INTO images(sha256, path, byte_size, format, width, height, added_at) "
            "VALUES (?, ?, 1, 'png', 8, 8, ?)",
            (f"{i:064x}", f"/pics/{i}.png", utcnow())).lastrowid for i in range(n)]


@pytest.fixture
def lib(library):
    _add_images(library, 4)
    for name in ("aoi", "hifumi", "kou"):
        L.add_character(library, name)
    return library


def _version4_library(root) -> None:
    """A library as the previous schema (version 4) left it: labels of several sources, attribute values."""
    root.mkdir()
    conn = sqlite3.connect(root / DB_NAME, isolation_level=None)
    for number in range(1, 5):
        conn.executescript(f"BEGIN;\n{MIGRATIONS[number - 1]}\nPRAGMA user_version = {number};\nCOMMIT;")
    for n in range(1, 5):
        conn.execute("INSERT INTO images(id, sha256, path, byte_size, format, width, height, added_at) "
                     "VALUES (?, ?, ?, 3, 'png', 4, 4, '2024-01-01T00:00:00+00:00')", (n, f"{n:064x}", f"/old/{n}.png"))
    conn.executemany("INSERT INTO characters(id, name, colour, created_at) VALUES (?, ?, '#123456', '2024-01-01')",
                     [(1, "aoi"), (2, "kou")])
    conn.execute("INSERT INTO attribute_defs(id, character_id, key, type) VALUES (1, 1, 'glasses', 'bool')")
    conn.executemany("INSERT INTO labels VALUES (?, ?, ?, ?)", [
        (1, 1, "manual", "2024-01-02T00:00:00+00:00"), (2, 2, "imported", "2024-01-03T00:00:00+00:00"),
        (3, 1, "confirmed", "2024-01-04T00:00:00+00:00")])
    conn.executemany("INSERT INTO attribute_values VALUES (?, 1, ?)", [(1, "1"), (3, "0")])
    conn.close()


def test_upgrade_from_version_4_keeps_every_label_and_attribute(tmp_path):
    _version4_library(tmp_path / "old")
    lib = Library.open(tmp_path / "old")
    assert lib.schema_version() == SCHEMA_VERSION
    rows = lib.query("SELECT image_id, character_id, source, labelled_at, box_source FROM labels ORDER BY image_id")
    assert rows == [
        {"image_id": 1, "character_id": 1, "source": "manual", "labelled_at": "2024-01-02T00:00:00+00:00",
         "box_source": None},
        {"image_id": 2, "character_id": 2, "source": "imported", "labelled_at": "2024-01-03T00:00:00+00:00",
         "box_source": None},
        {"image_id": 3, "character_id": 1, "source": "confirmed", "labelled_at": "2024-01-04T00:00:00+00:00",
         "box_source": None},
    ]
    assert L.attribute_values(lib, 1) == {"glasses": "1"} and L.attribute_values(lib, 3) == {"glasses": "0"}
    assert L.labelled_counts(lib) == {"aoi": 2, "kou": 1}
    # the upgraded table takes a second character and keeps its foreign keys
    IC.add_character(lib, [1], "kou")
    assert IC.characters_by_image(lib) == {1: ["aoi", "kou"], 2: ["kou"], 3: ["aoi"]}
    with lib.write() as conn:
        conn.execute("DELETE FROM characters WHERE id = 2")
    assert IC.characters_by_image(lib) == {1: ["aoi"], 3: ["aoi"]}
    assert lib.scalar("SELECT COUNT(*) FROM attribute_values") == 2
    lib.close()


def test_add_remove_set_each_one_undo_step(lib):
    stack = undo.UndoStack()
    stack.push(L.set_labels(lib, [1, 2], "aoi"))
    stack.push(IC.add_character(lib, [1, 2, 3], "hifumi"))
    assert IC.characters_by_image(lib) == {1: ["aoi", "hifumi"], 2: ["aoi", "hifumi"], 3: ["hifumi"]}
    assert IC.group_shot_ids(lib) == [1, 2]
    stack.push(IC.remove_character(lib, [2], "aoi"))
    stack.push(IC.set_characters(lib, [4], ["kou", "aoi"]))
    assert IC.characters_by_image(lib) == {1: ["aoi", "hifumi"], 2: ["hifumi"], 3: ["hifumi"], 4: ["aoi", "kou"]}
    assert L.character_of(lib, 4) == "aoi+kou"
    stack.undo(lib)
    stack.undo(lib)
    assert IC.characters_by_image(lib) == {1: ["aoi", "hifumi"], 2: ["aoi", "hifumi"], 3: ["hifumi"]}
    stack.undo(lib)
    assert IC.characters_by_image(lib) == {1: ["aoi"], 2: ["aoi"]}
    stack.redo(lib)
    assert IC.group_shot_ids(lib) == [1, 2]


def test_adding_keeps_source_time_and_box_of_existing_labels(lib):
    L.set_labels(lib, [1], "aoi", source="confirmed")
    IC.set_region(lib, 1, "aoi", Region(0.1, 0.2, 0.5, 0.6, "detector"))
    first = IC.image_characters(lib, 1)[0]
    IC.add_character(lib, [1], "kou")
    IC.set_characters(lib, [1], ["aoi", "hifumi"])
    found = {c.name: c for c in IC.image_characters(lib, 1)}
    assert set(found) == {"aoi", "hifumi"} and found["aoi"] == first
    assert found["aoi"].region == Region(0.1, 0.2, 0.5, 0.6, "detector") and found["hifumi"].region is None


def test_set_region_is_undoable_and_checked(lib):
    IC.add_character(lib, [1], "aoi")
    stack = undo.UndoStack()
    stack.push(IC.set_region(lib, 1, "aoi", Region(0, 0, 0.5, 0.5)))
    assert IC.image_characters(lib, 1)[0].region.box == (0, 0, 0.5, 0.5)
    stack.undo(lib)
    assert IC.image_characters(lib, 1)[0].region is None
    with pytest.raises(UserError, match="not labelled as kou"):
        IC.set_region(lib, 1, "kou", Region(0, 0, 1, 1))
    with pytest.raises(UserError, match="0 <= x0 < x1"):
        Region(0.5, 0, 0.4, 1)
    with pytest.raises(UserError, match="user or detector"):
        Region(0, 0, 1, 1, "guess")


def test_compound_tagging_of_several_characters_is_one_step(lib):
    stack = undo.UndoStack()
    with undo.compound(lib, "tag a group") as step:
        step.add(IC.add_character(lib, [1], "aoi"))
        step.add(IC.add_character(lib, [1], "kou"))
    stack.push(step)
    assert L.character_of(lib, 1) == "aoi+kou"
    stack.undo(lib)
    assert L.character_of(lib, 1) is None
    assert undo.affected_image_ids(step) == [1]


def test_single_and_group_views_of_labelled_images(lib):
    L.set_labels(lib, [1], "aoi")
    IC.set_characters(lib, [2], ["aoi", "kou"])
    assert [(r["id"], r["character"]) for r in L.labelled_images(lib)] == [(1, "aoi")]
    assert [(r["id"], r["character"]) for r in L.labelled_images(lib, group_shots=True)] == [
        (1, "aoi"), (2, "aoi"), (2, "kou")]
    assert L.labelled_counts(lib) == {"aoi": 2, "kou": 1}
    assert L.labelled_ids(lib) == [1, 2]


def test_merging_characters_that_share_a_group_shot(lib):
    IC.set_characters(lib, [1], ["aoi", "kou"])
    L.set_labels(lib, [2], "kou")
    assert L.merge_characters(lib, "kou", "aoi") == 1
    assert IC.characters_by_image(lib) == {1: ["aoi"], 2: ["aoi"]}
    assert L.delete_character(lib, "aoi") == 2


def test_applying_suggestions_sets_each_images_characters_and_keeps_a_users_box(lib):
    from animeid_desktop.core.library.label_state import Suggested

    mine = Region(0.1, 0.1, 0.4, 0.4)
    face = Region(0.5, 0.1, 0.9, 0.5, source="detector")
    IC.set_characters(lib, [1], ["aoi", "kou"])
    IC.set_region(lib, 1, "aoi", mine)
    stack = undo.UndoStack()
    stack.push(IC.apply_suggestions(lib, {1: [Suggested("aoi", face)], 2: [Suggested("hifumi", face), Suggested("kou")],
                                          3: [Suggested("newcomer")]}))
    assert IC.characters_by_image(lib) == {1: ["aoi"], 2: ["hifumi", "kou"], 3: ["newcomer"]}
    regions = {(i, c.name): (c.region, c.source) for i in (1, 2) for c in IC.image_characters(lib, i)}
    assert regions[(1, "aoi")] == (mine, "manual")  # kept as the user made it
    assert regions[(2, "hifumi")] == (face, "confirmed") and regions[(2, "kou")] == (None, "confirmed")
    stack.undo(lib)  # one step
    assert IC.characters_by_image(lib) == {1: ["aoi", "kou"]}
