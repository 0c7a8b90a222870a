"""Plain-callback plumbing for long jobs (import, embedding, training, benchmark).

Every long core function takes ``on_progress(done, total, message)`` and ``should_stop()``; when
``should_stop`` returns true the job raises :class:`Cancelled` at the next safe point (between files
or batches), after leaving the library consistent.
"""

from __future__ import annotations

from typing import Callable, Optional

ProgressFn = Callable[[int, int, str], None]
StopFn = Callable[[], bool]


class Cancelled(Exception):
    """Raised inside a job when its ``should_stop`` callback asked it to stop."""


class UserError(Exception):
    """An error caused by the user's input; its message is shown as one line, without traceback."""


def no_progress(done: int, total: int, message: str = "") -> None:
    """Default progress callback that ignores everything."""


def never_stop() -> bool:
    """Default stop callback: never asks to stop."""
    return False


def check_stop(should_stop: Optional[StopFn]) -> None:
    """Raise :class:`Cancelled` if ``should_stop`` says so."""
    if should_stop is not None and should_stop():
        raise Cancelled()
