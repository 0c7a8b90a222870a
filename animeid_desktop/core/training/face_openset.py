"""The known faces that calibrate the open set's threshold for detected face crops.

Recognition judges each detected face as well as the whole picture, and a face crop scores lower than
the pictures the open set was calibrated on, so right faces were called unknown (decision 0021). The
face threshold keeps the share of known faces that the picture threshold keeps of known pictures,
scored by the same calibration folds. The known faces are the validation part's face crop rows (the
labels' boxes), and each validation picture's face where exactly one is detected (it has one character),
cut as recognition cuts it. Detections and crop features come from, and go to, the library's caches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from animeid_desktop.core.engine import openset as ops
from animeid_desktop.core.engine.features import EmbeddingCache, FeatureExtractor, decode_stream
from animeid_desktop.core.engine.preprocess import Preprocessing, image_to_input
from animeid_desktop.core.engine.weights import pretrained_backbone
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.media import face_detection
from animeid_desktop.core.media.face_cache import FaceCache, detect_faces
from animeid_desktop.core.media.face_crops import (
    CROP_FEATURES_VARIANT,
    FACE_DECODE_SIDE,
    crop_face,
    crop_feature_key,
)
from animeid_desktop.core.media.face_detection import Box
from animeid_desktop.core.media.images import load_rgb
from animeid_desktop.core.progress import check_stop
from animeid_desktop.core.training.data import RunContext, Split

BATCH = 32


@dataclass(frozen=True)
class KnownFaces:
    """General features of known face crops and their characters (the split's class indices)."""

    x: np.ndarray
    y: np.ndarray


def known_faces(lib: Library, ctx: RunContext, split: Split, *, general_x: np.ndarray,
                source: dict) -> Optional[KnownFaces]:
    """The validation part's known faces (``general_x``: the split's general features, from the cache key
    ``source``); None without OpenCV."""
    if not face_detection.available():
        return None
    val = [int(i) for i in split.val_idx]
    boxed = [i for i in val if "box" in split.rows[i]]  # crop rows are faces already
    pictures = [i for i in val if "box" not in split.rows[i]]
    ctx.report.stage("finding the validation pictures' faces")
    detector = face_detection.FaceDetector()
    found = detect_faces([split.rows[i] for i in pictures], detector=detector,
                         cache=FaceCache.for_library(lib.cache_dir, detector), on_progress=ctx.report.progress,
                         should_stop=ctx.should_stop)
    single = [(i, result.faces[0].box) for i, result in zip(pictures, found)
              if result.error is None and len(result.faces) == 1]
    feats = crop_features(lib, ctx, [(split.rows[i], box) for i, box in single], source=source)
    have = [(i, crop_feature_key(split.rows[i]["sha256"], box)) for i, box in single]
    have = [(i, key) for i, key in have if key in feats]
    rows = [general_x[i] for i in boxed] + [feats[key] for _i, key in have]
    if not rows:
        return KnownFaces(np.zeros((0, general_x.shape[1]), np.float32), np.zeros(0, np.int64))
    return KnownFaces(np.stack(rows).astype(np.float32), split.y[boxed + [i for i, _k in have]])


def crop_features(lib: Library, ctx: RunContext, faces: Sequence[Tuple[dict, Box]], *,
                  source: dict) -> Dict[str, np.ndarray]:
    """General features of face crops ``(row, box)`` by :func:`crop_feature_key`, the missing ones computed
    (pictures that cannot be read are left out)."""
    weights_id = str(source["weights_id"])
    prep = Preprocessing.from_json(source["preprocessing"])
    cache = EmbeddingCache.for_library(lib.embeddings_dir, ctx.spec.name, weights_id, prep, CROP_FEATURES_VARIANT)
    keyed = {crop_feature_key(row["sha256"], box): (row, box) for row, box in faces}
    feats = cache.get_many(list(keyed))
    missing = [(key, face) for key, face in keyed.items() if key not in feats]
    if not missing:
        return feats
    ctx.report.stage("looking at the validation pictures' faces")
    ws = ops.general_weights(ctx.spec.name, weights_id)
    if ws is None:
        return feats
    extractor = FeatureExtractor(pretrained_backbone(ctx.spec, ws), prep, ctx.device)

    def load(item: Tuple[str, Tuple[dict, Box]]) -> np.ndarray:
        row, box = item[1]
        return image_to_input(crop_face(load_rgb(row["path"], target=FACE_DECODE_SIDE), box), prep)

    keys: List[str] = []
    arrays: List[np.ndarray] = []
    for done, dec in enumerate(decode_stream(missing, load, window=2 * BATCH), 1):
        check_stop(ctx.should_stop)
        if dec.array is not None:
            keys.append(dec.item[0])
            arrays.append(dec.array)
        if len(arrays) >= BATCH or done == len(missing):
            new = dict(zip(keys, extractor.embed_arrays(arrays))) if arrays else {}
            cache.put_many(new)
            feats.update(new)
            keys, arrays = [], []
            ctx.report.progress(done, len(missing), "face crops")
    return feats
