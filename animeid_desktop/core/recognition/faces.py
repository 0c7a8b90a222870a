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
from dataclasses import dataclass, field
from typing import Iterable, Iterator, List, Optional, Sequence, Tuple

from animeid_desktop.core.media.face_cache import FaceCache
from animeid_desktop.core.media.face_crops import crop_face
from animeid_desktop.core.media.face_detection import Box, Face, FaceDetector
from animeid_desktop.core.media.hashing import file_sha256
from animeid_desktop.core.media.images import ImageError, load_rgb
from animeid_desktop.core.progress import ProgressFn, StopFn
from animeid_desktop.core.recognition.recognizer import Prediction, Recognizer

DECODE_SIDE = 1024  # faces are cropped from a copy decoded with its shorter side at least this (pixels)


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


class FaceRecognition:
    """A recogniser and a face detector; ``cache`` (optional) keeps detections by content hash."""

    def __init__(self, recognizer: Recognizer, detector: FaceDetector, *, cache: Optional[FaceCache] = None) -> None:
        self.recognizer = recognizer
        self.detector = detector
        self.cache = cache

    def _cached(self, path: str | os.PathLike) -> Tuple[Optional[str], Optional[Tuple[Face, ...]]]:
        """(content hash, cached faces or None) of a file; (None, None) without a cache."""
        if self.cache is None:
            return None, None
        sha = file_sha256(path)
        return sha, self.cache.get_many([sha]).get(sha)

    def _detect(self, sha: Optional[str], img) -> Tuple[Face, ...]:
        found = tuple(self.detector.detect(img))
        if sha is not None:
            self.cache.put_many({sha: found})
        return found

    def answer_faces(self, img, faces: Sequence[Face], top_k: int) -> List[FaceAnswer]:
        """Each face's crop recognised (no faces: an empty list)."""
        if not faces:
            return []
        preds = self.recognizer.predict_images([crop_face(img, f.box) for f in faces], top_k=top_k)
        return [FaceAnswer(f.box, tuple(p.top), p.unknown) for f, p in zip(faces, preds)]

    def answer(self, prediction: Prediction, *, top_k: int = 3) -> ImageAnswer:
        """Faces added to the whole-picture ``prediction`` of a file (none when it failed)."""
        if prediction.error or prediction.path is None:
            return ImageAnswer(prediction)
        try:
            sha, faces = self._cached(prediction.path)
            if faces == ():  # known to hold no face: no decode
                return ImageAnswer(prediction, [])
            img = load_rgb(prediction.path, target=DECODE_SIDE)
            faces = faces if faces is not None else self._detect(sha, img)
        except (ImageError, OSError) as exc:
            return ImageAnswer(prediction, face_error=str(exc))
        return ImageAnswer(prediction, self.answer_faces(img, faces, top_k))

    def recognize_paths(
        self,
        paths: Iterable[str | os.PathLike],
        *,
        top_k: int = 3,
        batch_size: int = 32,
        on_progress: Optional[ProgressFn] = None,
        should_stop: Optional[StopFn] = None,
    ) -> Iterator[ImageAnswer]:
        """:meth:`Recognizer.predict_paths` (same order, same whole-picture answers) with each file's faces."""
        for pred in self.recognizer.predict_paths(paths, top_k=top_k, batch_size=batch_size,
                                                  on_progress=on_progress, should_stop=should_stop):
            yield self.answer(pred, top_k=top_k)
