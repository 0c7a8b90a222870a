"""The seed's side file for several characters per image: ``image_characters.json``.

The reference system's two seed files hold one character per image; a group shot is written there
under its first character (by name). This side file lists every character of each image that has
several, or a box: ``{"format": "animeid-image-characters", "version": 1, "images": [{"path",
"sha256", "characters": [{"name", "source", "labelled_at", "box": [x0, y0, x1, y1] or null,
"box_source"}]}]}`` (boxes normalised to 0..1). Importing adds what is missing and never removes.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library, utcnow
from animeid_desktop.core.library.label_state import LABEL_SOURCES, LabelRow, Region, insert_row

GROUPS_FILE = "image_characters.json"
GROUPS_FORMAT = "animeid-image-characters"
GROUPS_VERSION = 1


@dataclass
class GroupsApplied:
    """What reading the side file added."""

    labels: int = 0
    boxes: int = 0


def groups_document(lib: Library) -> Optional[dict]:
    """The side file's document, or None when no image has several characters or a box."""
    rows = lib.query(
        "SELECT i.id, i.path, i.sha256, c.name, l.source, l.labelled_at, l.x0, l.y0, l.x1, l.y1, l.box_source "
        "FROM labels l JOIN images i ON i.id = l.image_id JOIN characters c ON c.id = l.character_id "
        "WHERE l.image_id IN (SELECT image_id FROM labels GROUP BY image_id "
        "HAVING COUNT(*) >= 2 OR COUNT(box_source) >= 1) ORDER BY i.id, c.name COLLATE NOCASE"
    )
    images: Dict[int, dict] = {}
    for r in rows:
        entry = images.setdefault(r["id"], {"path": r["path"], "sha256": r["sha256"], "characters": []})
        box = [r["x0"], r["y0"], r["x1"], r["y1"]] if r["box_source"] else None
        entry["characters"].append({"name": r["name"], "source": r["source"], "labelled_at": r["labelled_at"],
                                    "box": box, "box_source": r["box_source"]})
    if not images:
        return None
    return {"format": GROUPS_FORMAT, "version": GROUPS_VERSION, "images": list(images.values())}


def _region(spec: dict) -> Optional[Region]:
    box = spec.get("box")
    if not (isinstance(box, list) and len(box) == 4):
        return None
    return Region(*(float(v) for v in box), spec.get("box_source") or "user")


def apply_groups_document(
    lib: Library, doc: dict, *, resolve: Callable[[str], str], conflicts: List[Tuple[str, str]]
) -> GroupsApplied:
    """Add the side file's characters and boxes to the matching images (``resolve``: seed path -> file path)."""
    if not isinstance(doc, dict) or doc.get("format") != GROUPS_FORMAT:
        raise UserError(f"{GROUPS_FILE}: not an {GROUPS_FORMAT} document")
    applied = GroupsApplied()
    char_ids = {r["name"]: r["id"] for r in lib.query("SELECT id, name FROM characters")}
    with lib.write() as conn:
        for entry in doc.get("images") or []:
            if not isinstance(entry, dict):
                continue
            path = resolve(str(entry.get("path") or ""))
            row = conn.execute("SELECT id FROM images WHERE sha256 = ?", (entry.get("sha256") or "",)).fetchone()
            row = row or conn.execute("SELECT id FROM images WHERE path = ?", (os.path.abspath(path),)).fetchone()
            if row is None:
                continue
            for spec in entry.get("characters") or []:
                try:
                    _apply_one(conn, row[0], spec, char_ids, applied)
                except (UserError, TypeError, ValueError) as exc:
                    conflicts.append((path, f"{GROUPS_FILE}: {exc}"))
    return applied


def _apply_one(
    conn: sqlite3.Connection, image_id: int, spec: dict, char_ids: Dict[str, int], applied: GroupsApplied
) -> None:
    cid = char_ids.get(spec.get("name"))
    if cid is None:
        raise UserError(f"unknown character {spec.get('name')!r}")
    region = _region(spec)
    found = conn.execute("SELECT box_source FROM labels WHERE image_id = ? AND character_id = ?",
                         (image_id, cid)).fetchone()
    if found is None:
        source = spec.get("source") if spec.get("source") in LABEL_SOURCES else "imported"
        insert_row(conn, image_id, LabelRow(cid, source, spec.get("labelled_at") or utcnow(), region))
        applied.labels += 1
        applied.boxes += region is not None
    elif found[0] is None and region is not None:
        conn.execute("UPDATE labels SET x0 = ?, y0 = ?, x1 = ?, y1 = ?, box_source = ? "
                     "WHERE image_id = ? AND character_id = ?", (*region.box, region.source, image_id, cid))
        applied.boxes += 1


def write_or_remove(folder: Path, doc: Optional[dict], write_json: Callable[[Path, dict], None]) -> None:
    """Write the side file, or remove a stale one when there is nothing to say."""
    target = folder / GROUPS_FILE
    if doc is not None:
        write_json(target, doc)
    elif target.is_file():
        target.unlink()
