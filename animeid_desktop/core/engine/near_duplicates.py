"""Near-duplicate pair search: the same picture resized, recompressed, cropped or recoloured, grouped.

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

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from animeid_desktop.core.engine.neighbours import EXACT_BELOW, close_pairs, cosine_neighbours, hamming_pairs
from animeid_desktop.core.engine.pair_store import PairStore
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.media.perceptual_hashes import HashCache, cached_hashes, hamming_matrix, to_uint64
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop

if TYPE_CHECKING:
    from animeid_desktop.core.engine.features import FeatureConfig

PHASH_MAX, DHASH_MAX = 10, 14
SIMILAR = 0.90
VARIANT_SIMILAR, VARIANT_PHASH_MAX, VARIANT_DHASH_MAX = 0.80, 22, 20
KINDS = ("exact", "resized", "recompressed", "variant")
NEIGHBOURS = 16  # indexed search: feature neighbours checked per image (a duplicate set larger than this may split)
_BLOCK = 256
Pair = Tuple[int, int, str, int, int, Optional[float]]


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
    *,
    exact_below: int = EXACT_BELOW,
) -> List[Pair]:
    """Duplicate pairs ``(i, j, kind, phash_distance, dhash_distance, similarity)`` among n items (i < j).

    ``dhashes``/``phashes`` are uint64 arrays; ``vectors`` (optional, rows unit length) adds the
    feature rules; ``sizes`` (w, h) tells resized from recompressed copies. From ``exact_below``
    items on, candidates come from the neighbour index (:mod:`neighbours`) instead of all pairs.
    """
    if len(dhashes) >= exact_below:
        return _indexed_pairs(dhashes, phashes, vectors, sizes, should_stop)
    return pairs_of(np.arange(len(dhashes)), dhashes, phashes, vectors, sizes, should_stop)


def pairs_of(
    query: np.ndarray,
    dhashes: np.ndarray,
    phashes: np.ndarray,
    vectors: Optional[np.ndarray] = None,
    sizes: Optional[Sequence[tuple]] = None,
    should_stop: Optional[StopFn] = None,
) -> List[Pair]:
    """Every duplicate pair (``i < j``) with at least one of the items ``query`` (exact, all against all)."""
    n = len(dhashes)
    asked = np.zeros(n, dtype=bool)
    asked[query] = True
    out: List[Pair] = []
    for start in range(0, len(query), _BLOCK):
        check_stop(should_stop)
        rows = query[start : start + _BLOCK]
        pd = hamming_matrix(phashes[rows], phashes).astype(np.int16)
        dd = hamming_matrix(dhashes[rows], dhashes).astype(np.int16)
        hashed = (pd <= PHASH_MAX) & (dd <= DHASH_MAX)
        hit = hashed.copy()
        sim = None
        if vectors is not None:
            sim = vectors[rows] @ vectors.T
            hit |= sim >= SIMILAR
            hit |= (sim >= VARIANT_SIMILAR) & (pd <= VARIANT_PHASH_MAX) & (dd <= VARIANT_DHASH_MAX)
        for r, j in zip(*(a.tolist() for a in np.nonzero(hit))):
            i = int(rows[r])
            if j == i or (asked[j] and j < i):  # itself, or found from j's side
                continue
            s = None if sim is None else float(sim[r, j])
            kind = _kind(int(pd[r, j]), int(dd[r, j]), bool(hashed[r, j]),
                         sizes[i] if sizes else None, sizes[j] if sizes else None)
            out.append((min(i, j), max(i, j), kind, int(pd[r, j]), int(dd[r, j]), s))
    return sorted(out)


def find_pairs_kept(
    store: PairStore,
    shas: Sequence[str],
    dhashes: np.ndarray,
    phashes: np.ndarray,
    vectors: Optional[np.ndarray] = None,
    sizes: Optional[Sequence[tuple]] = None,
    should_stop: Optional[StopFn] = None,
) -> List[Pair]:
    """:func:`find_pairs` of the items with content hashes ``shas``, through ``store``: the pairs among
    items an earlier pass compared are read back, and only the others are compared with every item.
    A first pass, or one where more than a quarter of the items are new, searches them all."""
    index = {sha: i for i, sha in enumerate(shas)}
    kept = store.load(set(index))
    new = np.array([i for i, sha in enumerate(shas) if sha not in kept.compared], dtype=np.int64)
    if not kept.compared or len(new) > len(shas) // 4:
        found = find_pairs(dhashes, phashes, vectors, sizes, should_stop)
        store.save(shas, [(shas[i], shas[j], *rest) for i, j, *rest in found], replace=True)
        return found
    found = []
    if len(new):  # otherwise every hash here was compared with every other already: nothing to record
        found = pairs_of(new, dhashes, phashes, vectors, sizes, should_stop)
        store.save(shas, [(shas[i], shas[j], *rest) for i, j, *rest in found], replace=False)
    old = [(*sorted((index[a], index[b])), kind, pd, dd, sim) for a, b, kind, pd, dd, sim in kept.pairs]
    return sorted(found + old)


def store_name(scope: str, features: Optional[str]) -> str:
    """The pair store of a kind of pass (``scope``) comparing hashes and, when given, the features of
    the cache named ``features``, under today's thresholds."""
    rules = f"p{PHASH_MAX}d{DHASH_MAX}s{SIMILAR:g}v{VARIANT_SIMILAR:g}p{VARIANT_PHASH_MAX}d{VARIANT_DHASH_MAX}"
    return f"{scope}-{rules}-{features or 'hashes'}"


