"""Frozen-backbone features of images: computed fast (parallel decoding, batches, mixed precision) and cached.

The cache is derived data and lives outside ``library.sqlite``: one SQLite file per cache key in
``<library>/cache/embeddings/``, keyed inside by image content hash. The key combines model, weights
id and preprocessing id, so the cache invalidates exactly when one of them changes, and an image
is embedded once, ever, for a given key (moves and renames keep their features). WAL mode lets any
number of readers work while one writer adds rows.

Training, recognition, clustering, near-duplicate search, the "what to label next" queue and the
attribute heads all read features through this module, so they share every vector. Weights are never
downloaded here: the default backbone's ImageNet weights ship with the program.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, TypeVar

import numpy as np
import torch
from torch import nn

from animeid_desktop.core.engine.batchnorm_folding import fold_batchnorm
from animeid_desktop.core.engine.bf16_inference import inference_copy
from animeid_desktop.core.engine.devices import (
    autocast,
    forward_in_passes,
    inference_threads,
    pick_device,
    torch_threads,
)
from animeid_desktop.core.engine.preprocess import (
    Preprocessing,
    default_preprocessing,
    distinct_views,
    flatten_views,
    load_input,
    to_batch,
)
from animeid_desktop.core.engine.registry import ANIME_MODEL, DEFAULT_MODEL, get_spec
from animeid_desktop.core.engine.weights import WeightsSource, pretrained_backbone, resolve_weights
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.media import parallel_decode
from animeid_desktop.core.media.content_cache import ContentCache
from animeid_desktop.core.media.parallel_decode import Decoded
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop

T = TypeVar("T")

CACHE_VERSION = 1


def cache_key(model: str, weights_id: str, prep: Preprocessing, variant: str = "") -> str:
    """File-name-safe key: model name plus a hash of (model, weights id, preprocessing id[, variant])."""
    digest = hashlib.sha256(f"v{CACHE_VERSION}|{model}|{weights_id}|{prep.id}{variant}".encode()).hexdigest()[:16]
    return f"{model}-{digest}"


class EmbeddingCache:
    """Feature vectors by image sha256 in one SQLite file (safe for concurrent readers, one writer)."""

    def __init__(self, path: str | os.PathLike, descriptor: Optional[dict] = None) -> None:
        self._store = ContentCache(path, table="embeddings", columns={"vec": "BLOB NOT NULL"},
                                   descriptor=descriptor or {})
        self.path = self._store.path

    @classmethod
    def for_library(cls, embeddings_dir: str | os.PathLike, model: str, weights_id: str,
                    prep: Preprocessing, variant: str = "") -> EmbeddingCache:
        """The cache of ``prep``'s features; a ``variant`` (e.g. one view of several) gets a cache of its own."""
        key = cache_key(model, weights_id, prep, variant)
        descriptor = {"model": model, "weights_id": weights_id, "preprocessing": prep.id + variant,
                      "version": CACHE_VERSION}
        return cls(Path(embeddings_dir) / f"{key}.sqlite", descriptor)

    def get_many(self, shas: Sequence[str]) -> Dict[str, np.ndarray]:
        """Cached vectors of the given hashes (missing ones are simply absent)."""
        return {sha: np.frombuffer(vec, dtype=np.float32) for sha, (vec,) in self._store.get_many(shas).items()}

    def put_many(self, items: Dict[str, np.ndarray]) -> None:
        """Store vectors (one transaction)."""
        self._store.put_many({sha: (np.ascontiguousarray(v, dtype=np.float32).tobytes(),) for sha, v in items.items()})

    def __len__(self) -> int:
        return len(self._store)


# ------------------------------------------------------------------------------ decoding for inference
def decode_stream(
    items: Iterable[T],
    load: Callable[[T], np.ndarray],
    window: int = 64,
    workers: Optional[int] = None,
) -> Iterator[Decoded]:
    """:func:`~animeid_desktop.core.media.parallel_decode.decode_in_order` for a thread that runs torch.

    While the stream is open, the consuming thread runs torch on
    :func:`~animeid_desktop.core.engine.devices.inference_threads` threads; the previous count comes back
    at the end."""
    with torch_threads(inference_threads()):
        yield from parallel_decode.decode_in_order(items, load, window=window, workers=workers)


