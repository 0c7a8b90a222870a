"""Training from the faces the detector finds (issue 16, decision 0024).

A one-character picture whose label has no box, and in which the anime-face detector finds exactly one
face, also teaches from that face's crop: what ``faces assign`` stores, without a step the user has to
know about, and without writing anything into the labels. Detection runs over the labelled pictures as a
cancellable stage of the run; its results are the library's face cache (``faces detect`` reads the same),
so only pictures never seen before are detected, and the detected view reuses the boxes. The labelled
set's fingerprint stays that of the labels, and the validation split is made without these crops
(``pipeline._split``): validation holds the same pictures with or without them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Dict, List, Optional, Tuple

import numpy as np

from animeid_desktop.core.library.face_scan import detect_library_faces
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.media import face_detection
from animeid_desktop.core.media.face_detection import Box
from animeid_desktop.core.progress import StopFn
from animeid_desktop.core.training.config import Reporter
from animeid_desktop.core.training.data import LabelledSet
from animeid_desktop.core.training.face_rows import DETECTED_BY_RUN, crop_row, detected_by_run


def candidates(data: LabelledSet) -> List[dict]:
    """The rows of pictures that hold one character and no crop (no box on their label)."""
    per_image = Counter(r["id"] for r in data.rows)
    return [r for r in data.rows if per_image[r["id"]] == 1 and "box" not in r]


def with_detected_faces(lib: Library, data: LabelledSet, *, report: Reporter,
                        should_stop: Optional[StopFn] = None) -> LabelledSet:
    """``data`` with a crop row (``box_source`` "detected") after each one-character picture that shows
    exactly one detected face, and the boxes found on each picture's row (``faces``); unchanged where
    OpenCV's detector is missing."""
    rows = candidates(data)
    if not rows or not face_detection.available():
        return data
    report.stage("finding faces")
    found: Dict[str, Tuple[Box, ...]] = {}
    cached = 0
    for result in detect_library_faces(lib, detector=face_detection.FaceDetector(), rows=rows,
                                       on_progress=report.progress, should_stop=should_stop):
        cached += result.cached
        if result.error is None:
            found[result.sha256] = tuple(f.box for f in result.faces)
    looked_at = {r["id"] for r in rows}
    added: List[dict] = []
    for r in data.rows:
        faces = found.get(r["sha256"]) if r["id"] in looked_at else None
        added.append(r if faces is None else {**r, "faces": faces})  # the detected view reuses them
        if faces is not None and len(faces) == 1:
            added.append({**crop_row(lib, r, faces[0]), "box_source": DETECTED_BY_RUN})
    index = {c: i for i, c in enumerate(data.classes)}
    y = np.array([index[r["character"]] for r in added], dtype=np.int64)
    crops = sum(map(detected_by_run, added))
    report.log(f"faces: {crops} of {len(rows)} one-character pictures without a box show one face, and each "
               f"also teaches from its crop ({cached} read from the face cache)")
    return replace(data, rows=added, y=y)
