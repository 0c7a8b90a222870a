"""The demo library: synthetic folders imported with labels, attributes and loose images."""

from __future__ import annotations

import json

from animeid_desktop.core.demo.demo_library import DEMO_FOLDER, build_demo_library
from animeid_desktop.core.demo.synthetic import ATTRIBUTE_DEFS
from animeid_desktop.core.library.labels import attribute_defs, attribute_values, image_ids_for_paths, list_characters


def test_demo_library_has_labels_attributes_and_loose_images(library):
    report = build_demo_library(library, n_characters=3, per_character=4, unlabelled=5, seed=2)
    assert (report.added, report.labelled, report.skipped) == (17, 12, [])
    chars = list_characters(library)
    assert [c["images"] for c in chars] == [4, 4, 4]
    for c in chars:
        assert [(d["key"], d["type"], d["choices"]) for d in attribute_defs(library, c["name"])] == sorted(
            ATTRIBUTE_DEFS)
    truth = json.loads((library.root / DEMO_FOLDER / "attributes.json").read_text(encoding="utf-8"))
    rel, attrs = sorted(truth.items())[0]
    (image_id,) = image_ids_for_paths(library, [str(library.root / DEMO_FOLDER / rel)])
    expected = {k: ("1" if v in ("1", "true") else "0") if k == "glasses" else v for k, v in attrs.items()}
    assert attribute_values(library, image_id) == expected
    assert library.scalar("SELECT COUNT(*) FROM attribute_values") == 12 * len(ATTRIBUTE_DEFS)


def test_building_the_demo_twice_adds_nothing(library):
    build_demo_library(library, n_characters=2, per_character=2, unlabelled=1)
    again = build_demo_library(library, n_characters=2, per_character=2, unlabelled=1)
    assert (again.added, again.duplicates, again.labelled) == (0, 5, 0)
    assert library.scalar("SELECT COUNT(*) FROM images") == 5
