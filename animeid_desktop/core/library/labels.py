"""Characters, labels and attributes: every labelling operation, each in one transaction.

Operations that change labels return a :class:`LabelChange` describing the state before and
after, so the GUI can undo and redo them (``apply_label_state``), bulk operations included.
"""

from __future__ import annotations

import json
import os
from typing import Dict, Iterable, List, Mapping, Optional, Sequence

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library, utcnow
from animeid_desktop.core.library.label_state import (
    LabelChange,
    LabelRow,
    LabelState,
    check_source,
    read_label_state,
    unique_ids,
    write_label_state,
)
from animeid_desktop.core.media.hashing import file_sha256

ATTR_TYPES = ("bool", "choice", "text")
PALETTE = [
    "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45",
    "#fabed4", "#469990", "#dcbeff", "#9a6324", "#800000", "#aaffc3", "#808000", "#000075",
]


# ------------------------------------------------------------------ characters
def list_characters(lib: Library) -> List[dict]:
    """All characters with ``id, name, series, colour, images`` (labelled ok images), by name."""
    return lib.query(
        """
        SELECT c.id, c.name, c.series, c.colour,
               COUNT(i.id) AS images
        FROM characters c
        LEFT JOIN labels l ON l.character_id = c.id
        LEFT JOIN images i ON i.id = l.image_id AND i.status = 'ok'
        GROUP BY c.id ORDER BY c.name COLLATE NOCASE
        """
    )


def character_id(lib: Library, name: str) -> Optional[int]:
    """Id of the character called ``name`` or None."""
    return lib.scalar("SELECT id FROM characters WHERE name = ?", (name,))


def require_character(lib: Library, name: str) -> int:
    """Id of ``name``; a :class:`UserError` naming the known characters when it does not exist."""
    cid = character_id(lib, name)
    if cid is None:
        known = ", ".join(c["name"] for c in list_characters(lib)[:10]) or "none yet"
        raise UserError(f"unknown character {name!r} (known: {known}); add it with --create or import a folder")
    return cid


