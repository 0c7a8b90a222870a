"""The Recognition page's background work: the active model on files, with each file's faces.

Runs in a job (never on the GUI thread) and reports through the job's events: first
``("threshold", value)``, then ``("no-faces", why)`` once when face detection is unavailable (no
OpenCV), then one :class:`~animeid_desktop.core.recognition.faces.ImageAnswer` per file, in order.
"""

from __future__ import annotations

from typing import List


def _face_recognition(lib, recognizer, control):
    """The face-aware recogniser (detections cached in the library), or None when faces cannot be found."""
    from animeid_desktop.core.errors import UserError
    from animeid_desktop.core.media.face_cache import FaceCache
    from animeid_desktop.core.media.face_detection import FaceDetector
    from animeid_desktop.core.recognition.faces import FaceRecognition

    try:
        detector = FaceDetector()
    except UserError as exc:
        control.event(("no-faces", str(exc)))
        return None
    return FaceRecognition(recognizer, detector, cache=FaceCache.for_library(lib.cache_dir, detector))


def recognise_files(lib, paths: List[str], control, top_k: int = 3) -> int:
    """Recognise files and folders (recursively) with the active model; returns how many files."""
    from animeid_desktop.core.recognition.faces import ImageAnswer
    from animeid_desktop.core.recognition.recognizer import Recognizer  # torch: imported off the GUI thread

    recognizer = Recognizer.load(lib)
    # the probability threshold, when it is what decides (models without an open set, or set by the user)
    control.event(("threshold", recognizer.threshold if recognizer.gate is None or recognizer.override else None))
    faces = _face_recognition(lib, recognizer, control)
    if faces is not None:
        answers = faces.recognize_paths(paths, top_k=top_k, on_progress=control.progress,
                                        should_stop=control.should_stop)
    else:
        answers = (ImageAnswer(p) for p in recognizer.predict_paths(paths, top_k=top_k, on_progress=control.progress,
                                                                     should_stop=control.should_stop))
    count = 0
    for answer in answers:
        control.event(answer)
        count += 1
    return count
