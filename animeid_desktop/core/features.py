"""Backbone features of library images, from the engine's embedding cache: the common input of
clustering, near-duplicate search, the "what to label next" queue and the attribute heads.

A thin convenience layer over :mod:`animeid_desktop.core.embeddings` (the same
:class:`~animeid_desktop.core.embeddings.EmbeddingCache` files, keyed by model, weights and
preprocessing, so training with the same backbone and these features share every vector; there is
no second cache). Weights are never downloaded here: the default backbone's ImageNet weights ship
with the program.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np

from animeid_desktop.core.devices import pick_device
from animeid_desktop.core.embeddings import EmbeddingCache, FeatureExtractor, cache_key, cached_features
from animeid_desktop.core.jobs import ProgressFn, StopFn
from animeid_desktop.core.library import Library
from animeid_desktop.core.models import DEFAULT_MODEL, get_spec
from animeid_desktop.core.preprocess import Preprocessing, default_preprocessing
from animeid_desktop.core.weights import WeightsSource, pretrained_backbone, resolve_weights

_CHUNK = 500


@dataclass(frozen=True)
class FeatureConfig:
    """Which frozen backbone features to use: model, input size (None = the model's) and resize method."""

    model: str = DEFAULT_MODEL
    size: Optional[int] = None
    method: str = "fit"
    flip: bool = False

    def preprocessing(self) -> Preprocessing:
        return default_preprocessing(get_spec(self.model), self.size, self.method, self.flip)


@dataclass
class LibraryFeatures:
    """Feature vectors of library images: row ``n`` of :attr:`vectors` belongs to ``ids[n]``."""

    ids: List[int]
    vectors: np.ndarray
    errors: Dict[int, str] = field(default_factory=dict)
    computed: int = 0
    key: str = ""
    pretrained: bool = True

    def __len__(self) -> int:
        return len(self.ids)

    def normalised(self) -> np.ndarray:
        """Rows scaled to unit length (cosine similarity = dot product)."""
        return l2_normalise(self.vectors)

    def row_of(self) -> Dict[int, int]:
        return {image_id: n for n, image_id in enumerate(self.ids)}

    def subset(self, image_ids: Sequence[int]) -> LibraryFeatures:
        """The features of those of ``image_ids`` that have some, in that order."""
        rows = self.row_of()
        keep = [i for i in image_ids if i in rows]
        vectors = self.vectors[[rows[i] for i in keep]] if keep else self.vectors[:0]
        return LibraryFeatures(keep, vectors, {}, 0, self.key, self.pretrained)


def l2_normalise(x: np.ndarray) -> np.ndarray:
    """Rows of ``x`` scaled to unit length (zero rows stay zero)."""
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


def _weights(config: FeatureConfig) -> WeightsSource:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return resolve_weights(config.model, allow_download=False)


def feature_cache(lib: Library, config: Optional[FeatureConfig] = None) -> EmbeddingCache:
    """The engine's embedding cache of ``lib`` for ``config`` (created on first use)."""
    config = config or FeatureConfig()
    ws = _weights(config)
    return EmbeddingCache.for_library(lib.embeddings_dir, config.model, ws.weights_id, config.preprocessing())


def image_rows(lib: Library, image_ids: Optional[Sequence[int]] = None) -> List[dict]:
    """``id, sha256, path`` of ok images (all, or those of ``image_ids``), ordered by id."""
    if image_ids is None:
        return lib.query("SELECT id, sha256, path FROM images WHERE status = 'ok' ORDER BY id")
    ids = [int(i) for i in image_ids]
    rows: List[dict] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows += lib.query(f"SELECT id, sha256, path FROM images WHERE status = 'ok' AND id IN ({marks})", tuple(chunk))
    return sorted(rows, key=lambda r: r["id"])


def library_features(
    lib: Library,
    image_ids: Optional[Sequence[int]] = None,
    config: Optional[FeatureConfig] = None,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
    batch_size: int = 32,
) -> LibraryFeatures:
    """Features of library images (all ok images by default), computing only what is not cached.

    Images that cannot be decoded are left out and listed in ``errors`` with the reason.
    """
    config = config or FeatureConfig()
    spec = get_spec(config.model)
    prep = config.preprocessing()
    ws = _weights(config)
    cache = EmbeddingCache.for_library(lib.embeddings_dir, spec.name, ws.weights_id, prep)
    rows = image_rows(lib, image_ids)

    def factory() -> FeatureExtractor:
        return FeatureExtractor(pretrained_backbone(spec, ws), prep, pick_device())

    feats, errors, computed = cached_features(cache, factory, rows, batch_size, on_progress, should_stop)
    ids = [r["id"] for r in rows if r["sha256"] in feats]
    dim = spec.feature_dim
    vectors = np.stack([feats[r["sha256"]] for r in rows if r["sha256"] in feats]) if ids else np.zeros((0, dim))
    by_sha_error = {r["id"]: errors[r["sha256"]] for r in rows if r["sha256"] in errors}
    return LibraryFeatures(ids, vectors.astype(np.float32), by_sha_error, computed,
                           cache_key(spec.name, ws.weights_id, prep), ws.pretrained)
