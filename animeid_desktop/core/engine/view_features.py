"""Frozen-backbone features of each view of an image, cached one view at a time.

A multi-view preprocessing averages the features of several views (the whole picture, its top
square, its upper-centre face square). Computing each view once and keeping it separately lets any
combination of views be scored without running the backbone again: head training compares view
combinations by cross-validation this way.

View names: ``full:<method>`` (the whole picture resized by ``fit``, ``crop`` or ``squash``),
``top``, ``face`` and ``detected`` (squares and the detected face, squashed to the input size). A
whole-picture view is decoded and cached exactly as the single-view preprocessing of its method is (the
engine's ordinary cache, which near-duplicate search, clustering and recognition share); the squares are
cut from one decode at the size :func:`~animeid_desktop.core.engine.preprocess.load_input` uses for
several views, the detected face from one at
:data:`~animeid_desktop.core.engine.preprocess.DETECTED_DECODE`. (For several
views, recognition also takes the whole picture from that larger decode: the same picture resampled
from another size, so the averaged features agree closely, not bit for bit.)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Callable, Dict, List, Optional, Sequence

import numpy as np
from PIL import Image

from animeid_desktop.core.engine.features import EmbeddingCache, FeatureExtractor, decode_stream
from animeid_desktop.core.engine.preprocess import (
    CROPS,
    Preprocessing,
    detected_face,
    distinct_views,
    multi_view_target,
    resize_to_array,
    uses_detector,
)
from animeid_desktop.core.media import face_detection
from animeid_desktop.core.media.face_detection import Box
from animeid_desktop.core.media.images import load_rgb
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop


def view_names(prep: Preprocessing) -> List[str]:
    """The views ``prep`` averages, by name: its whole picture (with its resize method), then its squares."""
    return [f"full:{prep.method}"] + prep.views.split("+")[1:]


def _single(prep: Preprocessing, name: str) -> Preprocessing:
    """The single-view preprocessing of a whole-picture view (``full:<method>``)."""
    return replace(prep, method=name.partition(":")[2], views="full")


def view_arrays(source: str | os.PathLike | bytes, *, prep: Preprocessing, names: Sequence[str],
                faces: Optional[Sequence[Box]] = None) -> np.ndarray:
    """(V, S, S, 3) uint8: the named views of one image (one decode per decode size); raises ``ImageError``.
    ``faces``: the default detector's boxes of this image when already found (the detected view reuses them)."""
    decoded: Dict[int, Image.Image] = {}

    def decode(target: int) -> Image.Image:
        if target not in decoded:
            decoded[target] = load_rgb(source, target=target)
        return decoded[target]

    out = []
    for name in names:
        kind = name.partition(":")[0]
        if kind == "full":
            single = _single(prep, name)
            out.append(resize_to_array(decode(single.decode_target), prep.size, single.method))
        else:
            img = decode(multi_view_target(prep.size, kind))
            square = detected_face(img, faces) if kind == "detected" else CROPS[kind](img)
            out.append(resize_to_array(square, prep.size, "squash"))
    return np.stack(out)


def view_cache(embeddings_dir: str | os.PathLike, *, model: str, weights_id: str, prep: Preprocessing,
               name: str) -> EmbeddingCache:
    """The cache of one view's features (size, normalisation and mirror averaging from ``prep``): for the
    whole picture, the ordinary cache of its single-view preprocessing."""
    kind = name.partition(":")[0]
    if kind == "full":
        return EmbeddingCache.for_library(embeddings_dir, model, weights_id, _single(prep, name))
    square = replace(prep, method="squash", views="full")
    faces = f":faces={face_detection.default_tag()}" if uses_detector(kind) else ""
    return EmbeddingCache.for_library(embeddings_dir, model, weights_id, square, variant=f":view={kind}{faces}")


@dataclass
class ViewFeatures:
    """Features by view name, then by image content hash; the hashes that failed, with the reason."""

    by_view: Dict[str, Dict[str, np.ndarray]]
    errors: Dict[str, str]
    computed: int  # images embedded now (the others came from the caches)

    def combined(self, prep: Preprocessing) -> Dict[str, np.ndarray]:
        """The features ``prep`` would give, by hash: the mean of its views (what the extractor averages)."""
        views = [self.by_view[name] for name in view_names(prep)]
        return {sha: np.mean([v[sha] for v in views], axis=0, dtype=np.float32)
                for sha in views[0] if all(sha in v for v in views[1:])}


def cached_view_features(
    caches: Dict[str, EmbeddingCache],
    extractor_factory: Callable[[], FeatureExtractor],
    rows: Sequence[dict],
    *,
    batch_size: int = 32,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> ViewFeatures:
    """Features of every view in ``caches`` for library rows (``sha256``, ``path``, optional ``faces``: the
    default detector's boxes, see :func:`view_arrays`), computing only images that miss a view (all their
    views at once, from one decode); each batch is stored at once."""
    names = list(caches)
    shas = list(dict.fromkeys(r["sha256"] for r in rows))
    by_view = {name: caches[name].get_many(shas) for name in names}
    missing = {r["sha256"]: (r["path"], r.get("faces")) for r in rows
               if any(r["sha256"] not in by_view[n] for n in names)}
    if on_progress:
        on_progress(0, len(missing), f"{len(shas) - len(missing)} cached, {len(missing)} to compute")
    errors: Dict[str, str] = {}
    if not missing:
        return ViewFeatures(by_view, errors, 0)
    extractor = extractor_factory()
    batch: List[tuple] = []
    done = 0

    def flush() -> None:
        nonlocal done
        if batch:
            flat = [view for _sha, arr in batch for view in arr]
            unique, index = distinct_views(flat, len(names))  # a square picture's top square is its whole view
            out = extractor.embed_arrays(unique)[index].reshape(len(batch), len(names), -1)
            for v, name in enumerate(names):
                new = {sha: out[b, v] for b, (sha, _arr) in enumerate(batch)}
                by_view[name].update(new)
                caches[name].put_many(new)
        done += len(batch)
        batch.clear()
        if on_progress:
            on_progress(done + len(errors), len(missing), "computing features")

    def load(item: tuple) -> np.ndarray:
        path, faces = item[1]
        return view_arrays(path, prep=extractor.prep, names=names, faces=faces)

    for dec in decode_stream(list(missing.items()), load, window=2 * batch_size):
        check_stop(should_stop)
        if dec.array is None:
            errors[dec.item[0]] = dec.error or "unreadable"
        else:
            batch.append((dec.item[0], dec.array))
        if len(batch) >= batch_size:
            flush()
    check_stop(should_stop)
    flush()
    return ViewFeatures(by_view, errors, len(missing) - len(errors))
