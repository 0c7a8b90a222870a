"""Who is in a picture, face by face: detected faces are cropped and recognised, plus the whole picture.

:class:`FaceRecognition` pairs a :class:`~animeid_desktop.core.recognition.recognizer.Recognizer` with
the anime-face detector (results cached by content hash in the library, as ``animeid faces detect``
does). Each face crop (box plus :data:`~animeid_desktop.core.media.face_crops.FACE_MARGIN`) gets its
own top-k and "unknown" under the model's threshold. The characters present are the confident face
answers, in face order; where no face has one (none found, or all unknown), the whole picture's answer
when it is not unknown. An unknown face adds nobody.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import Iterable, Iterator, List, Optional, Sequence, Tuple

from PIL import Image

from animeid_desktop.core.engine.features import decode_stream
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.media import face_detection
from animeid_desktop.core.media.face_cache import FaceCache
from animeid_desktop.core.media.face_crops import crop_face
from animeid_desktop.core.media.face_detection import FACE_DECODE_SIDE, Box, Face, FaceDetector
from animeid_desktop.core.media.hashing import file_sha256
from animeid_desktop.core.media.images import ImageError, load_rgb
from animeid_desktop.core.media.scanning import expand_paths
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop
from animeid_desktop.core.recognition.recognizer import Prediction, Recognizer


@dataclass(frozen=True)
class FaceAnswer:
    """One detected face: its box (fractions of the picture), top-k ``[(character, probability)]``, unknown."""

    box: Box
    top: Tuple[Tuple[str, float], ...]
    unknown: bool

    @property
    def best(self) -> Optional[str]:
        """The face's character, or None when unknown."""
        return None if self.unknown or not self.top else self.top[0][0]

    def to_json(self) -> dict:
        """``{"box": [x0, y0, x1, y1], "top": [{"character", "score"}], "unknown"}``."""
        return {"box": [round(float(v), 4) for v in self.box],
                "top": [{"character": c, "score": round(float(s), 4)} for c, s in self.top], "unknown": self.unknown}


def characters_present(whole: Prediction, faces: Sequence[FaceAnswer]) -> List[str]:
    """The confident face answers (in face order, each once); the whole picture's answer, when it is not
    unknown, only where no face has a confident answer (decision 0011: on a group shot it is mostly wrong)."""
    names = [f.best for f in faces if f.best]
    return list(dict.fromkeys(names)) if names else ([whole.best] if whole.best else [])


@dataclass
class ImageAnswer:
    """The whole-picture prediction of an image, its faces' answers and the characters present."""

    prediction: Prediction
    faces: List[FaceAnswer] = field(default_factory=list)
    face_error: Optional[str] = None  # why faces could not be looked for (the whole-picture answer stands)

    @property
    def characters(self) -> List[str]:
        return characters_present(self.prediction, self.faces)

    def to_json(self) -> dict:
        """The prediction's JSON (every field kept) plus ``faces`` and ``characters``."""
        out = self.prediction.to_json()
        out["faces"] = [f.to_json() for f in self.faces]
        out["characters"] = [] if self.prediction.error else self.characters
        if self.face_error:
            out["face_error"] = self.face_error
        return out


@dataclass
class Loaded:
    """What the decode pool prepares for one file: the whole picture's input, its faces and their crops' inputs."""

    whole: object
    faces: Tuple[Face, ...] = ()
    crops: List[object] = field(default_factory=list)
    face_error: Optional[str] = None
    detected: Optional[str] = None  # the content hash, when the faces were detected now (to be cached)


