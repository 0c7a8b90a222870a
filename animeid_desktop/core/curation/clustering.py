"""Unknown characters -> new characters: group unlabelled images by look, largest group first.

The images the recogniser calls "unknown" (scope ``unknown``) or all unlabelled images (scope
``unlabelled``) are clustered on their cached features from the anime-trained backbone (``anime_lite0``, whole
picture and face square: ``ANIME_FEATURES``; thresholds per kind of features in :data:`THRESHOLDS`) with average-linkage
agglomerative clustering on cosine similarity (:mod:`linkage`; above 12,000 images on the
k-nearest-neighbour graph, :mod:`graph_linkage`). Features are centred on the
library's mean first; when at least two characters are labelled they are also whitened with the
labelled characters' within-character covariance (WCCN, shrunk towards the identity): directions
in which pictures of one character vary (pose, background, framing) are damped and those that
tell characters apart stand out, which on the demo set turns a held-out character from several
fragments into one pure group. The similarity threshold can be moved freely: the dendrogram is
built once and cut again (:meth:`Clustering.recut`).

Each cluster says which known character it looks most like (cosine similarity of its centre to
each character's centre) and, when a model predicted its images, the most common prediction, so a
group of a known character is easy to tell from a new one. The latest clustering is stored in the
library (tables ``clusters`` / ``cluster_members``) so ``animeid name-cluster ID NAME`` refers to
what ``animeid clusters`` showed. Naming a cluster labels its images (minus the ones the user left
out) as a new or existing character in one undoable step.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence

import numpy as np

from animeid_desktop.core.curation.graph_linkage import dendrogram as build_dendrogram
from animeid_desktop.core.curation.linkage import MAX_POINTS, Dendrogram, cut
from animeid_desktop.core.engine.features import (
    ANIME_FEATURES,
    FeatureConfig,
    LibraryFeatures,
    l2_normalise,
    library_features,
)
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.folder import Library, utcnow
from animeid_desktop.core.progress import ProgressFn, StopFn

SCOPES = ("unlabelled", "unknown")
SHRINKAGE = 0.3


@dataclass(frozen=True)
class Thresholds:
    """Defaults for one kind of features: the similarity to join a group in each feature space ("whitened" needs two
    labelled characters, "centred" does not; whitened similarities are much lower for the same closeness),
    and the centre similarity below which a group looks like a new character."""

    whitened: float
    centred: float
    new_below: float

    def similarity(self, space: str) -> float:
        return self.whitened if space == "whitened" else self.centred


# By (backbone, views). The anime features': chosen on the shared sets' train parts (benchmarks/new_characters.py,
# decision 0019); every other kind gets ImageNet Lite0's, set on the demo set when it was the only kind.
THRESHOLDS = {
    ("anime_lite0", "full+face"): Thresholds(whitened=0.025, centred=0.125, new_below=0.25),
    ("efficientnet_lite0", "full"): Thresholds(whitened=0.10, centred=0.30, new_below=0.2),
}


def thresholds(config: FeatureConfig = ANIME_FEATURES) -> Thresholds:
    """The defaults for features ``config``."""
    return THRESHOLDS.get((config.model, config.views), THRESHOLDS[("efficientnet_lite0", "full")])


MIN_SIZE = 2
EXACT_UP_TO = MAX_POINTS  # more images than this are grouped on the k-nearest-neighbour graph (graph_linkage)


@dataclass
class Cluster:
    """One group of similar images; ``image_ids`` start with the most typical one."""

    id: int
    image_ids: List[int]
    cohesion: float  # mean cosine similarity (centred features) of the members to their centre
    looks_like: Optional[str] = None  # nearest known character by centre similarity
    looks_like_similarity: Optional[float] = None
    predicted: Optional[str] = None  # most common non-unknown prediction among the members
    predicted_share: float = 0.0
    unknown_share: float = 0.0  # members the model called unknown
    new_below: float = 0.0  # Thresholds.new_below of the features it was grouped on

    @property
    def size(self) -> int:
        return len(self.image_ids)

    @property
    def looks_new(self) -> bool:
        """True when no known character is close: probably a character not in the library yet."""
        return self.looks_like_similarity is None or self.looks_like_similarity < self.new_below

    def to_json(self) -> dict:
        return {
            "id": self.id, "size": self.size, "cohesion": round(self.cohesion, 4), "looks_like": self.looks_like,
            "looks_like_similarity": None if self.looks_like_similarity is None
            else round(self.looks_like_similarity, 4),
            "predicted": self.predicted, "predicted_share": round(self.predicted_share, 4),
            "unknown_share": round(self.unknown_share, 4), "looks_new": self.looks_new, "image_ids": self.image_ids,
        }


@dataclass
class Clustering:
    """A clustering of some images plus what is needed to cut it again at another threshold."""

    scope: str
    similarity: float
    min_size: int
    clusters: List[Cluster]
    unclustered: List[int]
    space: str = "centred"
    ids: List[int] = field(default_factory=list)
    vectors: Optional[np.ndarray] = None  # centred, unit-length features of ``ids``
    dendrogram: Optional[Dendrogram] = None
    references: Dict[str, np.ndarray] = field(default_factory=dict)  # character -> unit centre
    predictions: Dict[int, tuple] = field(default_factory=dict)  # image -> (character, unknown)
    errors: Dict[int, str] = field(default_factory=dict)
    new_below: float = 0.0

    def recut(self, similarity: float, min_size: Optional[int] = None) -> Clustering:
        """The same images clustered at another similarity threshold (no features recomputed)."""
        if self.dendrogram is None or self.vectors is None:
            raise ValueError("this clustering was loaded from the library and cannot be cut again")
        min_size = self.min_size if min_size is None else min_size
        clusters, rest = _describe(self.ids, self.vectors, cut(self.dendrogram, similarity), min_size,
                                   self.references, self.predictions, self.new_below)
        return Clustering(self.scope, similarity, min_size, clusters, rest, self.space, self.ids, self.vectors,
                          self.dendrogram, self.references, self.predictions, self.errors, self.new_below)

    def to_json(self) -> dict:
        return {"scope": self.scope, "space": self.space, "similarity": self.similarity, "min_size": self.min_size,
                "clusters": [c.to_json() for c in self.clusters], "unclustered": len(self.unclustered),
                "images": len(self.ids), "errors": len(self.errors)}


# ------------------------------------------------------------------------------------ inputs
def top_predictions(lib: Library, run_id: Optional[str]) -> Dict[int, tuple]:
    """``image_id -> (character, unknown)`` of each image's best prediction in ``run_id``."""
    if not run_id:
        return {}
    rows = lib.query(
        "SELECT image_id, character, unknown, MIN(rank) AS r FROM predictions WHERE run_id = ? GROUP BY image_id",
        (run_id,),
    )
    return {r["image_id"]: (r["character"], bool(r["unknown"])) for r in rows}