def _indexed_pairs(dhashes: np.ndarray, phashes: np.ndarray, vectors: Optional[np.ndarray],
                   sizes: Optional[Sequence[tuple]], should_stop: Optional[StopFn]) -> List[Pair]:
    """:func:`find_pairs` on candidates: pHash within reach (exact) plus each image's nearest features."""
    found = [hamming_pairs(phashes, radius=PHASH_MAX, exact_below=0, should_stop=should_stop)]
    if vectors is not None:
        nb = cosine_neighbours(vectors, k=NEIGHBOURS, exact_below=0, should_stop=should_stop)
        found.append(close_pairs(nb, VARIANT_SIMILAR))
    cand = np.unique(np.concatenate(found), axis=0)
    i, j = cand[:, 0], cand[:, 1]
    pd = np.bitwise_count(phashes[i] ^ phashes[j]).astype(np.int16)
    dd = np.bitwise_count(dhashes[i] ^ dhashes[j]).astype(np.int16)
    hashed = (pd <= PHASH_MAX) & (dd <= DHASH_MAX)
    hit = hashed.copy()
    sim = None
    if vectors is not None:
        sim = np.concatenate([np.einsum("pd,pd->p", vectors[i[s:s + 4096]], vectors[j[s:s + 4096]])
                              for s in range(0, len(i), 4096)] or [np.zeros(0, np.float32)])
        hit |= sim >= SIMILAR
        hit |= (sim >= VARIANT_SIMILAR) & (pd <= VARIANT_PHASH_MAX) & (dd <= VARIANT_DHASH_MAX)
    out: List[Pair] = []
    for n in np.flatnonzero(hit).tolist():
        a, b = int(i[n]), int(j[n])
        kind = _kind(int(pd[n]), int(dd[n]), bool(hashed[n]), sizes[a] if sizes else None, sizes[b] if sizes else None)
        out.append((a, b, kind, int(pd[n]), int(dd[n]), None if sim is None else float(sim[n])))
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
def hashed_image_rows(lib: Library, image_ids: Optional[Sequence[int]]) -> List[dict]:
    sql = "SELECT id, sha256, path, width, height FROM images WHERE status = 'ok'"
    if image_ids is None:
        return lib.query(sql + " ORDER BY id")
    ids = [int(i) for i in image_ids]
    rows = lib.query_in(sql + " AND id IN ({marks})", ids)
    return sorted(rows, key=lambda r: r["id"])


def reviews_by_pair(lib: Library) -> Dict[Tuple[str, str], str]:
    return {(r["sha_a"], r["sha_b"]): r["decision"]
            for r in lib.query("SELECT sha_a, sha_b, decision FROM duplicate_reviews")}