# ------------------------------------------------------------------------------ feature extraction
class FeatureExtractor:
    """A frozen backbone on a device that turns uint8 image arrays into feature vectors."""

    def __init__(self, backbone: nn.Module, prep: Preprocessing, device: torch.device) -> None:
        self.prep = prep
        self.device = device
        self.backbone = fold_batchnorm(backbone).to(device).eval()
        if device.type != "mps":
            self.backbone = self.backbone.to(memory_format=torch.channels_last)
        # bf16 weights once instead of autocast re-casting them every batch (CPU with native bf16)
        self.backbone, self.input_dtype = inference_copy(self.backbone, device)

    @torch.inference_mode()
    def embed_arrays(self, arrays: Sequence[np.ndarray]) -> np.ndarray:
        """Features (N, D) float32 of prepared arrays: (S, S, 3) each, or (V, S, S, 3) for several
        views; averaged over views and, when ``prep.flip``, over mirror images."""
        flat, views = flatten_views(arrays)
        unique, index = distinct_views(flat, views)  # a square picture's top square is its whole view
        x = to_batch(unique, self.prep, self.device, channels_last=self.device.type != "mps")
        if self.input_dtype is not None:
            x = x.to(self.input_dtype)
        with autocast(self.device) if self.input_dtype is None else contextlib.nullcontext():
            feats = forward_in_passes(self.backbone, torch.cat([x, x.flip(3)]) if self.prep.flip else x,
                                      self.device).float()
        if self.prep.flip:
            feats = (feats[: len(unique)] + feats[len(unique) :]) / 2
        if len(unique) < len(flat):
            feats = feats[torch.as_tensor(index, device=feats.device)]
        return feats.view(len(arrays), views, -1).mean(1).cpu().numpy()


def embed_sources(
    extractor: FeatureExtractor,
    sources: Sequence[Tuple[str, str]],
    batch_size: int = 32,
    on_batch: Optional[Callable[[Dict[str, np.ndarray], Dict[str, str], int], None]] = None,
    should_stop: Optional[StopFn] = None,
) -> Tuple[Dict[str, np.ndarray], Dict[str, str]]:
    """Embed ``(key, path)`` pairs; returns (features by key, error reason by key).

    ``on_batch(features, errors, done)`` is called after each batch (to store and report progress).
    """
    feats: Dict[str, np.ndarray] = {}
    errors: Dict[str, str] = {}
    batch_keys: List[str] = []
    batch_arrays: List[np.ndarray] = []
    done = 0

    def flush() -> None:
        nonlocal done
        new: Dict[str, np.ndarray] = {}
        if batch_arrays:
            out = extractor.embed_arrays(batch_arrays)
            new = dict(zip(batch_keys, out))
            feats.update(new)
        done += len(batch_arrays)
        batch_keys.clear()
        batch_arrays.clear()
        if on_batch:
            on_batch(new, errors, done + len(errors))

    for dec in decode_stream(sources, lambda kp: load_input(kp[1], extractor.prep), window=2 * batch_size):
        check_stop(should_stop)
        key = dec.item[0]
        if dec.array is None:
            errors[key] = dec.error or "unreadable"
            continue
        batch_keys.append(key)
        batch_arrays.append(dec.array)
        if len(batch_arrays) >= batch_size:
            flush()
    check_stop(should_stop)
    flush()
    return feats, errors


