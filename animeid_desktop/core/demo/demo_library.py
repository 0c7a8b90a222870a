"""A ready-to-explore demo library: synthetic characters, labelled folders, loose images, attributes."""

from __future__ import annotations

import json
import os
from typing import Dict, Optional

from animeid_desktop.core.demo import synthetic, synthetic_groups
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import ImportReport, import_paths
from animeid_desktop.core.library.labels import define_attribute, list_characters, normalise_value
from animeid_desktop.core.media.hashing import file_sha256
from animeid_desktop.core.progress import ProgressFn

DEMO_FOLDER = "demo-images"


def build_demo_library(
    lib: Library,
    n_characters: int = 6,
    per_character: int = 24,
    unlabelled: int = 30,
    seed: int = 0,
    on_progress: Optional[ProgressFn] = None,
    group_shots: int = 0,
) -> ImportReport:
    """Write synthetic pictures to ``<library>/demo-images/``, import them and set their attributes.

    Subfolders become labelled characters, loose ``unsorted_*`` files stay unlabelled (for
    recognition), and every character gets :data:`synthetic.ATTRIBUTE_DEFS` with the per-image
    values from ``attributes.json``. ``group_shots`` loose ``group_*`` pictures show two or three of
    the characters each; their names and face boxes are in ``group_truth.json``. Running it again adds
    nothing new (import is idempotent).
    """
    if n_characters < 1 or per_character < 1 or unlabelled < 0 or group_shots < 0:
        raise UserError("the demo needs at least 1 character with at least 1 image each")
    if group_shots and n_characters < 2:
        raise UserError("group shots need at least 2 demo characters: raise the number of characters")
    progress = on_progress or (lambda done, total, message="": None)
    root = lib.root / DEMO_FOLDER
    progress(0, 0, "drawing synthetic characters")
    written = synthetic.write_folder(
        root, n_characters=n_characters, per_character=per_character, unlabelled=unlabelled, seed=seed
    )
    if group_shots:
        synthetic_groups.write_group_shots(root, group_shots, synthetic.make_specs(n_characters, seed), seed=seed)
    report = import_paths(lib, [root], on_progress=progress)
    names = [name for name in written if name]
    values: Dict[str, Dict[str, str]] = json.loads((root / "attributes.json").read_text(encoding="utf-8"))
    with lib.write() as conn:
        defs: Dict[str, Dict[str, dict]] = {}
        for name in names:
            defs[name] = {}
            for key, type_, choices in synthetic.ATTRIBUTE_DEFS:
                attr_id = define_attribute(lib, name, key, type_, choices)
                defs[name][key] = {"id": attr_id, "key": key, "type": type_, "choices": choices}
        rows = []
        for rel, attrs in values.items():
            name = rel.split("/", 1)[0]
            path = os.path.abspath(root / rel)
            image_id = conn.execute("SELECT id FROM images WHERE path = ?", (path,)).fetchone()
            if image_id is None and os.path.isfile(path):  # same content imported earlier from elsewhere
                image_id = conn.execute("SELECT id FROM images WHERE sha256 = ?", (file_sha256(path),)).fetchone()
            if image_id is None or name not in defs:
                continue
            for key, value in attrs.items():
                if key in defs[name]:
                    defn = defs[name][key]
                    rows.append((image_id[0], defn["id"], normalise_value(defn, value)))
        conn.executemany(
            "INSERT INTO attribute_values(image_id, attr_id, value) VALUES (?, ?, ?) "
            "ON CONFLICT(image_id, attr_id) DO UPDATE SET value = excluded.value",
            rows,
        )
    return report


def demo_summary(lib: Library) -> str:
    """A short human description of the demo library's characters."""
    chars = list_characters(lib)
    return ", ".join(f"{c['name']} ({c['images']})" for c in chars)