def pair_key(a: str, b: str) -> Tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _any_cached_features(folder: Path) -> bool:
    """Whether some embedding cache in ``folder`` holds a vector (one that cannot be read counts as yes)."""
    for path in folder.glob("*.sqlite"):
        try:
            conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
            try:
                if conn.execute("SELECT 1 FROM embeddings LIMIT 1").fetchone():
                    return True
            finally:
                conn.close()
        except sqlite3.Error:
            return True
    return False


def _cached_vectors(lib: Library, rows: List[dict], config: Optional[FeatureConfig]) -> Optional[np.ndarray]:
    """Unit-length cached features of every row, or None when some are not cached.

    A library without any cached feature has none to offer: then torch is not even imported.
    """
    if not _any_cached_features(Path(lib.embeddings_dir)):
        return None
    from animeid_desktop.core.engine.features import feature_cache, l2_normalise

    cached = feature_cache(lib, config).get_many([r["sha256"] for r in rows])
    if len(cached) != len(rows):
        return None
    return l2_normalise(np.stack([cached[r["sha256"]] for r in rows]))


def duplicate_pairs(
    lib: Library,
    image_ids: Optional[Sequence[int]] = None,
    use_features: bool = True,
    only_cached_features: bool = False,
    config: Optional[FeatureConfig] = None,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
    *,
    scope: str = "library",
) -> Tuple[List[dict], List[DuplicatePair], Dict[int, str], bool]:
    """(rows, pairs by image id, decode errors, whether features were used) for a library's images.

    Pairs the user marked "not duplicates" are left out. ``only_cached_features`` uses features
    only for images whose vectors are already cached (no computing), e.g. inside training. Pairs are
    kept between passes of the same ``scope`` (:func:`find_pairs_kept`): a pass compares only the images
    that the last one did not hold.
    """
    rows = hashed_image_rows(lib, image_ids)
    hashes, errors = cached_hashes(HashCache.for_library(lib.cache_dir), rows, on_progress, should_stop)
    rows = [r for r in rows if r["sha256"] in hashes]
    vectors = None
    if use_features and rows:
        if only_cached_features:
            vectors = _cached_vectors(lib, rows, config)
        else:
            from animeid_desktop.core.engine.features import library_features

            feats = library_features(lib, [r["id"] for r in rows], config, on_progress, should_stop)
            rows = [r for r in rows if r["id"] in set(feats.ids)]
            vectors = feats.subset([r["id"] for r in rows]).normalised()
    dh = to_uint64(hashes[r["sha256"]][0] for r in rows)
    ph = to_uint64(hashes[r["sha256"]][1] for r in rows)
    if on_progress:
        on_progress(0, 0, "comparing images")
    features = None
    if vectors is not None:
        from animeid_desktop.core.engine.features import feature_cache

        features = feature_cache(lib, config).path.stem
    store = PairStore.for_library(lib.cache_dir, store_name(scope, features))
    sizes = [(r["width"], r["height"]) for r in rows]
    raw = find_pairs_kept(store, [r["sha256"] for r in rows], dh, ph, vectors, sizes, should_stop)
    reviews = reviews_by_pair(lib)
    pairs = [DuplicatePair(rows[i]["id"], rows[j]["id"], kind, pd, dd, s) for i, j, kind, pd, dd, s in raw
             if reviews.get(pair_key(rows[i]["sha256"], rows[j]["sha256"])) != "not_duplicate"]
    by_sha = {r["sha256"]: r["id"] for r in hashed_image_rows(lib, None)}
    return rows, pairs, {by_sha.get(s, -1): e for s, e in errors.items()}, vectors is not None


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
    _rows, pairs, _errors, _used = duplicate_pairs(lib, image_ids, True, True, config, on_progress, should_stop,
                                                   scope="split")
    ids = [int(i) for i in image_ids]
    index = {image_id: n for n, image_id in enumerate(ids)}
    members = union_find_groups(len(ids), [(index[p.a], index[p.b]) for p in pairs if p.a in index and p.b in index])
    out: List[Optional[int]] = [None] * len(ids)
    for g, group in enumerate(members):
        for n in group:
            out[n] = g
    return out, len(members)



def shas_of(lib: Library, ids: Sequence[int]) -> Dict[int, str]:
    return {r["id"]: r["sha256"] for r in hashed_image_rows(lib, ids)}
