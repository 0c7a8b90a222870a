"""Anime-face boxes in a decoded picture: an LBP cascade run on two downscaled grey copies.

The model is ``lbpcascade_animeface.xml`` (nagadomi, MIT, notice inside the file), shipped in
``animeid_desktop/resources/`` and read with OpenCV's ``CascadeClassifier`` (``opencv-python-headless<5``:
OpenCV 5 dropped the cascade API). OpenCV is imported when a detector is made, never at module import,
so light commands stay light.

A face is a :class:`Face`: ``box = (x0, y0, x1, y1)`` as fractions (0..1) of the picture's width and
height, and ``score``, the number of raw detections merged into the box (always above
``min_neighbors``; more is surer). The cascade runs on the picture's luma and, by default, again on the
darkest of its R, G, B, where light hair stands out from light skin; a face the second pass finds is added
unless it overlaps one already found (docs/decisions/0022). The cascade misses side views, small and strongly
stylised faces: no face found means "use the whole picture", not "nobody is there".

:func:`largest_face_box` serves the "detected" picture view (``engine/preprocess``) from any thread, with one
shared default detector; :func:`available` says whether OpenCV can detect here.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import numpy as np
from PIL import Image

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.media.images import load_rgb, to_rgb

MODEL_NAME = "lbpcascade_animeface"
MODEL_FILE = f"{MODEL_NAME}.xml"
CASCADE_WINDOW = 24  # the cascade's own window (pixels): no smaller face can be found
FACE_DECODE_SIDE = 1024  # faces are detected on, and cut from, a copy decoded with its shorter side at least this
SAME_FACE_OVERLAP = 0.5  # two boxes are one face when their overlap covers this share of the smaller one
INSTALL_HINT = "install it with: pip install 'opencv-python-headless<5'"

Box = Tuple[float, float, float, float]


@dataclass(frozen=True)
class FaceParams:
    """How the cascade is run: image pyramid step, votes needed, smallest face, detection copy size."""

    scale_factor: float = 1.1
    min_neighbors: int = 4
    min_face: float = 0.06  # smallest face side, as a fraction of the detection copy's shorter side
    max_side: int = 512  # the picture is shrunk so that its longer side is at most this (pixels)
    pad: float = 0.1  # edges repeated around the copy, as a fraction of its longer side: finds faces cut by the frame
    darkest_pass: bool = True  # also run on the darkest of R, G, B (light-haired faces the luma pass misses)

    def __post_init__(self) -> None:
        if self.scale_factor <= 1.0:
            raise ValueError(f"scale_factor must be above 1, not {self.scale_factor}")
        if self.min_neighbors < 0:
            raise ValueError(f"min_neighbors must be 0 or more, not {self.min_neighbors}")
        if not 0.0 <= self.min_face < 1.0:
            raise ValueError(f"min_face must be a fraction in [0, 1), not {self.min_face}")
        if self.max_side < CASCADE_WINDOW:
            raise ValueError(f"max_side must be at least {CASCADE_WINDOW} pixels, not {self.max_side}")
        if not 0.0 <= self.pad <= 1.0:
            raise ValueError(f"pad must be a fraction in [0, 1], not {self.pad}")

    @property
    def tag(self) -> str:
        """Every parameter, in a short text (part of a detector's identity)."""
        return (f"sf{self.scale_factor:g}-mn{self.min_neighbors}-mf{self.min_face:g}-side{self.max_side}"
                f"-pad{self.pad:g}" + ("-dark" if self.darkest_pass else ""))


@dataclass(frozen=True)
class Face:
    """One detected face: a normalised box and the detector's score (None when it gives none)."""

    box: Box
    score: Optional[float] = None

    def to_json(self) -> dict:
        """``{"box": [x0, y0, x1, y1], "score": ...}``."""
        return {"box": list(self.box), "score": self.score}


def model_path() -> Path:
    """The shipped cascade file (inside the package, also in a PyInstaller bundle)."""
    base = getattr(sys, "_MEIPASS", None)
    candidates = [Path(__file__).resolve().parents[2] / "resources" / MODEL_FILE]
    if base:
        candidates.insert(0, Path(base) / "animeid_desktop" / "resources" / MODEL_FILE)
    return next((p for p in candidates if p.is_file()), candidates[-1])


def _import_cv2():
    try:
        import cv2
    except ImportError as exc:
        raise UserError(f"face detection needs OpenCV (module cv2), which is not installed: {INSTALL_HINT}") from exc
    if not hasattr(cv2, "CascadeClassifier"):
        raise UserError(f"OpenCV {cv2.__version__} has no cascade detector (OpenCV 5 removed it): {INSTALL_HINT}")
    return cv2


class FaceDetector:
    """The anime-face cascade with its parameters; :meth:`detect` works on any PIL image."""

    def __init__(self, params: FaceParams = FaceParams(), path: Optional[str | os.PathLike] = None) -> None:
        self.params = params
        self.path = Path(path) if path is not None else model_path()
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise UserError(f"cannot read the face model {self.path} ({exc.strerror or exc}): "
                            "reinstall AnimeID, the file ships with it") from exc
        self._cv2 = _import_cv2()
        try:
            self._cascade = self._cv2.CascadeClassifier(str(self.path))
        except (self._cv2.error, SystemError):  # OpenCV raises on some damaged files, returns empty on others
            self._cascade = None
        if self._cascade is None or self._cascade.empty():
            raise UserError(f"the face model {self.path} is not an OpenCV cascade file (damaged?): "
                            "reinstall AnimeID to restore it")
        self.model_digest = hashlib.sha256(data).hexdigest()[:12]

    @property
    def identity(self) -> str:
        """Names the model file's content, every parameter and the decode: a different identity, different results."""
        return f"{MODEL_NAME}-{self.model_digest}-{self.params.tag}-from{FACE_DECODE_SIDE}"

    @property
    def is_default(self) -> bool:
        """True for the shipped model with default parameters: the detector behind :func:`largest_face_box`."""
        return self.params == FaceParams() and self.path == model_path()

    def describe(self) -> dict:
        """The model and parameters, for reports and cache descriptors."""
        return {"model": MODEL_NAME, "model_sha256": self.model_digest, **asdict(self.params)}

    def shrunk(self, img: Image.Image) -> Image.Image:
        """An RGB copy of a picture in any mode, its longest side at most ``max_side``."""
        rgb = to_rgb(img)
        longest = max(rgb.size)
        if longest > self.params.max_side:
            scale = self.params.max_side / longest
            size = (max(1, round(rgb.width * scale)), max(1, round(rgb.height * scale)))
            rgb = rgb.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
        return rgb

    def prepare(self, img: Image.Image) -> np.ndarray:
        """The detection copy of a picture in any mode, longest side at most ``max_side``, equalised: grey
        (H, W), or with the darkest pass (2, H, W), luma then the darkest of R, G, B."""
        rgb = self.shrunk(img)
        luma = self._cv2.equalizeHist(np.asarray(rgb.convert("L"), dtype=np.uint8))
        return np.stack([luma, self.darkest_channel(rgb)]) if self.params.darkest_pass else luma

    def darkest_channel(self, rgb: Image.Image) -> np.ndarray:
        """The darkest of R, G, B of an RGB copy, equalised: where light hair stands out from skin."""
        return self._cv2.equalizeHist(np.ascontiguousarray(np.asarray(rgb).min(axis=2)))

    def load(self, path: str | os.PathLike) -> np.ndarray:
        """Decode a file into its detection copy, from the copy recognition cuts faces from (decoded at
        :data:`FACE_DECODE_SIDE`): the same boxes whoever asks; raises ``ImageError``."""
        return self.prepare(load_rgb(path, target=FACE_DECODE_SIDE))

    def detect_prepared(self, prepared: np.ndarray) -> List[Face]:
        """Faces in a detection copy made by :meth:`prepare` or :meth:`load`, largest first: the first plane's,
        then the other's that are not one of them."""
        faces: List[Face] = []
        for grey in (prepared if prepared.ndim == 3 else [prepared]):
            faces += [f for f in self._detect_plane(grey) if not any(same_face(f.box, g.box) for g in faces)]
        return sorted(faces, key=lambda f: -_area(f.box))

    def _detect_plane(self, grey: np.ndarray) -> List[Face]:
        h, w = grey.shape[:2]
        side = max(CASCADE_WINDOW, round(self.params.min_face * min(h, w)))
        if min(h, w) < side:
            return []
        pad = round(self.params.pad * max(h, w))
        framed = self._cv2.copyMakeBorder(grey, pad, pad, pad, pad, self._cv2.BORDER_REPLICATE) if pad else grey
        rects, votes = self._cascade.detectMultiScale2(
            framed, scaleFactor=self.params.scale_factor, minNeighbors=self.params.min_neighbors,
            minSize=(side, side))
        faces = []
        for (x, y, bw, bh), n in zip(np.asarray(rects).reshape(-1, 4), np.asarray(votes).reshape(-1)):
            x0, y0, x1, y1 = (x - pad) / w, (y - pad) / h, (x + bw - pad) / w, (y + bh - pad) / h
            box = tuple(round(float(min(1.0, max(0.0, v))), 4) for v in (x0, y0, x1, y1))  # 4 decimals, as cached
            if box[2] > box[0] and box[3] > box[1]:
                faces.append(Face(box=box, score=float(n)))
        return faces

    def detect(self, img: Image.Image) -> List[Face]:
        """Faces in a decoded picture (any PIL mode), largest first."""
        return self.detect_prepared(self.prepare(img))


def available() -> bool:
    """Whether faces can be detected here (OpenCV with its cascade detector is installed)."""
    try:
        _import_cv2()
    except UserError:
        return False
    return True


_shared: List[FaceDetector] = []
_shared_lock = threading.Lock()  # one cascade for the picture views of every thread (OpenCV parallelises it)


def default_tag() -> str:
    """Names the default detector's parameters (the model file ships with the program): the "detected"
    picture view's features are cached under it."""
    return f"{MODEL_NAME}-{FaceParams().tag}"


def largest_face_box(img: Image.Image) -> Optional[Box]:
    """The box of the largest face the default detector finds in a decoded picture, None when it finds none
    (``UserError`` without OpenCV). Safe from any thread."""
    with _shared_lock:
        if not _shared:
            _shared.append(FaceDetector())
        faces = _shared[0].detect(img)
    return faces[0].box if faces else None


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _intersection(a: Box, b: Box) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def box_iou(a: Box, b: Box) -> float:
    """Intersection over union of two ``(x0, y0, x1, y1)`` boxes (0 when they do not overlap)."""
    inter = _intersection(a, b)
    union = _area(a) + _area(b) - inter
    return inter / union if union > 0 else 0.0


def same_face(a: Box, b: Box) -> bool:
    """Whether two boxes are one face: their overlap covers :data:`SAME_FACE_OVERLAP` of the smaller one."""
    smaller = min(_area(a), _area(b))
    return smaller > 0 and _intersection(a, b) >= SAME_FACE_OVERLAP * smaller


def matched_boxes(truth: Sequence[Box], found: Sequence[Box], *, min_iou: float = 0.5) -> int:
    """How many ``truth`` boxes a distinct ``found`` box matches with IoU >= ``min_iou`` (greedy, best first)."""
    pairs = sorted(((box_iou(t, f), i, j) for i, t in enumerate(truth) for j, f in enumerate(found)), reverse=True)
    used_t, used_f = set(), set()
    for iou, i, j in pairs:
        if iou >= min_iou and i not in used_t and j not in used_f:
            used_t.add(i)
            used_f.add(j)
    return len(used_t)
