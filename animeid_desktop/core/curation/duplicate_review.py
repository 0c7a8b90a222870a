"""Duplicate review: near-duplicate groups for the user to act on (keep one, keep all, merge labels,
not duplicates).

Pairs come from :mod:`animeid_desktop.core.engine.near_duplicates`; they are joined into groups with
union-find, largest first. Decisions are stored by content hash in ``duplicate_reviews``: "keep all"
hides a group from review (training still keeps it on one side of the split), "not duplicates"
drops its pairs everywhere.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import combinations
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from animeid_desktop.core.engine.features import FeatureConfig
from animeid_desktop.core.engine.near_duplicates import (
    KINDS,
    DuplicatePair,
    duplicate_pairs,
    pair_key,
    reviews_by_pair,
    shas_of,
    union_find_groups,
)
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.folder import Library, execute_in, utcnow
from animeid_desktop.core.progress import ProgressFn, StopFn


@dataclass
class DuplicateGroup:
    """Images that are copies of each other; ``image_ids`` start with the largest picture."""

    id: int
    image_ids: List[int]
    pairs: List[DuplicatePair]
    characters: Dict[int, Optional[str]] = field(default_factory=dict)
    reviewed: bool = False

    @property
    def kinds(self) -> List[str]:
        return sorted({p.kind for p in self.pairs}, key=KINDS.index)

    @property
    def label_conflict(self) -> bool:
        return len({c for c in self.characters.values() if c}) > 1

    def to_json(self) -> dict:
        return {"id": self.id, "image_ids": self.image_ids, "kinds": self.kinds, "reviewed": self.reviewed,
                "characters": {str(k): v for k, v in self.characters.items()},
                "label_conflict": self.label_conflict, "pairs": [p.to_json() for p in self.pairs]}


@dataclass
class DuplicateReport:
    """Result of a duplicate search over a library."""

    groups: List[DuplicateGroup]
    images: int
    seconds: float
    used_features: bool
    errors: Dict[int, str] = field(default_factory=dict)

    @property
    def duplicate_images(self) -> int:
        return sum(len(g.image_ids) for g in self.groups)

    def to_json(self) -> dict:
        return {"images": self.images, "groups": len(self.groups), "images_in_groups": self.duplicate_images,
                "seconds": round(self.seconds, 2), "used_features": self.used_features,
                "errors": {str(k): v for k, v in self.errors.items()},
                "duplicate_groups": [g.to_json() for g in self.groups]}


def _labels_of(lib: Library, ids: Sequence[int]) -> Dict[int, Optional[str]]:
    out: Dict[int, Optional[str]] = {int(i): None for i in ids}
    for r in L.labelled_by_image(lib):
        if r["id"] in out:
            out[r["id"]] = r["character"]
    return out


def find_duplicates(
    lib: Library,
    image_ids: Optional[Sequence[int]] = None,
    use_features: bool = True,
    include_reviewed: bool = False,
    config: Optional[FeatureConfig] = None,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> DuplicateReport:
    """Groups of near-duplicate images, largest group first (reviewed "keep all" groups hidden by default)."""
    t0 = time.monotonic()
    rows, pairs, errors, used = duplicate_pairs(lib, image_ids, use_features, False, config, on_progress,
                                                should_stop)
    index = {r["id"]: n for n, r in enumerate(rows)}
    members = union_find_groups(len(rows), [(index[p.a], index[p.b]) for p in pairs])
    reviews = reviews_by_pair(lib)
    area = {r["id"]: r["width"] * r["height"] for r in rows}
    labels = _labels_of(lib, [rows[i]["id"] for g in members for i in g])
    groups: List[DuplicateGroup] = []
    for g in sorted(members, key=lambda g: (-len(g), g[0])):
        ids = sorted((rows[i]["id"] for i in g), key=lambda i: (-area[i], i))
        shas = [rows[i]["sha256"] for i in g]
        reviewed = all(reviews.get(pair_key(a, b)) == "keep_all" for a, b in combinations(shas, 2))
        if reviewed and not include_reviewed:
            continue
        id_set = set(ids)
        group_pairs = [p for p in pairs if p.a in id_set]
        groups.append(DuplicateGroup(len(groups) + 1, ids, group_pairs, {i: labels.get(i) for i in ids}, reviewed))
    return DuplicateReport(groups, len(rows), time.monotonic() - t0, used, errors)


# ------------------------------------------------------------------------------------ review actions
def record_review(lib: Library, image_ids: Sequence[int], decision: str) -> int:
    """Remember a decision on every pair of these images: ``keep_all`` (copies, keep them all: the
    group leaves the review list but still stays on one side of training splits) or
    ``not_duplicate`` (a false match: the pairs are ignored everywhere). Returns the pair count."""
    if decision not in ("keep_all", "not_duplicate"):
        raise ValueError(f"unknown decision {decision!r}")
    shas = sorted(set(shas_of(lib, image_ids).values()))
    now = utcnow()
    with lib.write() as conn:
        conn.executemany(
            "INSERT INTO duplicate_reviews(sha_a, sha_b, decision, reviewed_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(sha_a, sha_b) DO UPDATE SET decision = excluded.decision, reviewed_at = excluded.reviewed_at",
            [(a, b, decision, now) for a, b in combinations(shas, 2)],
        )
    return len(shas) * (len(shas) - 1) // 2


def group_characters(lib: Library, image_ids: Sequence[int]) -> List[str]:
    """The distinct characters the images of a group are labelled with, sorted."""
    return sorted({c for c in _labels_of(lib, [int(i) for i in image_ids]).values() if c})


def merge_target(lib: Library, image_ids: Sequence[int]) -> str:
    """The one character a group's labels agree on; :class:`UserError` when there is none or several."""
    present = group_characters(lib, image_ids)
    if not present:
        raise UserError("none of these images is labelled; pick the character to give them")
    if len(present) > 1:
        raise UserError(f"these images carry different characters ({', '.join(present)}); pick one")
    return present[0]


