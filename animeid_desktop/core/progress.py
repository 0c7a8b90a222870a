"""Plain-callback plumbing for long jobs (import, embedding, training, benchmark).

Every long core function takes ``on_progress(done, total, message)`` and ``should_stop()``; when
``should_stop`` returns true the job raises :class:`~animeid_desktop.core.errors.Cancelled` at the
next safe point (between files or batches), after leaving the library consistent.
"""

from __future__ import annotations

from typing import Callable, Optional

from animeid_desktop.core.errors import Cancelled

ProgressFn = Callable[[int, int, str], None]
StopFn = Callable[[], bool]

FACES_PHASE = "looking at faces"  # library recognition's second pass, over the faces (a GUI shows it apart)


def check_stop(should_stop: Optional[StopFn]) -> None:
    """Raise :class:`Cancelled` if ``should_stop`` says so."""
    if should_stop is not None and should_stop():
        raise Cancelled()
