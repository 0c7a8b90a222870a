"""The stored labels of images as typed records, read and written whole (the unit of undo/redo).

An image carries any number of character labels (decision 0009); each may hold a region: a box
normalised to 0..1 of the image's width and height, drawn by the user or found by the detector.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import execute_in

LABEL_SOURCES = ("manual", "imported", "confirmed")
BOX_SOURCES = ("user", "detector")
# The character names of image ``i`` joined with "+" (by name), or NULL: a column for queries over ``images i``.
CHARACTER_NAMES_SQL = (
    "(SELECT GROUP_CONCAT(name, '+') FROM (SELECT cn.name FROM labels ln JOIN characters cn "
    "ON cn.id = ln.character_id WHERE ln.image_id = i.id ORDER BY cn.name COLLATE NOCASE))"
)


@dataclass(frozen=True)
class Region:
    """Where a character is in its image: ``x0 < x1`` and ``y0 < y1``, all in 0..1; ``source`` user/detector."""

    x0: float
    y0: float
    x1: float
    y1: float
    source: str = "user"

    def __post_init__(self) -> None:
        if self.source not in BOX_SOURCES:
            raise UserError(f"a box comes from {' or '.join(BOX_SOURCES)}, not {self.source!r}")
        if not (0 <= self.x0 < self.x1 <= 1 and 0 <= self.y0 < self.y1 <= 1):
            raise UserError(f"a box needs 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1; got {self.box}")

    @property
    def box(self) -> Tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


@dataclass(frozen=True)
class Suggested:
    """One character a suggestion would label an image with, and its face's box when a face named it."""

    character: str
    region: Optional[Region] = None


@dataclass(frozen=True)
class LabelRow:
    """One character label of an image, as stored."""

    character_id: int
    source: str
    labelled_at: str
    region: Optional[Region] = None


# image id -> every label it carries, by character id (an empty tuple: unlabelled)
LabelState = Dict[int, Tuple[LabelRow, ...]]


@dataclass
class LabelChange:
    """Labels of some images before and after an operation (for undo/redo)."""

    description: str
    before: LabelState = field(default_factory=dict)
    after: LabelState = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.after)

    def labelled_before(self) -> int:
        """How many of the images carried at least one label before."""
        return sum(1 for rows in self.before.values() if rows)


def unique_ids(image_ids: Iterable[int]) -> List[int]:
    """Image ids as ints, first occurrence kept, order kept."""
    return list(dict.fromkeys(int(i) for i in image_ids))


def check_source(source: str) -> None:
    if source not in LABEL_SOURCES:
        raise ValueError(f"unknown label source {source!r}")


def read_label_state(conn: sqlite3.Connection, image_ids: Sequence[int]) -> LabelState:
    """The labels of ``image_ids`` (inside the caller's transaction)."""
    found: Dict[int, List[LabelRow]] = {i: [] for i in image_ids}
    for image_id, cid, source, at, x0, y0, x1, y1, box_source in execute_in(
        conn,
        "SELECT image_id, character_id, source, labelled_at, x0, y0, x1, y1, box_source FROM labels "
        "WHERE image_id IN ({marks}) ORDER BY image_id, character_id",
        image_ids,
    ):
        region = Region(x0, y0, x1, y1, box_source) if box_source else None
        found[image_id].append(LabelRow(cid, source, at, region))
    return {i: tuple(rows) for i, rows in found.items()}


def insert_row(conn: sqlite3.Connection, image_id: int, row: LabelRow) -> None:
    """Store one label, replacing the image's label of the same character."""
    box = row.region.box if row.region else (None, None, None, None)
    conn.execute(
        "INSERT INTO labels(image_id, character_id, source, labelled_at, x0, y0, x1, y1, box_source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(image_id, character_id) DO UPDATE SET "
        "source = excluded.source, labelled_at = excluded.labelled_at, x0 = excluded.x0, y0 = excluded.y0, "
        "x1 = excluded.x1, y1 = excluded.y1, box_source = excluded.box_source",
        (image_id, row.character_id, row.source, row.labelled_at, *box, row.region.source if row.region else None),
    )


def write_label_state(conn: sqlite3.Connection, state: LabelState) -> None:
    """Make each image carry exactly the labels in ``state`` (inside the caller's transaction)."""
    for image_id, rows in state.items():
        conn.execute("DELETE FROM labels WHERE image_id = ?", (image_id,))
        for row in rows:
            insert_row(conn, image_id, row)
