"""Detected faces given to an image's labelled characters, so training can learn from their crops.

For each labelled ok image whose labels have no box yet and where the detector finds exactly as many
faces as the image has characters, the faces are matched to the characters by the trained model: the
matching with the highest summed probability (every permutation; an image holds a handful of characters).
:func:`apply_assignments` stores the boxes (``box_source`` ``detector``) as one undo step.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from animeid_desktop.core.library.face_scan import detect_library_faces, library_rows
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.image_characters import characters_by_image, set_regions
from animeid_desktop.core.library.label_state import LabelChange, Region
from animeid_desktop.core.media.face_crops import crop_face
from animeid_desktop.core.media.face_detection import FACE_DECODE_SIDE, Box, FaceDetector
from animeid_desktop.core.media.images import ImageError, load_rgb
from animeid_desktop.core.progress import ProgressFn, StopFn, check_stop
from animeid_desktop.core.recognition.recognizer import Recognizer

MAX_CHARACTERS = 6  # more characters than this in one picture are not matched (permutations grow fast)


@dataclass(frozen=True)
class Assignment:
    """The boxes proposed for one image's characters, and the summed probability of the matching."""

    image_id: int
    path: str
    boxes: Tuple[Tuple[str, Box], ...]  # (character, box), by character name
    score: float

    def to_json(self) -> dict:
        return {"image_id": self.image_id, "path": self.path, "score": round(self.score, 4),
                "faces": [{"character": c, "box": list(b)} for c, b in self.boxes]}


def best_matching(scores: Sequence[Sequence[float]]) -> Tuple[Tuple[int, ...], float]:
    """For a faces x characters score table (square), the character of each face maximising the sum."""
    n = len(scores)
    best = max(itertools.permutations(range(n)), key=lambda p: sum(scores[i][p[i]] for i in range(n)))
    return best, float(sum(scores[i][best[i]] for i in range(n)))


def _unboxed(lib: Library) -> Dict[int, List[str]]:
    """Characters of the labelled ok images none of whose labels has a box (at most MAX_CHARACTERS)."""
    boxed = {r["image_id"] for r in lib.query("SELECT DISTINCT image_id FROM labels WHERE box_source IS NOT NULL")}
    return {i: names for i, names in characters_by_image(lib).items()
            if i not in boxed and len(names) <= MAX_CHARACTERS}


def propose_assignments(
    lib: Library,
    *,
    recognizer: Recognizer,
    detector: FaceDetector,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> List[Assignment]:
    """Assignments for the images whose detected faces are exactly as many as their characters."""
    wanted = _unboxed(lib)
    rows = library_rows(lib, sorted(wanted))
    index = {c: i for i, c in enumerate(recognizer.classes)}
    out: List[Assignment] = []
    for result in detect_library_faces(lib, detector=detector, rows=rows, on_progress=on_progress,
                                       should_stop=should_stop):
        check_stop(should_stop)
        names = wanted[result.image_id]
        if result.error or len(result.faces) != len(names):
            continue
        try:
            img = load_rgb(result.path, target=FACE_DECODE_SIDE)
        except (ImageError, OSError):
            continue
        preds = recognizer.predict_images([crop_face(img, f.box) for f in result.faces], top_k=len(index))
        scores = [[dict(p.top).get(name, 0.0) if name in index else 0.0 for name in names] for p in preds]
        order, score = best_matching(scores)
        boxes = sorted((names[order[i]], f.box) for i, f in enumerate(result.faces))
        out.append(Assignment(result.image_id, result.path, tuple(boxes), score))
    return out


def apply_assignments(lib: Library, assignments: Sequence[Assignment]) -> LabelChange:
    """Store the proposed boxes (source ``detector``), one undo step for all of them."""
    return set_regions(lib, {a.image_id: {c: Region(*b, source="detector") for c, b in a.boxes}
                             for a in assignments})