class FaceRecognition:
    """A recogniser and a face detector; ``cache`` (optional) keeps detections by content hash."""

    def __init__(self, recognizer: Recognizer, detector: FaceDetector, *, cache: Optional[FaceCache] = None) -> None:
        self.recognizer = recognizer
        self.detector = detector
        self.cache = cache
        self._detecting = threading.Lock()  # one cascade, shared by the decode threads
        self._one_decode = recognizer.input_decode_side() == FACE_DECODE_SIDE  # the picture's input and its crops
        self._faces_serve_view = isinstance(detector, FaceDetector) and detector.is_default  # a detected-face view

    @classmethod
    def for_library(cls, lib: Library, recognizer: Recognizer) -> FaceRecognition:
        """With the anime-face detector, its detections cached in ``lib`` (``UserError`` without OpenCV)."""
        detector = face_detection.FaceDetector()  # looked up when called: tests stand in a detector-less OpenCV
        return cls(recognizer, detector, cache=FaceCache.for_library(lib.cache_dir, detector))

    def _faces_of(self, path: str) -> Tuple[Optional[str], Optional[Tuple[Face, ...]]]:
        """(content hash, cached faces or None) of a file; (None, None) without a cache."""
        if self.cache is None:
            return None, None
        sha = file_sha256(path)
        return sha, self.cache.get_many([sha]).get(sha)

    def load_faces(self, path: str) -> Loaded:
        """Run on a decode thread: the faces of a file and their crops' inputs, without the whole picture."""
        return self._load_faces(path, Loaded(None))

    def _load(self, path: str) -> Loaded:
        """Run on a decode thread: the whole picture's input (``ImageError`` when it cannot be read), then
        its faces (:meth:`_load_faces`). Where the whole picture's input is cut from a copy of the faces'
        size (a detected-face view), one decode serves both, and the faces (cached or detected now: the
        default detector finds the same boxes in the same copy) serve the view."""
        if not self._one_decode:
            return self._load_faces(path, Loaded(self.recognizer.load_input(path)))
        img = load_rgb(path, target=FACE_DECODE_SIDE)
        loaded = self._load_faces(path, Loaded(None), img)
        same = self._faces_serve_view and loaded.face_error is None
        loaded.whole = self.recognizer.image_input(img, faces=[f.box for f in loaded.faces] if same else None)
        return loaded

    def _load_faces(self, path: str, loaded: Loaded, img: Optional[Image.Image] = None) -> Loaded:
        """The faces of a file (cached, else detected on ``img`` or a copy decoded at :data:`FACE_DECODE_SIDE`)
        and their crops' inputs, into ``loaded``; why not into ``loaded.face_error``."""
        try:
            sha, faces = self._faces_of(path)
            if faces == ():  # known to hold no face: no second decode
                return loaded
            if img is None:
                img = load_rgb(path, target=FACE_DECODE_SIDE)
            if faces is None:
                with self._detecting:
                    faces = tuple(self.detector.detect(img))
                loaded.detected = sha
        except (ImageError, OSError) as exc:
            loaded.face_error = str(exc)
            return loaded
        loaded.faces = faces
        loaded.crops = [self.recognizer.image_input(crop_face(img, f.box)) for f in faces]
        return loaded

    def _answer(self, batch: Sequence[Tuple[str, Optional[Loaded], Optional[str]]], *, top_k: int,
                batch_size: int) -> List[ImageAnswer]:
        """The answers of decoded files: whole pictures and face crops share batches of ``batch_size`` inputs."""
        ok = [item for _p, item, _e in batch if item is not None]
        crops = [c for item in ok for c in item.crops]
        inputs = [item.whole for item in ok] + crops
        where = [(path, None) for path, item, _e in batch if item is not None] + [(None, None)] * len(crops)
        preds = [p for s in range(0, len(inputs), batch_size) for p in self.recognizer.predict_loaded(
            inputs[s:s + batch_size], top_k=top_k, where=where[s:s + batch_size])]
        wholes, face_preds = iter(preds[: len(ok)]), iter(preds[len(ok):])
        out = []
        for path, item, error in batch:
            if item is None:
                out.append(ImageAnswer(Prediction(path, None, error=error)))
                continue
            faces = [FaceAnswer(f.box, tuple(p.top), p.unknown) for f, p in zip(item.faces, face_preds)]
            out.append(ImageAnswer(next(wholes), faces, face_error=item.face_error))
        if self.cache is not None:
            self.cache.put_many({item.detected: item.faces for _p, item, _e in batch
                                 if item is not None and item.detected is not None})
        return out

    def recognize_paths(
        self,
        paths: Iterable[str | os.PathLike],
        *,
        top_k: int = 3,
        batch_size: int = 32,
        on_progress: Optional[ProgressFn] = None,
        should_stop: Optional[StopFn] = None,
    ) -> Iterator[ImageAnswer]:
        """Each file's answer with its faces, in order (files and folders, recursively): the same
        whole-picture answers as :meth:`Recognizer.predict_paths`. Decoding, face look-up and detection
        run on a thread pool; whole pictures and face crops share the network's batches."""
        files = expand_paths(paths)
        pending: List[Tuple[str, Optional[Loaded], Optional[str]]] = []
        done = 0
        for dec in decode_stream(files, self._load, window=2 * batch_size):
            check_stop(should_stop)
            pending.append((dec.item, dec.array, dec.error))
            last = len(pending) + done == len(files)
            if sum(item is not None for _p, item, _e in pending) >= batch_size or last:
                for answer in self._answer(pending, top_k=top_k, batch_size=batch_size):
                    done += 1
                    if on_progress:
                        on_progress(done, len(files), answer.prediction.path or "")
                    yield answer
                pending.clear()


def recognize_files(
    recognizer: Recognizer,
    faces: Optional[FaceRecognition],
    paths: Iterable[str | os.PathLike],
    *,
    top_k: int = 3,
    batch_size: int = 32,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> Iterator[ImageAnswer]:
    """Each file's answer, in order: with its faces through ``faces``, or the whole picture alone when
    ``faces`` is None (no face detection, or not wanted)."""
    if faces is not None:
        yield from faces.recognize_paths(paths, top_k=top_k, batch_size=batch_size, on_progress=on_progress,
                                         should_stop=should_stop)
        return
    for prediction in recognizer.predict_paths(paths, top_k=top_k, batch_size=batch_size, on_progress=on_progress,
                                               should_stop=should_stop):
        yield ImageAnswer(prediction)