def active_run(lib: Library) -> Optional[str]:
    from animeid_desktop.core.library.runs import active_run_id

    return active_run_id(lib)


def candidate_ids(lib: Library, scope: str = "unlabelled", run_id: Optional[str] = None) -> List[int]:
    """Unlabelled ok images; with scope ``unknown`` only those the model called unknown or has not seen."""
    if scope not in SCOPES:
        raise UserError(f"unknown scope {scope!r}; use one of {', '.join(SCOPES)}")
    ids = [r["id"] for r in lib.query(
        "SELECT i.id FROM images i LEFT JOIN labels l ON l.image_id = i.id "
        "WHERE i.status = 'ok' AND l.image_id IS NULL ORDER BY i.id")]
    if scope == "unknown":
        preds = top_predictions(lib, run_id)
        ids = [i for i in ids if i not in preds or preds[i][1]]
    return ids


def labelled_rows(lib: Library, feats: LibraryFeatures) -> Dict[str, List[int]]:
    """Rows of ``feats`` per labelled character."""
    rows = feats.row_of()
    by_char: Dict[str, List[int]] = {}
    for r in L.labelled_images(lib):
        if r["id"] in rows:
            by_char.setdefault(r["character"], []).append(rows[r["id"]])
    return by_char


@dataclass
class Whitener:
    """``x -> (x - mean) @ W`` with ``W = base * (I - U U^T) + U diag(scales) U^T`` (never formed)."""

    mean: np.ndarray
    basis: Optional[np.ndarray] = None  # (d, k) orthonormal within-character directions
    scales: Optional[np.ndarray] = None  # (k,) inverse square roots of their shrunk variances
    base: float = 1.0

    def apply(self, vectors: np.ndarray) -> np.ndarray:
        x = np.asarray(vectors, dtype=np.float32) - self.mean.astype(np.float32)
        if self.basis is None or self.scales is None:
            return x
        u = self.basis.astype(np.float32)
        return x * self.base + ((x @ u) * (self.scales - self.base).astype(np.float32)) @ u.T