def cached_features(
    cache: EmbeddingCache,
    extractor_factory: Callable[[], FeatureExtractor],
    rows: Sequence[dict],
    batch_size: int = 32,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Tuple[Dict[str, np.ndarray], Dict[str, str], int]:
    """Features for library rows (``sha256``, ``path``): from the cache, embedding only the missing.

    Returns (features by sha256, error by sha256, number newly embedded). Each finished batch is
    written to the cache at once, so a cancelled job keeps what it computed. The extractor is
    built only when something is missing.
    """
    shas = list(dict.fromkeys(r["sha256"] for r in rows))
    feats = cache.get_many(shas)
    missing: Dict[str, str] = {}
    for r in rows:
        if r["sha256"] not in feats and r["sha256"] not in missing:
            missing[r["sha256"]] = r["path"]
    total = len(missing)
    if on_progress:
        on_progress(0, total, f"{len(feats)} cached, {total} to compute")
    if not missing:
        return feats, {}, 0
    extractor = extractor_factory()

    def on_batch(new: Dict[str, np.ndarray], errs: Dict[str, str], done: int) -> None:
        cache.put_many(new)
        if on_progress:
            on_progress(done, total, "computing features")

    new, errors = embed_sources(extractor, list(missing.items()), batch_size, on_batch, should_stop)
    feats.update(new)
    return feats, errors, len(new)


# ------------------------------------------------------------------------------ library features


@dataclass(frozen=True)
class FeatureConfig:
    """Which frozen backbone features to use: model, input size (None = the model's), resize method, views."""

    model: str = DEFAULT_MODEL
    size: Optional[int] = None
    method: str = "fit"
    flip: bool = False
    views: str = "full"  # "full+face": the whole picture averaged with its upper-centre square (preprocess.VIEWS)

    def preprocessing(self) -> Preprocessing:
        return default_preprocessing(get_spec(self.model), self.size, self.method, self.flip, self.views)


# Who is in a picture: the anime-trained backbone on the whole picture and its face square (clusters, next to
# label, attribute heads; decision 0019). FeatureConfig() is ImageNet Lite0 on the whole picture, how a picture
# looks (duplicates, find similar: copies of one picture must come first).
ANIME_FEATURES = FeatureConfig(model=ANIME_MODEL, views="full+face")


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
    rows = lib.query_in("SELECT id, sha256, path FROM images WHERE status = 'ok' AND id IN ({marks})", ids)
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
    rows = image_rows(lib, image_ids)

    def factory() -> FeatureExtractor:
        return FeatureExtractor(pretrained_backbone(spec, ws), prep, pick_device())

    if prep.views != "full":  # the mean of the views, each from its own cache (which head training fills too)
        from animeid_desktop.core.engine.view_features import cached_view_features, view_cache, view_names

        caches = {name: view_cache(lib.embeddings_dir, model=spec.name, weights_id=ws.weights_id, prep=prep,
                                   name=name) for name in view_names(prep)}
        views = cached_view_features(caches, factory, rows, batch_size=batch_size, on_progress=on_progress,
                                     should_stop=should_stop)
        feats, errors, computed = views.combined(prep), views.errors, views.computed
    else:
        cache = EmbeddingCache.for_library(lib.embeddings_dir, spec.name, ws.weights_id, prep)
        feats, errors, computed = cached_features(cache, factory, rows, batch_size, on_progress, should_stop)
    ids = [r["id"] for r in rows if r["sha256"] in feats]
    dim = spec.feature_dim
    vectors = np.stack([feats[r["sha256"]] for r in rows if r["sha256"] in feats]) if ids else np.zeros((0, dim))
    by_sha_error = {r["id"]: errors[r["sha256"]] for r in rows if r["sha256"] in errors}
    return LibraryFeatures(ids, vectors.astype(np.float32), by_sha_error, computed,
                           cache_key(spec.name, ws.weights_id, prep), ws.pretrained)


def file_features(path: str | os.PathLike, config: Optional[FeatureConfig] = None) -> np.ndarray:
    """The feature vector of one image file (not necessarily in a library); :class:`ValueError` when unreadable."""
    config = config or FeatureConfig()
    prep = config.preprocessing()
    extractor = FeatureExtractor(pretrained_backbone(get_spec(config.model), _weights(config)), prep, pick_device())
    feats, errors = embed_sources(extractor, [("file", str(path))], batch_size=1)
    if "file" not in feats:
        raise ValueError(errors.get("file", "unreadable"))
    return feats["file"]
