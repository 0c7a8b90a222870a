"""Recognition: top-k characters with probabilities, "unknown" from the model's open set (or, for models
saved without one, under a calibrated probability threshold).

:class:`Recognizer` wraps a trained run. :meth:`Recognizer.predict_paths` streams over files and
folders (recursively) with bounded memory: a thread pool decodes at reduced size while the
network works on the previous batch. Library images are recognised (and their answers stored) by
:mod:`~animeid_desktop.core.recognition.library_recognition`.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from typing import IO, Iterable, Iterator, List, Optional, Sequence, Tuple

import numpy as np
import torch
from PIL import Image

from animeid_desktop.core.engine.devices import pick_device
from animeid_desktop.core.engine.features import EmbeddingCache, FeatureExtractor, cached_features, decode_stream
from animeid_desktop.core.engine.preprocess import image_to_input, input_decode_side, load_input
from animeid_desktop.core.engine.saved_models import SavedModel, load_run
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.runs import active_run_id, threshold_override
from animeid_desktop.core.media.face_detection import Box
from animeid_desktop.core.media.scanning import expand_paths
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop
from animeid_desktop.core.recognition.openset import OpenSetGate


@dataclass
class Prediction:
    """The answer for one image. ``top`` = [(character, probability)], best first."""

    path: Optional[str]
    image_id: Optional[int]
    top: List[Tuple[str, float]] = field(default_factory=list)
    unknown: bool = False
    error: Optional[str] = None
    openset_score: Optional[float] = None  # the open-set score (unknown below the model's open-set threshold)

    @property
    def best(self) -> Optional[str]:
        """The top character, or None when unknown or failed."""
        return None if self.unknown or self.error or not self.top else self.top[0][0]

    def to_json(self) -> dict:
        """``{"path", "top": [{"character", "score"}], "unknown"}`` plus ``error``/``image_id``/``openset``
        (``{"score"}``) when set."""
        out: dict = {"path": self.path, "top": [{"character": c, "score": round(float(s), 4)} for c, s in self.top],
                     "unknown": self.unknown}
        if self.openset_score is not None:
            out["openset"] = {"score": round(self.openset_score, 4)}
        if self.image_id is not None:
            out["image_id"] = self.image_id
        if self.error is not None:
            out["error"] = self.error
        return out


class Recognizer:
    """A trained model ready to recognise images."""

    def __init__(self, saved: SavedModel, threshold: float, device: Optional[torch.device] = None, *,
                 override: bool = False) -> None:
        self.saved = saved
        self.run_id = saved.run_id
        self.classes: List[str] = saved.classes
        self.threshold = float(threshold)
        self.override = override  # a user's threshold: also applied beside the open set
        self.gate, self.gate_note = OpenSetGate.for_model(saved)
        self.calibrated_threshold = float(saved.meta.get("threshold", threshold))
        self.prep = saved.prep
        self.device = device or pick_device()
        # the backbone folded, on the device, in bf16 where the CPU computes it natively (built once)
        self._extractor = FeatureExtractor(saved.network.backbone, self.prep, self.device)
        self._weight = saved.network.fc.weight.detach().float().cpu()
        self._bias = saved.network.fc.bias.detach().float().cpu()

    @classmethod
    def load(cls, lib: Library, run_id: Optional[str] = None, threshold: Optional[float] = None,
             device: Optional[str] = None) -> Recognizer:
        """The active run's recogniser (or ``run_id``'s); :class:`UserError` when nothing is trained."""
        run_id = run_id or active_run_id(lib)
        if not run_id:
            raise UserError("no trained model yet; label images of two or more characters and run 'animeid train'")
        saved = load_run(lib, run_id)
        if threshold is None:
            threshold = threshold_override(lib, saved.run_id)
        override = threshold is not None
        if threshold is None:
            threshold = float(saved.meta.get("threshold", 0.5))
        return cls(saved, threshold, pick_device(device), override=override)

    @property
    def model(self) -> str:
        return self.saved.spec.name

    # ------------------------------------------------------------------ core maths
    @property
    def openset_threshold(self) -> Optional[float]:
        """The open-set threshold in use (None when the probability threshold alone decides)."""
        return self.gate.openset.threshold if self.gate else None

    def features(self, arrays: Sequence[np.ndarray]) -> np.ndarray:
        """Backbone features (N, D) of prepared uint8 arrays (from :func:`load_input`), averaged over
        views and mirror images as the model's preprocessing says."""
        if not len(arrays):
            return np.zeros((0, self._weight.shape[1]), dtype=np.float32)
        return self._extractor.embed_arrays(arrays)

    def probabilities(self, arrays: Sequence[np.ndarray]) -> np.ndarray:
        """Class probabilities (N, C) of prepared uint8 arrays."""
        return self.probabilities_from_features(self.features(arrays))

    def probabilities_from_features(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities of backbone features (as stored in the embedding cache)."""
        logits = torch.as_tensor(np.asarray(features, dtype=np.float32)) @ self._weight.T + self._bias
        return torch.softmax(logits, 1).numpy()

    def _prediction(self, probs: np.ndarray, top_k: int, path: Optional[str], image_id: Optional[int],
                    openset: Optional[Tuple[bool, float]] = None) -> Prediction:
        """One prediction; ``openset`` = (unknown, score) from the gate. With an open set the probability
        threshold applies only when the user set one."""
        k = max(1, min(int(top_k), len(self.classes)))
        order = np.argsort(-probs)[:k]
        top = [(self.classes[i], float(probs[i])) for i in order]
        below = bool(top[0][1] < self.threshold)
        if openset is None:
            return Prediction(path, image_id, top, below)
        flag, score = openset
        return Prediction(path, image_id, top, bool(flag) or (self.override and below), openset_score=float(score))

    def predictions(self, feats: np.ndarray, general: Optional[np.ndarray], *, top_k: int,
                    where: Sequence[Tuple[Optional[str], Optional[int]]]) -> List[Prediction]:
        """Predictions of model features and (when not the same) general features, one per ``(path, id)``."""
        if not len(where):
            return []
        probs = self.probabilities_from_features(feats)
        if self.gate is None:
            return [self._prediction(p, top_k, path, i) for p, (path, i) in zip(probs, where)]
        flags, scores = self.gate.decide(feats if self.gate.shared else general)
        return [self._prediction(p, top_k, path, i, (f, s))
                for p, f, s, (path, i) in zip(probs, flags, scores, where)]

    def general_features(self, arrays: Sequence[object]) -> Optional[np.ndarray]:
        """General features of the general halves of (model input, general input) pairs; None when shared."""
        if self.gate is None or self.gate.shared:
            return None
        return self.gate.extractor(self.device).embed_arrays([g for _a, g in arrays])

    def load_input(self, source: str | os.PathLike) -> object:
        """The model's input of a file, paired with the general input when the open set needs its own."""
        if self.gate is None or self.gate.shared:
            return load_input(source, self.prep)
        return load_input(source, self.prep), load_input(source, self.gate.prep)

    def image_input(self, img: Image.Image, *, faces: Optional[Sequence[Box]] = None) -> object:
        """The model's input of a decoded picture (paired with the general input when the open set needs its own);
        ``faces``: the default detector's boxes of ``img`` when already found (for a detected-face view)."""
        if self.gate is None or self.gate.shared:
            return image_to_input(img, self.prep, faces=faces)
        return image_to_input(img, self.prep, faces=faces), image_to_input(img, self.gate.prep, faces=faces)

    def input_decode_side(self) -> Optional[int]:
        """The shorter side :meth:`load_input` decodes files at (None when its two inputs decode differently)."""
        sides = {input_decode_side(self.prep)} | ({input_decode_side(self.gate.prep)} if self.gate else set())
        return sides.pop() if len(sides) == 1 else None

    def predict_loaded(self, loaded: Sequence[object], *, top_k: int,
                       where: Sequence[Tuple[Optional[str], Optional[int]]]) -> List[Prediction]:
        """Predictions of inputs made by :meth:`load_input` or :meth:`image_input`, one per ``(path, id)``."""
        if not len(loaded):
            return []
        pairs = self.gate is not None and not self.gate.shared
        arrays = [a for a, _g in loaded] if pairs else list(loaded)
        return self.predictions(self.features(arrays), self.general_features(loaded) if pairs else None, top_k=top_k,
                                where=where)

    # ------------------------------------------------------------------ public API
    def predict_images(self, images: List[Image.Image], top_k: int = 3) -> List[Prediction]:
        """Predictions for decoded PIL images (any mode)."""
        out: List[Prediction] = []
        for start in range(0, len(images), 32):
            chunk = [self.image_input(img) for img in images[start : start + 32]]
            out.extend(self.predict_loaded(chunk, top_k=top_k, where=[(None, None)] * len(chunk)))
        return out

    def predict_paths(
        self,
        paths: Iterable[str | os.PathLike],
        top_k: int = 3,
        batch_size: int = 32,
        on_progress: Optional[ProgressFn] = None,
        should_stop: Optional[StopFn] = None,
    ) -> Iterator[Prediction]:
        """Stream predictions for files and folders (recursively), in order; unreadable files give
        a prediction with ``error`` set. Memory stays bounded by the batch size."""
        files = expand_paths(paths)
        total = len(files)
        pending: List[Tuple[str, Optional[object], Optional[str]]] = []
        done = 0

        def flush() -> Iterator[Prediction]:
            ok = [(p, a) for p, a, _e in pending if a is not None]
            preds = iter(self.predict_loaded([a for _p, a in ok], top_k=top_k, where=[(p, None) for p, _a in ok]))
            for path, array, error in pending:
                yield Prediction(path, None, error=error) if array is None else next(preds)
            pending.clear()

        for dec in decode_stream(files, self.load_input, window=2 * batch_size):
            check_stop(should_stop)
            pending.append((dec.item, dec.array, dec.error))
            if sum(a is not None for _p, a, _e in pending) >= batch_size:
                for pred in flush():
                    done += 1
                    if on_progress:
                        on_progress(done, total, pred.path or "")
                    yield pred
        for pred in flush():
            done += 1
            if on_progress:
                on_progress(done, total, pred.path or "")
            yield pred

    def feature_cache(self, lib: Library, variant: str = "") -> EmbeddingCache:
        """The embedding cache that holds this model's backbone features for ``lib`` (of ``variant`` inputs,
        e.g. face crops, in a cache of their own)."""
        return EmbeddingCache.for_library(lib.embeddings_dir, self.model, self.saved.backbone_weights_id, self.prep,
                                          variant)

    def extractor(self) -> FeatureExtractor:
        """The feature extractor over this model's backbone."""
        return self._extractor

    def predict_rows(self, lib: Library, rows: Sequence[dict], *, top_k: int = 3,
                     on_progress: Optional[ProgressFn] = None,
                     should_stop: Optional[StopFn] = None) -> List[Prediction]:
        """Predictions for library rows (``id``, ``sha256``, ``path``) through the embedding caches (the
        model's and, when the open set reads other features, the general one); rows without features are left out."""
        feats, _errors, _new = cached_features(self.feature_cache(lib), self.extractor, list(rows), 32, on_progress,
                                               should_stop)
        apart = self.gate is not None and not self.gate.shared  # the open set reads its own features
        general: dict = {}
        if apart:
            general, _errors, _new = cached_features(self.gate.cache(str(lib.embeddings_dir)),
                                                     lambda: self.gate.extractor(self.device), list(rows), 32,
                                                     on_progress, should_stop)
        have = [r for r in rows if r["sha256"] in feats and (not apart or r["sha256"] in general)]
        if not have:
            return []
        x = np.stack([feats[r["sha256"]] for r in have])
        g = np.stack([general[r["sha256"]] for r in have]) if apart else None
        return self.predictions(x, g, top_k=top_k, where=[(r["path"], int(r["id"])) for r in have])


# ------------------------------------------------------------------ CSV output
class PredictionCsvWriter:
    """Writes predictions as CSV rows: path, character, score, unknown, top, error."""

    HEADER = ["path", "character", "score", "unknown", "top", "error"]

    def __init__(self, stream: IO[str], extra: Sequence[str] = ()) -> None:
        self.extra = list(extra)
        self.writer = csv.writer(stream)
        self.writer.writerow(self.HEADER + self.extra)

    def write(self, path: Optional[str], top: Sequence[Tuple[str, float]], unknown: bool, error: Optional[str],
              *extra: object) -> None:
        best, score = (top[0][0], f"{top[0][1]:.4f}") if top and not error else ("", "")
        listing = "; ".join(f"{c}:{s:.4f}" for c, s in top)
        self.writer.writerow([path or "", "unknown" if unknown and not error else best, score,
                              int(bool(unknown)) if not error else "", listing, error or "", *extra])

    def write_prediction(self, pred: Prediction) -> None:
        self.write(pred.path, pred.top, pred.unknown, pred.error)


def write_predictions_csv(path: str | os.PathLike, rows: Iterable[Prediction | Sequence]) -> int:
    """Write predictions (``Prediction`` objects or ``(path, top, unknown, error, *extra)`` tuples) to
    a CSV file; returns the number of rows."""
    items = list(rows)
    width = max((len(r) for r in items if not isinstance(r, Prediction)), default=4)
    extra = ["status"] if width >= 5 else []
    extra += [f"extra{i}" for i in range(2, width - 3)] if width > 5 else []
    n = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = PredictionCsvWriter(fh, extra)
        for r in items:
            if isinstance(r, Prediction):
                writer.write(r.path, r.top, r.unknown, r.error, *([""] * len(extra)))
            else:
                writer.write(*r)
            n += 1
    return n
