"""Near-duplicates: the same picture resized, recompressed, cropped or recoloured, grouped.

Two images are a duplicate pair when
- their perceptual hashes are close (pHash <= 10 and dHash <= 14 differing bits of 64): resized,
  recompressed, lightly edited or recoloured copies; or
- their backbone features are very similar (cosine >= 0.90): crops, edits, variants; or
- their features are similar (cosine >= 0.80) and the hashes half agree (pHash <= 22, dHash <= 20):
  colour variants and crops of one drawing.
The thresholds were set on newgame8 (planted resized/recompressed/cropped/recoloured copies are
found; of the ~120,000 pairs of distinct artworks only variant sets such as one drawing with
different speech bubbles pass). Pairs are joined into groups with union-find.

Users review groups (keep one / keep all / merge labels / not duplicates); decisions are stored
by content hash in ``duplicate_reviews``. Training keeps each group on one side of the
validation split (:func:`split_groups`), so a copy in training never inflates validation accuracy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import combinations
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

import numpy as np

from animeid_desktop.core import labels as L
from animeid_desktop.core.features import FeatureConfig, feature_cache, l2_normalise, library_features
from animeid_desktop.core.jobs import ProgressFn, StopFn, UserError, check_stop
from animeid_desktop.core.library import Library, utcnow
from animeid_desktop.core.perceptual_hashes import HashCache, cached_hashes, hamming_matrix, to_uint64

PHASH_MAX, DHASH_MAX = 10, 14
SIMILAR = 0.90
VARIANT_SIMILAR, VARIANT_PHASH_MAX, VARIANT_DHASH_MAX = 0.80, 22, 20
KINDS = ("exact", "resized", "recompressed", "variant")
_BLOCK = 256
_CHUNK = 500


@dataclass(frozen=True)
class DuplicatePair:
    """Evidence that two images are copies of one picture."""

    a: int
    b: int
    kind: str  # exact | resized | recompressed | variant
    phash_distance: int
    dhash_distance: int
    similarity: Optional[float]

    def to_json(self) -> dict:
        return {"a": self.a, "b": self.b, "kind": self.kind, "phash_distance": self.phash_distance,
                "dhash_distance": self.dhash_distance,
                "similarity": None if self.similarity is None else round(self.similarity, 4)}


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


# ------------------------------------------------------------------------------------ pair search
def _kind(pd: int, dd: int, hashed: bool, size_a: Optional[tuple], size_b: Optional[tuple]) -> str:
    if not hashed:
        return "variant"
    if pd == 0 and dd == 0 and size_a == size_b:
        return "exact"
    if size_a is not None and size_b is not None and size_a != size_b:
        return "resized"
    return "recompressed"


def find_pairs(
    dhashes: np.ndarray,
    phashes: np.ndarray,
    vectors: Optional[np.ndarray] = None,
    sizes: Optional[Sequence[tuple]] = None,
    should_stop: Optional[StopFn] = None,
) -> List[Tuple[int, int, str, int, int, Optional[float]]]:
    """Duplicate pairs ``(i, j, kind, phash_distance, dhash_distance, similarity)`` among n items (i < j).

    ``dhashes``/``phashes`` are uint64 arrays; ``vectors`` (optional, rows unit length) adds the
    feature rules; ``sizes`` (w, h) tells resized from recompressed copies.
    """
    n = len(dhashes)
    out: List[Tuple[int, int, str, int, int, Optional[float]]] = []
    for start in range(0, n, _BLOCK):
        check_stop(should_stop)
        stop = min(n, start + _BLOCK)
        pd = hamming_matrix(phashes[start:stop], phashes).astype(np.int16)
        dd = hamming_matrix(dhashes[start:stop], dhashes).astype(np.int16)
        hashed = (pd <= PHASH_MAX) & (dd <= DHASH_MAX)
        hit = hashed.copy()
        sim = None
        if vectors is not None:
            sim = vectors[start:stop] @ vectors.T
            hit |= sim >= SIMILAR
            hit |= (sim >= VARIANT_SIMILAR) & (pd <= VARIANT_PHASH_MAX) & (dd <= VARIANT_DHASH_MAX)
        rows, cols = np.nonzero(hit)
        for r, j in zip(rows.tolist(), cols.tolist()):
            i = start + r
            if j <= i:
                continue
            s = None if sim is None else float(sim[r, j])
            kind = _kind(int(pd[r, j]), int(dd[r, j]), bool(hashed[r, j]),
                         sizes[i] if sizes else None, sizes[j] if sizes else None)
            out.append((i, j, kind, int(pd[r, j]), int(dd[r, j]), s))
    return out


def union_find_groups(n: int, edges: Iterable[Tuple[int, int]]) -> List[List[int]]:
    """Connected groups (two or more members) of ``n`` items joined by ``edges``, members sorted."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: Dict[int, List[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


# ------------------------------------------------------------------------------------ library
def _image_rows(lib: Library, image_ids: Optional[Sequence[int]]) -> List[dict]:
    sql = "SELECT id, sha256, path, width, height FROM images WHERE status = 'ok'"
    if image_ids is None:
        return lib.query(sql + " ORDER BY id")
    ids = [int(i) for i in image_ids]
    rows: List[dict] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows += lib.query(sql + f" AND id IN ({','.join('?' * len(chunk))})", tuple(chunk))
    return sorted(rows, key=lambda r: r["id"])


def _reviews(lib: Library) -> Dict[Tuple[str, str], str]:
    return {(r["sha_a"], r["sha_b"]): r["decision"]
            for r in lib.query("SELECT sha_a, sha_b, decision FROM duplicate_reviews")}


