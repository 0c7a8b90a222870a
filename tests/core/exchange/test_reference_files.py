"""Seed export/import (reference-system files) and export of the labelled set as folders."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.exchange.reference_files import (
    ATTRIBUTES_FILE,
    MAPPING_FILE,
    export_folders,
    export_seed,
    import_seed,
    roles_from_mapping,
    safe_folder_name,
)
from animeid_desktop.core.exchange.seed_groups import GROUPS_FILE
from animeid_desktop.core.library import image_characters as IC
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.library.label_state import Region
from animeid_desktop.core.library.labels import (
    add_character,
    define_attribute,
    image_ids_for_paths,
    list_characters,
    set_attribute_values,
    set_labels,
)


def snapshot(lib: Library) -> dict:
    """Everything a user would call 'the library', independent of row ids and timestamps of adding."""
    chars = lib.query("SELECT name, series, colour FROM characters ORDER BY name")
    defs = lib.query(
        "SELECT c.name, d.key, d.type, d.choices FROM attribute_defs d JOIN characters c ON c.id = d.character_id "
        "ORDER BY c.name, d.key"
    )
    images = lib.query("SELECT sha256, path, byte_size, format, width, height, status FROM images ORDER BY sha256")
    labels = lib.query(
        "SELECT i.sha256, c.name, l.source, l.labelled_at FROM labels l JOIN images i ON i.id = l.image_id "
        "JOIN characters c ON c.id = l.character_id ORDER BY i.sha256, c.name"
    )
    values = lib.query(
        "SELECT i.sha256, c.name, d.key, v.value FROM attribute_values v JOIN images i ON i.id = v.image_id "
        "JOIN attribute_defs d ON d.id = v.attr_id JOIN characters c ON c.id = d.character_id "
        "ORDER BY i.sha256, c.name, d.key"
    )
    return {"characters": chars, "defs": defs, "images": images, "labels": labels, "values": values}


@pytest.fixture
def rich_library(library, tmp_path):
    """Labelled folders, loose images, attributes, a manual relabel, an empty character, a missing file."""
    root = tmp_path / "art"
    written = synthetic.write_folder(root, n_characters=3, per_character=3, size=40, seed=5, unlabelled=2)
    import_paths(library, [root])
    names = [n for n in written if n]
    for key, type_, choices in synthetic.ATTRIBUTE_DEFS:
        define_attribute(library, names[0], key, type_, choices)
    ids = image_ids_for_paths(library, [str(p) for p in written[names[0]]])
    set_attribute_values(library, ids[:2], names[0], {"glasses": "yes", "expression": "smile"})
    set_attribute_values(library, ids[2:], names[0], {"expression": "angry"})
    add_character(library, "缇宝", series="Honkai", colour="#123456")
    define_attribute(library, "缇宝", "note", "text")
    loose = image_ids_for_paths(library, [str(written[""][0])])
    set_labels(library, loose, "缇宝", source="manual")
    set_attribute_values(library, loose, "缇宝", {"note": "found on a forum"})
    add_character(library, "nobody_yet")
    gone = written[names[2]][0]
    os.remove(gone)
    with library.write() as conn:
        conn.execute("UPDATE images SET status = 'missing' WHERE path = ?", (str(gone),))
    return library, written, names


def test_export_then_import_gives_an_equal_library(rich_library, tmp_path):
    lib, _written, _names = rich_library
    info = export_seed(lib, tmp_path / "seed")
    assert info["images"] == 11 and info["characters"] == 5
    other = Library.open(tmp_path / "other")
    report = import_seed(other, tmp_path / "seed")
    assert report.files.added == 10 and len(report.missing) == 1
    expected = snapshot(lib)
    expected["images"] = [i for i in expected["images"] if i["status"] == "ok"]
    missing_sha = {i["sha256"] for i in snapshot(lib)["images"]} - {i["sha256"] for i in expected["images"]}
    expected["labels"] = [r for r in expected["labels"] if r["sha256"] not in missing_sha]
    assert snapshot(other) == expected
    other.close()


def test_group_shots_and_boxes_round_trip_through_the_side_file(rich_library, tmp_path):
    lib, written, names = rich_library
    shot = image_ids_for_paths(lib, [str(written[names[0]][0])])
    IC.add_character(lib, shot, names[1])  # a group shot whose first character has attribute values
    IC.set_region(lib, shot[0], names[1], Region(0.5, 0.1, 0.9, 0.6, "detector"))
    export_seed(lib, tmp_path / "seed")
    attrs = json.loads((tmp_path / "seed" / ATTRIBUTES_FILE).read_text(encoding="utf-8"))
    assert [e["character"] for e in attrs["images"] if e["path"] == str(written[names[0]][0])] == [
        min(names[:2])]  # once, under its first character by name
    side = json.loads((tmp_path / "seed" / GROUPS_FILE).read_text(encoding="utf-8"))
    assert [[c["name"] for c in e["characters"]] for e in side["images"]] == [sorted(names[:2])]
    other = Library.open(tmp_path / "other")
    report = import_seed(other, tmp_path / "seed")
    assert report.boxes == 1 and not report.conflicts
    assert snapshot(other)["labels"] == [r for r in snapshot(lib)["labels"]
                                         if r["sha256"] in {i["sha256"] for i in snapshot(other)["images"]}]
    (other_shot,) = IC.group_shot_ids(other)
    regions = {c.name: c.region for c in IC.image_characters(other, other_shot)}
    assert regions == {names[0]: None, names[1]: Region(0.5, 0.1, 0.9, 0.6, "detector")}
    assert snapshot(other)["values"] == [v for v in snapshot(lib)["values"]
                                         if v["sha256"] in {i["sha256"] for i in snapshot(other)["images"]}]
    other.close()
    IC.remove_character(lib, shot, names[1])
    export_seed(lib, tmp_path / "seed")  # nothing to say any more: the stale side file goes
    assert not (tmp_path / "seed" / GROUPS_FILE).exists()


def test_role_index_covers_characters_with_valid_images_in_stable_order(rich_library, tmp_path):
    lib, _written, names = rich_library
    export_seed(lib, tmp_path / "a")
    export_seed(lib, tmp_path / "b")
    first = (tmp_path / "a" / MAPPING_FILE).read_bytes()
    assert first == (tmp_path / "b" / MAPPING_FILE).read_bytes()
    mapping = json.loads(first)
    assert mapping["roles"] == sorted([*names, "缇宝"])  # nobody_yet has no image
    assert mapping["index_to_role"] == {str(i): n for i, n in enumerate(mapping["roles"])}
    assert mapping["role_to_index"] == {n: i for i, n in enumerate(mapping["roles"])}
    assert mapping["image_counts"][names[2]] == 2  # one of its 3 files is missing
    with lib.write() as conn:  # a character whose only images are missing drops out
        conn.execute("UPDATE images SET status = 'missing' WHERE id IN (SELECT image_id FROM labels l "
                     "JOIN characters c ON c.id = l.character_id WHERE c.name = '缇宝')")
    export_seed(lib, tmp_path / "c")
    assert "缇宝" not in json.loads((tmp_path / "c" / MAPPING_FILE).read_text(encoding="utf-8"))["roles"]


def test_attribute_file_has_definitions_and_per_image_values(rich_library, tmp_path):
    lib, written, names = rich_library
    export_seed(lib, tmp_path / "s")
    doc = json.loads((tmp_path / "s" / ATTRIBUTES_FILE).read_text(encoding="utf-8"))
    assert doc["characters"][names[0]]["attributes"] == {
        "expression": {"type": "choice", "choices": ["smile", "neutral", "angry"]},
        "glasses": {"type": "bool", "choices": None},
    }
    assert doc["characters"]["缇宝"]["series"] == "Honkai"
    by_path = {e["path"]: e for e in doc["images"]}
    first = by_path[str(written[names[0]][0])]
    assert first["character"] == names[0] and first["attributes"] == {"glasses": "1", "expression": "smile"}
    assert by_path[str(written[""][1])]["character"] is None


def test_import_seed_accepts_reference_shapes_and_relative_paths(library, tmp_path):
    seed = tmp_path / "ref"
    (seed / "img").mkdir(parents=True)
    synthetic.make_image(0, size=40)[0].save(seed / "img" / "a.png")
    synthetic.make_image(1, size=40)[0].save(seed / "img" / "b.png")
    (seed / MAPPING_FILE).write_text(json.dumps(["kana", "kana", "rin"]), encoding="utf-8")
    (seed / ATTRIBUTES_FILE).write_text(json.dumps({
        "characters": {"rin": {"attributes": {"glasses": {"type": "bool"}}}},
        "images": [{"path": "img/a.png", "character": "kana"},
                   {"path": "img/b.png", "character": "rin", "attributes": {"glasses": True}}],
    }), encoding="utf-8")
    report = import_seed(library, seed)
    assert report.labels == 2 and report.attribute_values == 1
    assert {c["name"]: c["images"] for c in list_characters(library)} == {"kana": 1, "rin": 1}
    assert library.scalar("SELECT value FROM attribute_values") == "1"


@pytest.mark.parametrize(
    "doc, names",
    [
        (["b", "a", "b"], ["b", "a"]),
        ({"0": "x", "2": "z", "1": "y"}, ["x", "y", "z"]),
        ({"x": 1, "y": 0}, ["y", "x"]),
        ({"roles": ["q"], "index_to_role": {"0": "ignored"}}, ["q"]),
    ],
)
def test_mapping_shapes(doc, names):
    assert roles_from_mapping(doc) == names


def test_import_seed_errors_are_user_errors(library, tmp_path):
    with pytest.raises(UserError, match="no such seed folder"):
        import_seed(library, tmp_path / "nope")
    (tmp_path / "s").mkdir()
    with pytest.raises(UserError, match=MAPPING_FILE):
        import_seed(library, tmp_path / "s")
    (tmp_path / "s" / MAPPING_FILE).write_text("{not json", encoding="utf-8")
    (tmp_path / "s" / ATTRIBUTES_FILE).write_text("{}", encoding="utf-8")
    with pytest.raises(UserError, match="not readable JSON"):
        import_seed(library, tmp_path / "s")


def test_import_seed_keeps_existing_different_labels(rich_library, tmp_path):
    lib, written, names = rich_library
    export_seed(lib, tmp_path / "seed")
    ids = image_ids_for_paths(lib, [str(written[names[1]][0])])
    set_labels(lib, ids, names[0])
    report = import_seed(lib, tmp_path / "seed")
    assert report.files.added == 0 and len(report.conflicts) == 1
    assert lib.scalar("SELECT character_id FROM labels WHERE image_id = ?", ids) == lib.scalar(
        "SELECT id FROM characters WHERE name = ?", (names[0],))


def test_export_folders_round_trips_labels(rich_library, tmp_path):
    lib, _written, _names = rich_library
    info = export_folders(lib, tmp_path / "tree")
    assert info["copied"] == 9 and info["failed"] == []  # 3+3+2 (one file missing) + the loose one labelled 缇宝
    again = export_folders(lib, tmp_path / "tree")
    assert (again["copied"], again["unchanged"]) == (0, 9)
    other = Library.open(tmp_path / "other")
    import_paths(other, [tmp_path / "tree"])
    expected = {c["name"]: c["images"] for c in list_characters(lib) if c["images"]}
    assert {c["name"]: c["images"] for c in list_characters(other)} == expected
    other.close()


def test_export_folders_names_files_by_content_and_avoids_collisions(library, tmp_path):
    for i, sub in enumerate(["one", "two"]):
        (tmp_path / sub).mkdir()
        synthetic.make_image(i, size=40)[0].save(tmp_path / sub / "pic.jpg", "PNG")
    import_paths(library, [tmp_path / "one", tmp_path / "two"], character="a/b: c")
    export_folders(library, tmp_path / "out")
    files = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*"))
    assert files[0] == "a_b_ c"
    assert files[1] == "a_b_ c/pic.png" and files[2].startswith("a_b_ c/pic_") and files[2].endswith(".png")


@pytest.mark.parametrize("name, safe", [("CON", "_CON"), ("a?b", "a_b"), ("dots...", "dots"), ("缇宝", "缇宝")])
def test_safe_folder_name(name, safe):
    assert safe_folder_name(name) == safe


def test_export_into_a_file_is_a_user_error(library, tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(UserError, match="is a file"):
        export_seed(library, tmp_path / "f")
    assert Path(tmp_path / "f").read_text() == "x"
