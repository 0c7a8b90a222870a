"""The Recognition page's background work: the active model on files, with each file's faces.

Runs in a job (never on the GUI thread) and reports through the job's events: first
``("threshold", value)``, then ``("no-faces", why)`` once when face detection is unavailable (no
OpenCV), then one :class:`~animeid_desktop.core.recognition.faces.ImageAnswer` per file, in order.
"""

from __future__ import annotations

from typing import List


def face_recognition(lib, recognizer, control):
    """The face-aware recogniser (detections cached in the library), or None when faces cannot be found."""
    from animeid_desktop.core.errors import UserError
    from animeid_desktop.core.recognition.faces import FaceRecognition

    try:
        return FaceRecognition.for_library(lib, recognizer)
    except UserError as exc:
        control.event(("no-faces", str(exc)))
        return None


def recognise_files(lib, paths: List[str], control, top_k: int = 3) -> int:
    """Recognise files and folders (recursively) with the active model; returns how many files."""
    from animeid_desktop.core.recognition.faces import recognize_files
    from animeid_desktop.core.recognition.recognizer import Recognizer  # torch: imported off the GUI thread

    recognizer = Recognizer.load(lib)
    # the probability threshold, when it is what decides (models without an open set, or set by the user)
    control.event(("threshold", recognizer.threshold if recognizer.gate is None or recognizer.override else None))
    count = 0
    for answer in recognize_files(recognizer, face_recognition(lib, recognizer, control), paths, top_k=top_k,
                                  on_progress=control.progress, should_stop=control.should_stop):
        control.event(answer)
        count += 1
    return count