def identity_space(vectors: np.ndarray, by_char: Dict[str, List[int]], shrinkage: float = SHRINKAGE) -> Whitener:
    """Centring plus within-character whitening (shrunk towards the identity) learnt from labelled rows;
    centring only when fewer than two characters have two or more images."""
    x = np.asarray(vectors, dtype=np.float32)
    mean = x.mean(0) if len(x) else np.zeros(x.shape[1], np.float32)
    groups = [idx for idx in by_char.values() if len(idx) >= 2]
    if len(groups) < 2:
        return Whitener(mean)
    within = np.concatenate([x[idx] - x[idx].mean(0) for idx in groups]).astype(np.float64)
    m, dim = within.shape
    if m < dim:  # thin SVD: cheap when there are fewer labelled images than feature dimensions
        _u, sing, vt = np.linalg.svd(within, full_matrices=False)
        basis, variances = vt.T, sing**2 / m
    else:
        variances, basis = np.linalg.eigh(within.T @ within / m)
    average = float(variances.sum() / dim)
    shrunk = (1 - shrinkage) * variances + shrinkage * average
    base = float((shrinkage * average) ** -0.5) if average > 0 else 1.0
    return Whitener(mean, basis, np.maximum(shrunk, 1e-12) ** -0.5, base)


def project(vectors: np.ndarray, whitener: Whitener) -> np.ndarray:
    """Unit-length rows in the clustering space."""
    return l2_normalise(whitener.apply(vectors))


# ------------------------------------------------------------------------------------ clustering
def _describe(ids: Sequence[int], vectors: np.ndarray, labels: np.ndarray, min_size: int,
              references: Dict[str, np.ndarray], predictions: Dict[int, tuple], new_below: float):
    groups: Dict[int, List[int]] = {}
    for n, lab in enumerate(labels):
        groups.setdefault(int(lab), []).append(n)
    ref_names = list(references)
    ref = np.stack([references[k] for k in ref_names]) if ref_names else None
    clusters: List[Cluster] = []
    rest: List[int] = []
    for lab in sorted(groups, key=lambda k: (-len(groups[k]), k)):
        rows = groups[lab]
        if len(rows) < max(1, min_size):
            rest.extend(ids[r] for r in rows)
            continue
        centre = l2_normalise(vectors[rows].mean(0, keepdims=True))[0]
        sims = vectors[rows] @ centre
        order = [rows[k] for k in np.argsort(-sims, kind="stable")]
        cluster = Cluster(len(clusters) + 1, [int(ids[r]) for r in order], float(sims.mean()), new_below=new_below)
        if ref is not None:
            ref_sims = ref @ centre
            best = int(np.argmax(ref_sims))
            cluster.looks_like, cluster.looks_like_similarity = ref_names[best], float(ref_sims[best])
        preds = [predictions[i] for i in cluster.image_ids if i in predictions]
        if preds:
            named = Counter(c for c, unknown in preds if not unknown)
            cluster.unknown_share = sum(1 for _c, unknown in preds if unknown) / cluster.size
            if named:
                cluster.predicted, count = named.most_common(1)[0]
                cluster.predicted_share = count / cluster.size
        clusters.append(cluster)
    return clusters, sorted(rest)


