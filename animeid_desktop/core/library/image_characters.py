"""Several characters per image: add, remove, set, box, and ask who is in a picture.

Every write runs in one transaction of the library's single writer and returns a
:class:`~animeid_desktop.core.library.label_state.LabelChange`, so each is one undo step
(``undo.UndoStack.push``). ``labels.set_labels`` stays "label as X only".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library, utcnow
from animeid_desktop.core.library.label_state import (
    LabelChange,
    LabelRow,
    LabelState,
    Region,
    Suggested,
    check_source,
    read_label_state,
    unique_ids,
    write_label_state,
)
from animeid_desktop.core.library.labels import add_character as add_library_character
from animeid_desktop.core.library.labels import character_id, require_character


@dataclass(frozen=True)
class ImageCharacter:
    """One character of an image, for display and export."""

    name: str
    colour: Optional[str]
    source: str
    labelled_at: str
    region: Optional[Region] = None


def _change(lib: Library, ids: List[int], description: str, edit) -> LabelChange:
    """Read the labels of ``ids``, let ``edit(image_id, rows)`` turn each image's rows into new rows, write,
    report."""
    with lib.write() as conn:
        before = read_label_state(conn, ids)
        after: LabelState = {i: tuple(sorted(edit(i, rows), key=lambda r: r.character_id))
                             for i, rows in before.items()}
        write_label_state(conn, {i: rows for i, rows in after.items() if rows != before[i]})
    return LabelChange(description, before, after)


def add_character(lib: Library, image_ids: Iterable[int], character: str, *, source: str = "manual") -> LabelChange:
    """Add ``character`` to each image, keeping the characters it has (an image that has it is unchanged)."""
    check_source(source)
    cid = require_character(lib, character)
    row = LabelRow(cid, source, utcnow())
    ids = unique_ids(image_ids)

    def edit(_image_id, rows):
        return rows if any(r.character_id == cid for r in rows) else (*rows, row)

    return _change(lib, ids, f"add {character} to {len(ids)} image(s)", edit)


def remove_character(lib: Library, image_ids: Iterable[int], character: str) -> LabelChange:
    """Remove ``character`` from each image, keeping its other characters."""
    cid = require_character(lib, character)
    ids = unique_ids(image_ids)
    return _change(lib, ids, f"remove {character} from {len(ids)} image(s)",
                   lambda _i, rows: tuple(r for r in rows if r.character_id != cid))


def set_characters(
    lib: Library, image_ids: Iterable[int], characters: Sequence[str], *, source: str = "manual"
) -> LabelChange:
    """Make each image carry exactly ``characters`` (kept ones keep their source, time and box)."""
    check_source(source)
    cids = list(dict.fromkeys(require_character(lib, name) for name in characters))
    now = utcnow()
    ids = unique_ids(image_ids)

    def edit(_image_id, rows):
        kept = {r.character_id: r for r in rows if r.character_id in cids}
        return tuple(kept.get(cid) or LabelRow(cid, source, now) for cid in cids)

    return _change(lib, ids, f"label {len(ids)} image(s) as {'+'.join(characters)}", edit)


def apply_suggestions(lib: Library, suggestions: Dict[int, Sequence[Suggested]], *,
                      source: str = "confirmed") -> LabelChange:
    """Make each image carry exactly its suggested characters, with their boxes (one undo step; a character
    it already carries keeps its source, time and any box it had); characters missing from the library are
    added first."""
    check_source(source)
    for name in {s.character for items in suggestions.values() for s in items}:
        if character_id(lib, name) is None:  # a predicted character may have been renamed since training
            add_library_character(lib, name)
    now = utcnow()
    wanted = {int(i): {require_character(lib, s.character): s.region for s in items}
              for i, items in suggestions.items()}

    def edit(image_id, rows):
        kept = {r.character_id: r for r in rows}
        return tuple(LabelRow(cid, kept[cid].source, kept[cid].labelled_at, kept[cid].region or region)
                     if cid in kept else LabelRow(cid, source, now, region) for cid, region in wanted[image_id].items())

    return _change(lib, unique_ids(wanted), f"confirm {len(wanted)} suggestion(s)", edit)


def set_region(lib: Library, image_id: int, character: str, region: Optional[Region]) -> LabelChange:
    """Give ``character``'s label on one image a box (None removes it); the image must carry the character."""
    cid = require_character(lib, character)

    def edit(_image_id, rows):
        if not any(r.character_id == cid for r in rows):
            raise UserError(f"image {image_id} is not labelled as {character}; add the character first")
        return tuple(LabelRow(r.character_id, r.source, r.labelled_at, region) if r.character_id == cid else r
                     for r in rows)

    verb = "remove the box of" if region is None else "box"
    return _change(lib, [int(image_id)], f"{verb} {character} on 1 image", edit)


def set_regions(lib: Library, regions: Dict[int, Dict[str, Region]]) -> LabelChange:
    """Boxes for several images' characters at once (``{image id: {character: box}}``), one undo step;
    characters an image does not carry are left alone."""
    by_name = {r["name"]: r["id"] for r in lib.query("SELECT id, name FROM characters")}
    wanted = {i: {by_name[c]: box for c, box in boxes.items() if c in by_name} for i, boxes in regions.items()}

    def edit(image_id, rows):
        boxes = wanted[image_id]
        return tuple(LabelRow(r.character_id, r.source, r.labelled_at, boxes[r.character_id])
                     if r.character_id in boxes else r for r in rows)

    ids = unique_ids(regions)
    return _change(lib, ids, f"box the faces of {len(ids)} image(s)", edit)


def image_characters(lib: Library, image_id: int) -> List[ImageCharacter]:
    """The characters of one image, by name."""
    rows = lib.query(
        "SELECT c.name, c.colour, l.source, l.labelled_at, l.x0, l.y0, l.x1, l.y1, l.box_source "
        "FROM labels l JOIN characters c ON c.id = l.character_id WHERE l.image_id = ? "
        "ORDER BY c.name COLLATE NOCASE",
        (int(image_id),),
    )
    return [
        ImageCharacter(r["name"], r["colour"], r["source"], r["labelled_at"],
                       Region(r["x0"], r["y0"], r["x1"], r["y1"], r["box_source"]) if r["box_source"] else None)
        for r in rows
    ]


def characters_by_image(lib: Library, image_ids: Optional[Sequence[int]] = None) -> Dict[int, List[str]]:
    """Character names (by name) of each labelled image, of all images or only ``image_ids``."""
    sql = ("SELECT l.image_id, c.name FROM labels l JOIN characters c ON c.id = l.character_id {where}"
           "ORDER BY l.image_id, c.name COLLATE NOCASE")
    if image_ids is None:
        rows = lib.query(sql.format(where=""))
    else:
        rows = lib.query_in(sql.format(where="WHERE l.image_id IN ({marks}) "), [int(i) for i in image_ids])
    out: Dict[int, List[str]] = {}
    for r in rows:
        out.setdefault(r["image_id"], []).append(r["name"])
    return out


def group_shot_ids(lib: Library) -> List[int]:
    """Ids of the ok images that carry two or more characters, ascending."""
    return [r["image_id"] for r in lib.query(
        "SELECT l.image_id FROM labels l JOIN images i ON i.id = l.image_id WHERE i.status = 'ok' "
        "GROUP BY l.image_id HAVING COUNT(*) >= 2 ORDER BY l.image_id")]
