"""Recognising the library's own images and storing the answers as suggestions.

:func:`recognize_library` answers library images through the embedding cache (an image already seen by
the model's backbone costs one matrix product) and stores them in ``predictions``; given a
:class:`~animeid_desktop.core.recognition.faces.FaceRecognition`, each detected face's answer goes to
``face_predictions`` too. Face crops' features are cached like whole pictures' (by content hash and box, in
a cache of their own), so a retrained head answers every face again without touching the files.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from animeid_desktop.core.engine.features import EmbeddingCache, decode_stream
from animeid_desktop.core.library.face_predictions import store_face_predictions
from animeid_desktop.core.library.folder import Library, utcnow
from animeid_desktop.core.media.face_crops import CROP_FEATURES_VARIANT, crop_feature_key
from animeid_desktop.core.media.face_detection import Face
from animeid_desktop.core.progress import FACES_PHASE, ProgressFn, StopFn, check_stop
from animeid_desktop.core.recognition.faces import FaceAnswer, FaceRecognition, Loaded
from animeid_desktop.core.recognition.recognizer import Prediction, Recognizer


def unlabelled_image_ids(lib: Library) -> List[int]:
    """Ids of ok images without a label."""
    rows = lib.query("SELECT i.id FROM images i LEFT JOIN labels l ON l.image_id = i.id "
                     "WHERE i.status = 'ok' AND l.image_id IS NULL ORDER BY i.id")
    return [r["id"] for r in rows]


def _rows_for(lib: Library, image_ids: Sequence[int]) -> List[dict]:
    rows = lib.query_in("SELECT id, sha256, path FROM images WHERE status = 'ok' AND id IN ({marks})", image_ids)
    return sorted(rows, key=lambda r: r["id"])


def store_predictions(lib: Library, run_id: str, predictions: Sequence[Prediction]) -> None:
    """Replace the stored predictions of these images for ``run_id`` (one transaction)."""
    now = utcnow()
    with lib.write() as conn:
        for pred in predictions:
            if pred.image_id is None or pred.error:
                continue
            conn.execute("DELETE FROM predictions WHERE image_id = ? AND run_id = ?", (pred.image_id, run_id))
            conn.executemany(
                "INSERT INTO predictions(image_id, run_id, rank, character, score, unknown, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(pred.image_id, run_id, rank, c, float(s), int(pred.unknown), now)
                 for rank, (c, s) in enumerate(pred.top, start=1)],
            )


def recognize_library(
    lib: Library,
    *,
    image_ids: Optional[List[int]] = None,
    run_id: Optional[str] = None,
    top_k: int = 3,
    store: bool = True,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
    recognizer: Optional[Recognizer] = None,
    faces: Optional[FaceRecognition] = None,
) -> int:
    """Predict library images (``None`` = every unlabelled ok image) and store the results in
    ``predictions`` (and, with ``faces``, each detected face's answer in ``face_predictions``); returns how
    many images got a prediction. Features come from (and go to) the embedding cache, in chunks, so a
    cancel keeps everything finished so far."""
    rec = recognizer or Recognizer.load(lib, run_id)
    ids = unlabelled_image_ids(lib) if image_ids is None else [int(i) for i in image_ids]
    rows = _rows_for(lib, ids)
    answered: List[dict] = []
    for start in range(0, len(rows), 256):
        check_stop(should_stop)
        chunk = rows[start : start + 256]

        def progress(d: int, _t: int, _m: str, base: int = len(answered)) -> None:
            if on_progress:
                on_progress(min(base + d, len(rows)), len(rows), "recognising")

        preds = rec.predict_rows(lib, chunk, top_k=top_k, on_progress=progress, should_stop=should_stop)
        if store:
            store_predictions(lib, rec.run_id, preds)
        done = {p.image_id for p in preds}
        answered += [r for r in chunk if r["id"] in done]
        if on_progress:
            on_progress(min(start + len(chunk), len(rows)), len(rows), "recognising")
    if faces is not None and store:
        _faces_pass(faces, lib, answered, top_k=top_k, on_progress=on_progress, should_stop=should_stop)
    return len(answered)


def _faces_pass(faces: FaceRecognition, lib: Library, rows: Sequence[dict], *, top_k: int,
                on_progress: Optional[ProgressFn], should_stop: Optional[StopFn]) -> None:
    """After every whole picture is answered (and stored, so suggestions can show), each image's faces, in
    chunks; progress ``(images done, images, FACES_PHASE)``."""
    for start in range(0, len(rows), 64):
        check_stop(should_stop)
        if on_progress:
            on_progress(start, len(rows), FACES_PHASE)
        store_library_faces(faces, lib, rows[start : start + 64], top_k=top_k, should_stop=should_stop)
    if on_progress:
        on_progress(len(rows), len(rows), FACES_PHASE)


class _CropFeatures:
    """The model's (and, when the open set reads its own, the general) features of face crops, cached."""

    def __init__(self, lib: Library, rec: Recognizer) -> None:
        self.rec = rec
        self.model = rec.feature_cache(lib, CROP_FEATURES_VARIANT)
        apart = rec.gate is not None and not rec.gate.shared
        self.general: Optional[EmbeddingCache] = (
            rec.gate.cache(str(lib.embeddings_dir), CROP_FEATURES_VARIANT) if apart else None)
        self.feats: Dict[str, np.ndarray] = {}
        self.general_feats: Dict[str, np.ndarray] = {}

    def look_up(self, keys: Sequence[str]) -> None:
        self.feats.update(self.model.get_many(keys))
        if self.general is not None:
            self.general_feats.update(self.general.get_many(keys))

    def has(self, key: str) -> bool:
        return key in self.feats and (self.general is None or key in self.general_feats)

    def embed(self, keys: Sequence[str], crops: Sequence[object]) -> None:
        """Features of prepared crop inputs, kept and cached under ``keys``."""
        arrays = [a for a, _g in crops] if self.general is not None else list(crops)
        new = dict(zip(keys, self.rec.features(arrays)))
        self.model.put_many(new)
        self.feats.update(new)
        if self.general is not None:
            general = dict(zip(keys, self.rec.general_features(crops)))
            self.general.put_many(general)
            self.general_feats.update(general)


def _embed_missing(faces: FaceRecognition, crops: _CropFeatures, rows: Sequence[dict], found: Dict[int, tuple],
                   *, batch_size: int, should_stop: Optional[StopFn]) -> None:
    """Decode the rows (detecting faces not in the detection cache), embed their crops, fill ``found``
    (image id -> faces; absent when they could not be looked for)."""
    keys: List[str] = []
    inputs: List[object] = []
    detected: Dict[str, Tuple[Face, ...]] = {}
    for dec in decode_stream(list(rows), lambda r: faces.load_faces(r["path"]), window=2 * batch_size):
        check_stop(should_stop)
        row, item = dec.item, dec.array
        if not isinstance(item, Loaded) or item.face_error is not None:
            continue
        found[row["id"]] = item.faces
        if item.detected is not None:
            detected[item.detected] = item.faces
        mine = [crop_feature_key(row["sha256"], f.box) for f in item.faces]
        crops.look_up(mine)  # detected again, perhaps cached before
        missing = [(k, c) for k, c in zip(mine, item.crops) if not crops.has(k)]
        keys += [k for k, _c in missing]
        inputs += [c for _k, c in missing]
        if len(inputs) >= batch_size:
            crops.embed(keys, inputs)
            keys, inputs = [], []
    if inputs:
        crops.embed(keys, inputs)
    if faces.cache is not None and detected:
        faces.cache.put_many(detected)


def store_library_faces(faces: FaceRecognition, lib: Library, rows: Sequence[dict], *, top_k: int = 3,
                        batch_size: int = 32, should_stop: Optional[StopFn] = None) -> int:
    """Answer the faces of library images (``id``, ``sha256``, ``path`` rows) and store them for the
    recogniser's run: detections and crop features from their caches, the missing ones computed now.
    Images whose faces could not be looked for keep no face rows. Returns how many faces were stored."""
    rec = faces.recognizer
    crops = _CropFeatures(lib, rec)
    known = faces.cache.get_many([r["sha256"] for r in rows]) if faces.cache is not None else {}
    found: Dict[int, tuple] = {r["id"]: known[r["sha256"]] for r in rows if r["sha256"] in known}
    crops.look_up([crop_feature_key(r["sha256"], f.box) for r in rows for f in found.get(r["id"], ())])
    todo = [r for r in rows if r["id"] not in found
            or not all(crops.has(crop_feature_key(r["sha256"], f.box)) for f in found[r["id"]])]
    _embed_missing(faces, crops, todo, found, batch_size=batch_size, should_stop=should_stop)
    keys = [(r["id"], f, crop_feature_key(r["sha256"], f.box))
            for r in rows if r["id"] in found for f in found[r["id"]]]
    answers: Dict[int, List[FaceAnswer]] = {i: [] for i in found}
    if keys:
        general = np.stack([crops.general_feats[k] for _i, _f, k in keys]) if crops.general is not None else None
        preds = rec.predictions(np.stack([crops.feats[k] for _i, _f, k in keys]), general, top_k=top_k,
                                where=[(None, None)] * len(keys))
        for (image_id, face, _k), pred in zip(keys, preds):
            answers[image_id].append(FaceAnswer(face.box, tuple(pred.top), pred.unknown))
    store_face_predictions(lib, rec.run_id, answers)
    return len(keys)