def add_character(lib: Library, name: str, series: Optional[str] = None, colour: Optional[str] = None) -> int:
    """Create a character (or return the existing one with that name)."""
    name = name.strip()
    if not name:
        raise UserError("a character needs a non-empty name")
    with lib.write() as conn:
        row = conn.execute("SELECT id FROM characters WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row[0])
        count = conn.execute("SELECT COUNT(*) FROM characters").fetchone()[0]
        colour = colour or PALETTE[count % len(PALETTE)]
        cur = conn.execute(
            "INSERT INTO characters(name, series, colour, created_at) VALUES (?, ?, ?, ?)",
            (name, series, colour, utcnow()),
        )
        return int(cur.lastrowid)


def rename_character(lib: Library, old: str, new: str) -> None:
    """Rename a character; refuses a name that is taken (use :func:`merge_characters`)."""
    cid = require_character(lib, old)
    new = new.strip()
    if not new:
        raise UserError("a character needs a non-empty name")
    if character_id(lib, new) is not None:
        raise UserError(f"a character called {new!r} exists already; merge instead")
    with lib.write() as conn:
        conn.execute("UPDATE characters SET name = ? WHERE id = ?", (new, cid))


def merge_characters(lib: Library, source: str, target: str) -> int:
    """Move every label and attribute definition of ``source`` into ``target``; delete ``source``."""
    sid, tid = require_character(lib, source), require_character(lib, target)
    if sid == tid:
        return 0
    with lib.write() as conn:
        # a group shot holding both keeps the target's label (and its box) once
        conn.execute("DELETE FROM labels WHERE character_id = ? AND image_id IN "
                     "(SELECT image_id FROM labels WHERE character_id = ?)", (sid, tid))
        moved = conn.execute("UPDATE labels SET character_id = ? WHERE character_id = ?", (tid, sid)).rowcount
        for attr_id, key, _type, _choices in conn.execute(
            "SELECT id, key, type, choices FROM attribute_defs WHERE character_id = ?", (sid,)
        ).fetchall():
            existing = conn.execute(
                "SELECT id FROM attribute_defs WHERE character_id = ? AND key = ?", (tid, key)
            ).fetchone()
            if existing:
                conn.execute(
                    "INSERT OR IGNORE INTO attribute_values(image_id, attr_id, value) "
                    "SELECT image_id, ?, value FROM attribute_values WHERE attr_id = ?",
                    (existing[0], attr_id),
                )
            else:
                conn.execute("UPDATE attribute_defs SET character_id = ? WHERE id = ?", (tid, attr_id))
        conn.execute("DELETE FROM characters WHERE id = ?", (sid,))
    return moved


def delete_character(lib: Library, name: str) -> int:
    """Delete a character; its images become unlabelled (the images themselves stay)."""
    cid = require_character(lib, name)
    with lib.write() as conn:
        n = conn.execute("SELECT COUNT(*) FROM labels WHERE character_id = ?", (cid,)).fetchone()[0]
        conn.execute("DELETE FROM characters WHERE id = ?", (cid,))
    return int(n)


# ------------------------------------------------------------------ labels
def apply_label_state(lib: Library, state: LabelState) -> None:
    """Write a label state (from a :class:`LabelChange`) back, in one transaction: undo/redo."""
    with lib.write() as conn:
        write_label_state(conn, state)


def set_labels(
    lib: Library, image_ids: Iterable[int], character: str, source: str = "manual"
) -> LabelChange:
    """Label every image in ``image_ids`` as ``character`` only (other characters removed), in one transaction.

    A box the image already had for ``character`` is kept.
    """
    check_source(source)
    ids = unique_ids(image_ids)
    cid = require_character(lib, character)
    now = utcnow()
    with lib.write() as conn:
        before = read_label_state(conn, ids)
        after: LabelState = {
            i: (LabelRow(cid, source, now, next((r.region for r in before[i] if r.character_id == cid), None)),)
            for i in ids
        }
        write_label_state(conn, after)
    return LabelChange(f"label {len(ids)} image(s) as {character}", before, after)


def clear_labels(lib: Library, image_ids: Iterable[int]) -> LabelChange:
    """Remove every label of ``image_ids`` in one transaction."""
    ids = unique_ids(image_ids)
    with lib.write() as conn:
        before = read_label_state(conn, ids)
        write_label_state(conn, {i: () for i in ids})
    return LabelChange(f"unlabel {len(ids)} image(s)", before, {i: () for i in ids})


def image_ids_for_paths(lib: Library, paths: Iterable[str]) -> List[int]:
    """Image ids for files given by path (matched by stored path, else by content hash)."""
    ids: List[int] = []
    for p in paths:
        full = os.path.abspath(p)
        row = lib.scalar("SELECT id FROM images WHERE path = ?", (full,))
        if row is None and os.path.isfile(full):
            row = lib.scalar("SELECT id FROM images WHERE sha256 = ?", (file_sha256(full),))
        if row is None:
            raise UserError(f"{p}: not in the library (import it first with 'animeid import')")
        ids.append(int(row))
    return ids


def labelled_images(lib: Library, *, group_shots: bool = False) -> List[dict]:
    """Labelled ok images: rows ``id, sha256, path, character`` ordered by id (then character).

    By default only images with exactly one character (a picture that stands for its character);
    ``group_shots=True``: one row per (image, character), group shots included.
    """
    single = "" if group_shots else "AND (SELECT COUNT(*) FROM labels o WHERE o.image_id = l.image_id) = 1 "
    return lib.query(
        "SELECT i.id, i.sha256, i.path, c.name AS character "
        "FROM labels l JOIN images i ON i.id = l.image_id JOIN characters c ON c.id = l.character_id "
        f"WHERE i.status = 'ok' {single}ORDER BY i.id, c.name COLLATE NOCASE"
    )


def labelled_by_image(lib: Library) -> List[dict]:
    """One row per labelled ok image, group shots included: ``id, sha256, path, character`` (``A+B``)."""
    rows: Dict[int, dict] = {}
    for r in labelled_images(lib, group_shots=True):
        if r["id"] in rows:
            rows[r["id"]]["character"] += "+" + r["character"]
        else:
            rows[r["id"]] = r
    return list(rows.values())


def labelled_counts(lib: Library) -> Dict[str, int]:
    """Labelled ok images per character, for the characters that have any, by name."""
    rows = lib.query(
        "SELECT c.name, COUNT(*) AS n FROM labels l JOIN characters c ON c.id = l.character_id "
        "JOIN images i ON i.id = l.image_id WHERE i.status = 'ok' GROUP BY c.id"
    )
    return {r["name"]: int(r["n"]) for r in sorted(rows, key=lambda r: r["name"])}


def image_count(lib: Library, *, only_ok: bool = False) -> int:
    """How many images the library holds (``only_ok``: decodable ones only)."""
    return int(lib.scalar("SELECT COUNT(*) FROM images" + (" WHERE status = 'ok'" if only_ok else "")))


def character_of(lib: Library, image_id: int) -> Optional[str]:
    """The name of the character an image is labelled as (``A+B`` for several, by name), or None."""
    names = [r["name"] for r in lib.query(
        "SELECT c.name FROM labels l JOIN characters c ON c.id = l.character_id WHERE l.image_id = ? "
        "ORDER BY c.name COLLATE NOCASE", (image_id,))]
    return "+".join(names) or None


def labelled_ids(lib: Library) -> List[int]:
    """Ids of every labelled image (any status), ascending."""
    return [r["image_id"] for r in lib.query("SELECT DISTINCT image_id FROM labels ORDER BY image_id")]


# ------------------------------------------------------------------ training rule
MIN_TRAIN_CHARACTERS = 2  # a classifier needs two classes; one image each is enough (it is not validated)


def training_problem(counts: Mapping[str, int]) -> Optional[str]:
    """Why no model can be trained on these labelled-image counts per character, or None when one can.

    The one rule for "enough labelled images to train", used by training, the health report and the GUI.
    """
    named = sorted((name for name, n in counts.items() if n > 0), key=lambda n: (n.casefold(), n))
    if len(named) >= MIN_TRAIN_CHARACTERS:
        return None
    have = f"only {named[0]!r} has" if named else "no character has"
    return f"{have} labelled images; label images of at least two characters before training"


# ------------------------------------------------------------------ attributes
def define_attribute(
    lib: Library, character: str, key: str, type_: str, choices: Optional[Sequence[str]] = None
) -> int:
    """Define (or redefine) an attribute of a character."""
    if type_ not in ATTR_TYPES:
        raise UserError(f"attribute type must be one of {', '.join(ATTR_TYPES)}, not {type_!r}")
    key = key.strip()
    if not key:
        raise UserError("an attribute needs a non-empty key")
    if type_ == "choice" and not choices:
        raise UserError("a choice attribute needs --choices a,b,c")
    cid = require_character(lib, character)
    payload = json.dumps(list(choices), ensure_ascii=False) if type_ == "choice" else None
    with lib.write() as conn:
        conn.execute(
            "INSERT INTO attribute_defs(character_id, key, type, choices) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(character_id, key) DO UPDATE SET type = excluded.type, choices = excluded.choices",
            (cid, key, type_, payload),
        )
        return int(
            conn.execute(
                "SELECT id FROM attribute_defs WHERE character_id = ? AND key = ?", (cid, key)
            ).fetchone()[0]
        )


def attribute_defs(lib: Library, character: str) -> List[dict]:
    """Attribute definitions of a character: ``id, key, type, choices`` (a list or None)."""
    cid = require_character(lib, character)
    rows = lib.query("SELECT id, key, type, choices FROM attribute_defs WHERE character_id = ? ORDER BY key", (cid,))
    for r in rows:
        r["choices"] = json.loads(r["choices"]) if r["choices"] else None
    return rows


def delete_attribute(lib: Library, character: str, key: str) -> None:
    cid = require_character(lib, character)
    with lib.write() as conn:
        conn.execute("DELETE FROM attribute_defs WHERE character_id = ? AND key = ?", (cid, key))


def rename_attribute(lib: Library, character: str, old: str, new: str) -> None:
    """Rename an attribute key of a character (its values follow); refuses a key that is taken."""
    cid = require_character(lib, character)
    new = new.strip()
    if not new:
        raise UserError("an attribute needs a non-empty key")
    exists = "SELECT 1 FROM attribute_defs WHERE character_id = ? AND key = ?"
    with lib.write() as conn:
        if conn.execute(exists, (cid, old)).fetchone() is None:
            raise UserError(f"{character} has no attribute {old!r}")
        if new != old and conn.execute(exists, (cid, new)).fetchone():
            raise UserError(f"attribute {new!r} of {character} exists already; delete or rename that one first")
        conn.execute("UPDATE attribute_defs SET key = ? WHERE character_id = ? AND key = ?", (new, cid, old))


def normalise_value(defn: dict, value: str) -> str:
    """Check ``value`` against an attribute definition and return its stored text form."""
    if defn["type"] == "bool":
        low = str(value).strip().lower()
        if low in ("1", "true", "yes", "y", "on"):
            return "1"
        if low in ("0", "false", "no", "n", "off"):
            return "0"
        raise UserError(f"attribute {defn['key']!r} is yes/no; got {value!r}")
    if defn["type"] == "choice":
        choices = defn["choices"] or []
        if value not in choices:
            raise UserError(f"attribute {defn['key']!r} must be one of {', '.join(choices)}; got {value!r}")
    return str(value)


def set_attribute_values(lib: Library, image_ids: Iterable[int], character: str, values: Dict[str, str]) -> None:
    """Set attribute values (validated against the character's definitions) on images."""
    defs = {d["key"]: d for d in attribute_defs(lib, character)}
    rows = []
    for key, value in values.items():
        if key not in defs:
            raise UserError(
                f"{character} has no attribute {key!r}; define it with "
                f"'animeid attributes define {character} {key} --type bool'"
            )
        rows.append((defs[key]["id"], normalise_value(defs[key], value)))
    ids = list(image_ids)
    with lib.write() as conn:
        conn.executemany(
            "INSERT INTO attribute_values(image_id, attr_id, value) VALUES (?, ?, ?) "
            "ON CONFLICT(image_id, attr_id) DO UPDATE SET value = excluded.value",
            [(i, a, v) for i in ids for a, v in rows],
        )


def attribute_values(lib: Library, image_id: int) -> Dict[str, str]:
    """Attribute values of one image, by key."""
    rows = lib.query(
        "SELECT d.key, v.value FROM attribute_values v JOIN attribute_defs d ON d.id = v.attr_id WHERE v.image_id = ?",
        (image_id,),
    )
    return {r["key"]: r["value"] for r in rows}
