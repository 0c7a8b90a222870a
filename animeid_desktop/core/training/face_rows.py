"""What training learns from when labels carry face boxes (issue 16, point 3).

- An image with one character: the whole picture, plus the crop of its box when it has one.
- A group shot whose characters all have boxes: one crop per character (never the whole picture).
- A group shot with a character lacking a box: left out, with the reason.

A crop row looks like an image row (``id``, ``sha256``, ``path``, ``character``) so features, splits
and fine-tuning treat it as one more picture: ``sha256`` is the crop's key
(:func:`~animeid_desktop.core.media.face_crops.crop_key`), ``path`` its file in the library's crop
cache, written by :func:`write_crops` before features are computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.runs import SkippedImage
from animeid_desktop.core.media.face_crops import crop_key, crop_path, write_crop
from animeid_desktop.core.media.images import ImageError
from animeid_desktop.core.progress import StopFn, check_stop

_LABELS_SQL = (
    "SELECT i.id, i.sha256, i.path, c.name AS character, l.x0, l.y0, l.x1, l.y1, l.box_source "
    "FROM labels l JOIN images i ON i.id = l.image_id JOIN characters c ON c.id = l.character_id "
    "WHERE i.status = 'ok' ORDER BY i.id, c.name COLLATE NOCASE"
)


@dataclass(frozen=True)
class TrainingRows:
    """The rows training uses (pictures and crops) and the group shots it leaves out."""

    rows: List[dict]
    left_out: Tuple[SkippedImage, ...]

    @property
    def crops(self) -> List[dict]:
        """The crop rows (they carry ``source`` and ``box``)."""
        return [r for r in self.rows if "box" in r]


DETECTED_BY_RUN = "detected"  # ``box_source`` of a crop a run found itself (training.detected_faces); not a label's


def crop_row(lib: Library, picture: dict, box: tuple) -> dict:
    """The row of the crop of ``box`` in ``picture`` (a row or label with ``id``, ``sha256``, ``path``,
    ``character``)."""
    key = crop_key(picture["sha256"], box)
    return {"id": picture["id"], "sha256": key, "path": str(crop_path(lib.cache_dir, key)),
            "character": picture["character"], "source": picture["path"], "box": tuple(box)}


def detected_by_run(row: dict) -> bool:
    """Whether ``row`` is the crop of a face a run found itself (validation and prototypes leave them out)."""
    return row.get("box_source") == DETECTED_BY_RUN


def _crop_row(lib: Library, label: dict) -> dict:
    return crop_row(lib, label, (label["x0"], label["y0"], label["x1"], label["y1"]))


def training_rows(lib: Library) -> TrainingRows:
    """Pictures and crops to train from, by image id (then character), and the group shots left out."""
    by_image: Dict[int, List[dict]] = {}
    for r in lib.query(_LABELS_SQL):
        by_image.setdefault(r["id"], []).append(r)
    rows: List[dict] = []
    left_out: List[SkippedImage] = []
    for labels in by_image.values():
        boxed = [r for r in labels if r["box_source"]]
        if len(labels) == 1:
            first = labels[0]
            rows.append({k: first[k] for k in ("id", "sha256", "path", "character")})
            rows.extend(_crop_row(lib, r) for r in boxed)
        elif len(boxed) == len(labels):
            rows.extend(_crop_row(lib, r) for r in labels)
        else:
            left_out.append(SkippedImage(labels[0]["path"], f"group shot ({len(labels)} characters): needs face boxes"))
    return TrainingRows(rows, tuple(left_out))


def write_crops(rows: Sequence[dict], should_stop: Optional[StopFn] = None) -> Dict[str, str]:
    """Write the crop files of the crop rows that lack one; returns ``{key: reason}`` for those that failed."""
    errors: Dict[str, str] = {}
    for r in rows:
        if "box" not in r:
            continue
        check_stop(should_stop)
        try:
            write_crop(r["source"], Path(r["path"]), r["box"])
        except (ImageError, OSError) as exc:
            errors[r["sha256"]] = f"face crop: {exc}"
    return errors

