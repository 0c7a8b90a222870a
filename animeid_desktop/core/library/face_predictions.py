"""Per-face answers of library images, stored next to the whole-picture predictions (``face_predictions``).

What the Suggestions page and ``recognize --unlabelled`` keep of each detected face: its box and its top
answer, "unknown" included (an unknown face adds nobody, as in :func:`faces.characters_present`).
"""

from __future__ import annotations

from typing import Mapping, Protocol, Sequence, Tuple

from animeid_desktop.core.library.folder import Library, utcnow


class StoredFace(Protocol):
    """What is stored of a face answer (``faces.FaceAnswer`` has it)."""

    box: Tuple[float, float, float, float]
    top: Tuple[Tuple[str, float], ...]
    unknown: bool


def store_face_predictions(lib: Library, run_id: str, answers: Mapping[int, Sequence[StoredFace]]) -> None:
    """Replace the stored faces of these images for ``run_id`` (an empty list: none found), one transaction."""
    now = utcnow()
    with lib.write() as conn:
        for image_id, faces in answers.items():
            conn.execute("DELETE FROM face_predictions WHERE image_id = ? AND run_id = ?", (int(image_id), run_id))
            conn.executemany(
                "INSERT INTO face_predictions(image_id, run_id, face, x0, y0, x1, y1, character, score, unknown, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(int(image_id), run_id, n, *(float(v) for v in f.box), f.top[0][0], float(f.top[0][1]),
                  int(f.unknown), now) for n, f in enumerate(faces) if f.top],
            )