def _pair_key(a: str, b: str) -> Tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _labels_of(lib: Library, ids: Sequence[int]) -> Dict[int, Optional[str]]:
    out: Dict[int, Optional[str]] = {int(i): None for i in ids}
    for r in L.labelled_images(lib):
        if r["id"] in out:
            out[r["id"]] = r["character"]
    return out


def duplicate_pairs(
    lib: Library,
    image_ids: Optional[Sequence[int]] = None,
    use_features: bool = True,
    only_cached_features: bool = False,
    config: Optional[FeatureConfig] = None,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Tuple[List[dict], List[DuplicatePair], Dict[int, str], bool]:
    """(rows, pairs by image id, decode errors, whether features were used) for a library's images.

    Pairs the user marked "not duplicates" are left out. ``only_cached_features`` uses features
    only for images whose vectors are already cached (no computing), e.g. inside training.
    """
    rows = _image_rows(lib, image_ids)
    hashes, errors = cached_hashes(HashCache.for_library(lib.cache_dir), rows, on_progress, should_stop)
    rows = [r for r in rows if r["sha256"] in hashes]
    vectors = None
    if use_features and rows:
        if only_cached_features:
            cached = feature_cache(lib, config).get_many([r["sha256"] for r in rows])
            if len(cached) == len(rows):
                vectors = l2_normalise(np.stack([cached[r["sha256"]] for r in rows]))
        else:
            feats = library_features(lib, [r["id"] for r in rows], config, on_progress, should_stop)
            rows = [r for r in rows if r["id"] in set(feats.ids)]
            vectors = feats.subset([r["id"] for r in rows]).normalised()
    dh = to_uint64(hashes[r["sha256"]][0] for r in rows)
    ph = to_uint64(hashes[r["sha256"]][1] for r in rows)
    if on_progress:
        on_progress(0, 0, "comparing images")
    raw = find_pairs(dh, ph, vectors, [(r["width"], r["height"]) for r in rows], should_stop)
    reviews = _reviews(lib)
    pairs = [DuplicatePair(rows[i]["id"], rows[j]["id"], kind, pd, dd, s) for i, j, kind, pd, dd, s in raw
             if reviews.get(_pair_key(rows[i]["sha256"], rows[j]["sha256"])) != "not_duplicate"]
    by_sha = {r["sha256"]: r["id"] for r in _image_rows(lib, None)}
    return rows, pairs, {by_sha.get(s, -1): e for s, e in errors.items()}, vectors is not None


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
    reviews = _reviews(lib)
    area = {r["id"]: r["width"] * r["height"] for r in rows}
    labels = _labels_of(lib, [rows[i]["id"] for g in members for i in g])
    groups: List[DuplicateGroup] = []
    for g in sorted(members, key=lambda g: (-len(g), g[0])):
        ids = sorted((rows[i]["id"] for i in g), key=lambda i: (-area[i], i))
        shas = [rows[i]["sha256"] for i in g]
        reviewed = all(reviews.get(_pair_key(a, b)) == "keep_all" for a, b in combinations(shas, 2))
        if reviewed and not include_reviewed:
            continue
        id_set = set(ids)
        group_pairs = [p for p in pairs if p.a in id_set]
        groups.append(DuplicateGroup(len(groups) + 1, ids, group_pairs, {i: labels.get(i) for i in ids}, reviewed))
    return DuplicateReport(groups, len(rows), time.monotonic() - t0, used, errors)


def split_groups(
    lib: Library,
    image_ids: Sequence[int],
    config: Optional[FeatureConfig] = None,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Tuple[List[Optional[int]], int]:
    """For training: a group id per image of ``image_ids`` (None = no duplicate) and the group count.

    Uses perceptual hashes (cached after the first time) and the default backbone's features when
    they are all cached already (head training of the default model has just computed them).
    """
    _rows, pairs, _errors, _used = duplicate_pairs(lib, image_ids, True, True, config, on_progress, should_stop)
    ids = [int(i) for i in image_ids]
    index = {image_id: n for n, image_id in enumerate(ids)}
    members = union_find_groups(len(ids), [(index[p.a], index[p.b]) for p in pairs if p.a in index and p.b in index])
    out: List[Optional[int]] = [None] * len(ids)
    for g, group in enumerate(members):
        for n in group:
            out[n] = g
    return out, len(members)


# ------------------------------------------------------------------------------------ review actions
def _shas(lib: Library, ids: Sequence[int]) -> Dict[int, str]:
    return {r["id"]: r["sha256"] for r in _image_rows(lib, ids)}


def record_review(lib: Library, image_ids: Sequence[int], decision: str) -> int:
    """Remember a decision on every pair of these images: ``keep_all`` (copies, keep them all: the
    group leaves the review list but still stays on one side of training splits) or
    ``not_duplicate`` (a false match: the pairs are ignored everywhere). Returns the pair count."""
    if decision not in ("keep_all", "not_duplicate"):
        raise ValueError(f"unknown decision {decision!r}")
    shas = sorted(set(_shas(lib, image_ids).values()))
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
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            conn.execute(f"DELETE FROM images WHERE id IN ({','.join('?' * len(chunk))})", chunk)
    return {"removed": len(ids), "labelled_as": inherited}


def planted_pairs_found(groups: Sequence[DuplicateGroup], pairs: Iterable[Tuple[int, int]]) -> Set[Tuple[int, int]]:
    """Which of the given (a, b) id pairs ended up in one group (for tests and benchmarks)."""
    where = {i: g.id for g in groups for i in g.image_ids}
    return {(a, b) for a, b in pairs if a in where and where.get(a) == where.get(b)}
