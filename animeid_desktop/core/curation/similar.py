"""Find similar: the library images that look most like one image, with scores.

The query is a library image (by id or path) or any image file; the answer ranks the library's
images by cosine similarity of their cached backbone features (:mod:`neighbours`). One query is
answered by brute force on the features kept in memory between queries (:mod:`similar_index`), which
beats building an index for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import numpy as np

from animeid_desktop.core.curation.similar_index import library_unit_features
from animeid_desktop.core.engine.features import FeatureConfig, file_features
from animeid_desktop.core.engine.neighbours import nearest_unit
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.image_characters import characters_by_image
from animeid_desktop.core.progress import ProgressFn, StopFn

DEFAULT_LIMIT = 10


@dataclass(frozen=True)
class SimilarImage:
    """One library image close to the query."""

    image_id: int
    path: str
    score: float  # cosine similarity of the features, 1 = same look
    character: Optional[str]

    def to_json(self) -> dict:
        return {"id": self.image_id, "path": self.path, "score": round(self.score, 4), "character": self.character}


@dataclass(frozen=True)
class SimilarResult:
    """The query (a library image id, or None for an outside file) and its closest library images, best first."""

    query: str
    image_id: Optional[int]
    matches: List[SimilarImage]

    def to_json(self) -> dict:
        return {"query": self.query, "image_id": self.image_id, "matches": [m.to_json() for m in self.matches]}


def resolve_image(lib: Library, query: str) -> Tuple[Optional[int], Optional[Path]]:
    """``(image id, None)`` for a library image given by id or path, ``(None, file)`` for another existing file."""
    text = str(query).strip()
    if text.isdigit() and not Path(text).is_file():
        if lib.scalar("SELECT id FROM images WHERE id = ? AND status = 'ok'", (int(text),)) is None:
            raise UserError(f"no readable library image with id {text}")
        return int(text), None
    path = Path(text).expanduser()
    for candidate in dict.fromkeys((text, str(path), str(path.resolve()))):
        found = lib.scalar("SELECT id FROM images WHERE path = ? AND status = 'ok'", (candidate,))
        if found is not None:
            return int(found), None
    if not path.is_file():
        raise UserError(f"{text} is neither a library image id nor an image file")
    return None, path


def rank_similar(ids: Sequence[int], unit: np.ndarray, vector: np.ndarray, *, limit: int,
                 skip: Optional[int] = None) -> List[Tuple[int, float]]:
    """``(image id, score)`` of the ``limit`` unit rows (of images ``ids``) closest to ``vector``, ``skip`` left out."""
    nb = nearest_unit(unit, vector, k=limit + 1)
    found = [(ids[r], float(s)) for r, s in zip(nb.rows[0], nb.scores[0]) if ids[r] != skip]
    return found[:limit]


def find_similar(
    lib: Library,
    query: str,
    *,
    limit: int = DEFAULT_LIMIT,
    config: Optional[FeatureConfig] = None,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> SimilarResult:
    """The ``limit`` library images most like ``query`` (an image id, a library path or any image file)."""
    if limit < 1:
        raise UserError("--limit must be 1 or more")
    image_id, outside = resolve_image(lib, query)
    feats = library_unit_features(lib, config, on_progress, should_stop)
    if outside is not None:
        try:
            vector = file_features(outside, config)
        except ValueError as exc:
            raise UserError(f"cannot read {outside}: {exc}") from exc
    else:
        rows = feats.row_of()
        if image_id not in rows:
            raise UserError(f"image {image_id} could not be read: {feats.errors.get(image_id, 'no features')}")
        vector = feats.unit[rows[image_id]]
    found = rank_similar(feats.ids, feats.unit, vector, limit=limit, skip=image_id)
    paths = {r["id"]: r["path"] for r in lib.query_in("SELECT id, path FROM images WHERE id IN ({marks})",
                                                      [i for i, _s in found])}
    names = characters_by_image(lib, [i for i, _s in found])
    matches = [SimilarImage(i, paths.get(i, ""), s, "+".join(names[i]) if i in names else None) for i, s in found]
    return SimilarResult(str(query), image_id, matches)