def cluster_images(
    lib: Library,
    scope: str = "unlabelled",
    similarity: Optional[float] = None,
    min_size: int = MIN_SIZE,
    image_ids: Optional[Sequence[int]] = None,
    config: Optional[FeatureConfig] = None,
    save: bool = True,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Clustering:
    """Cluster the unlabelled (or unknown) images, largest cluster first; stores it unless ``save`` is false.

    ``config`` defaults to ``ANIME_FEATURES`` and ``similarity`` to its :class:`Thresholds` for the space
    used. ``image_ids`` overrides the scope with an explicit set. Features of every ok image are used (labelled ones
    shape the space and give the character centres for "looks like"); they come from the cache.
    """
    run_id = active_run(lib)
    ids = list(image_ids) if image_ids is not None else candidate_ids(lib, scope, run_id)
    config = config or ANIME_FEATURES
    feats = library_features(lib, None, config, on_progress, should_stop)
    by_char = labelled_rows(lib, feats)
    whitener = identity_space(feats.vectors, by_char) if len(feats) else Whitener(np.zeros(1, np.float32))
    space = "centred" if whitener.basis is None else "whitened"
    limits = thresholds(config)
    similarity = limits.similarity(space) if similarity is None else float(similarity)
    sub = feats.subset(ids)
    vectors = project(sub.vectors, whitener) if len(sub) else sub.vectors
    dendrogram = build_dendrogram(vectors, exact_up_to=EXACT_UP_TO, on_progress=on_progress, should_stop=should_stop)
    references = {name: l2_normalise(project(feats.vectors[rows], whitener).mean(0, keepdims=True))[0]
                  for name, rows in by_char.items()}
    predictions = top_predictions(lib, run_id)
    clusters, rest = _describe(sub.ids, vectors, cut(dendrogram, similarity), min_size, references, predictions,
                               limits.new_below)
    wanted = set(ids)
    result = Clustering(scope, similarity, min_size, clusters, rest, space, sub.ids, vectors, dendrogram,
                        references, predictions, {i: e for i, e in feats.errors.items() if i in wanted},
                        limits.new_below)
    if save:
        save_clustering(lib, result)
    return result


# ------------------------------------------------------------------------------------ storing, naming
def save_clustering(lib: Library, clustering: Clustering) -> None:
    """Replace the stored clustering with this one (ids 1..k as shown)."""
    now = utcnow()
    with lib.write() as conn:
        conn.execute("DELETE FROM clusters")
        for c in clustering.clusters:
            conn.execute(
                "INSERT INTO clusters(id, scope, similarity, looks_like, created_at) VALUES (?, ?, ?, ?, ?)",
                (c.id, clustering.scope, clustering.similarity, c.looks_like, now),
            )
            conn.executemany(
                "INSERT INTO cluster_members(cluster_id, image_id, rank) VALUES (?, ?, ?)",
                [(c.id, image_id, n) for n, image_id in enumerate(c.image_ids)],
            )


def stored_clusters(lib: Library) -> List[dict]:
    """The stored clustering: ``id, size, similarity, scope, looks_like, image_ids`` (still unlabelled ones)."""
    rows = lib.query(
        "SELECT c.id, c.scope, c.similarity, c.looks_like, m.image_id FROM clusters c "
        "JOIN cluster_members m ON m.cluster_id = c.id "
        "LEFT JOIN labels l ON l.image_id = m.image_id WHERE l.image_id IS NULL ORDER BY c.id, m.rank"
    )
    out: Dict[int, dict] = {}
    for r in rows:
        entry = out.setdefault(r["id"], {"id": r["id"], "scope": r["scope"], "similarity": r["similarity"],
                                         "looks_like": r["looks_like"], "image_ids": []})
        entry["image_ids"].append(r["image_id"])
    for entry in out.values():
        entry["size"] = len(entry["image_ids"])
    return list(out.values())


def name_cluster(lib: Library, cluster_id: int, name: str, exclude: Iterable[int] = (),
                 image_ids: Optional[Sequence[int]] = None) -> L.LabelChange:
    """Label a stored cluster's images (minus ``exclude``) as character ``name``, creating it if new.

    ``image_ids`` (the GUI's current selection) replaces the stored members. Returns the
    :class:`~animeid_desktop.core.library.labels.LabelChange` for undo; the cluster is removed from the store.
    """
    name = name.strip()
    if not name:
        raise UserError("a character needs a non-empty name")
    if image_ids is None:
        stored = {c["id"]: c for c in stored_clusters(lib)}
        if cluster_id not in stored:
            known = ", ".join(str(k) for k in list(stored)[:10]) or "none (run 'animeid clusters' first)"
            raise UserError(f"no cluster {cluster_id}; clusters now: {known}")
        image_ids = stored[cluster_id]["image_ids"]
    skip = {int(i) for i in exclude}
    ids = [int(i) for i in image_ids if int(i) not in skip]
    if not ids:
        raise UserError(f"cluster {cluster_id} has no images left to name")
    with lib.write() as conn:
        L.add_character(lib, name)
        change = L.set_labels(lib, ids, name, source="manual")
        conn.execute("DELETE FROM clusters WHERE id = ?", (cluster_id,))
    return change