def merge_labels(lib: Library, image_ids: Sequence[int], character: Optional[str] = None) -> L.LabelChange:
    """Give every image of a group the same character: ``character``, or the one label the group has
    (:func:`merge_target`). Returns the change for undo."""
    ids = [int(i) for i in image_ids]
    return L.set_labels(lib, ids, character or merge_target(lib, ids), source="manual")


def keep_one(lib: Library, keep_id: int, image_ids: Sequence[int]) -> Dict[str, object]:
    """Keep ``keep_id`` and remove the other images of the group from the library (files stay on disk).

    When the kept image has no label and the removed ones agree on one, the kept image gets it;
    attribute values are not moved. Not undoable. Returns ``{"removed": n, "labelled_as": name|None}``.
    """
    ids = [int(i) for i in image_ids if int(i) != int(keep_id)]
    if int(keep_id) not in {int(i) for i in image_ids}:
        raise UserError(f"image {keep_id} is not in this group")
    labels = _labels_of(lib, [int(keep_id), *ids])
    inherited = None
    if labels[int(keep_id)] is None:
        others = {labels[i] for i in ids if labels[i]}
        if len(others) == 1:
            inherited = others.pop()
    with lib.write() as conn:
        if inherited:
            L.set_labels(lib, [int(keep_id)], inherited, source="manual")
        execute_in(conn, "DELETE FROM images WHERE id IN ({marks})", ids)
    return {"removed": len(ids), "labelled_as": inherited}


def planted_pairs_found(groups: Sequence[DuplicateGroup], pairs: Iterable[Tuple[int, int]]) -> Set[Tuple[int, int]]:
    """Which of the given (a, b) id pairs ended up in one group (for tests and benchmarks)."""
    where = {i: g.id for g in groups for i in g.image_ids}
    return {(a, b) for a, b in pairs if a in where and where.get(a) == where.get(b)}
