"""One AnimeID window per library: an OS file lock that dies with its process.

Several processes may safely *share* a library's database (WAL, ``BEGIN IMMEDIATE``, busy
timeout: see :mod:`library`), so CLI commands never need this lock. Two GUI windows on one library
would work too, but each would show stale galleries and undo stacks of the other's changes, so the
GUI takes :class:`InstanceLock` at start-up and a second window gets :class:`LibraryInUse` with a
message naming the holder (program, process id, host, since when).

The lock is ``flock`` (POSIX) or ``msvcrt.locking`` (Windows) on ``<library>/instance.lock``; the
operating system releases it when the holder exits or is killed, so a crash never leaves a stale
lock behind. Holder details live in ``instance.json`` beside it (the lock file itself may be
unreadable on Windows while locked). On file systems without locks (some network shares) the lock
is skipped rather than blocking the user: :attr:`InstanceLock.supported` is then false.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import json
import os
import socket
import sys
from pathlib import Path
from typing import Optional

from animeid_desktop.core.errors import UserError

LOCK_NAME = "instance.lock"
INFO_NAME = "instance.json"
_WINDOWS = sys.platform == "win32"
_LOCK_OFFSET = 1 << 20  # Windows: lock a byte far past the end so the file stays readable

if _WINDOWS:  # pragma: no cover - tests/core/library/test_instance_lock_windows.py fakes msvcrt
    import msvcrt
else:
    import fcntl


class LibraryInUse(UserError):
    """The library is open in another AnimeID window; ``holder`` has its details (may be empty)."""

    def __init__(self, message: str, holder: dict) -> None:
        super().__init__(message)
        self.holder = holder


def _now() -> str:
    return _dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")


def _try_lock(fd: int) -> bool:
    """Take the lock without waiting; False when another process holds it."""
    try:
        if _WINDOWS:  # pragma: no cover
            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, errno.EDEADLK):
            return False
        raise


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if _WINDOWS:  # pragma: no cover
            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)


class InstanceLock:
    """Exclusive "this library is open here" lock; use as a context manager or acquire/release."""

    def __init__(self, library_root: str | os.PathLike, app: str = "AnimeID") -> None:
        self.root = Path(library_root)
        self.app = app
        self._fd: Optional[int] = None
        self.supported = True

    @property
    def held(self) -> bool:
        return self._fd is not None

    def holder(self) -> dict:
        """Details the current holder wrote (``app, pid, host, since``), or {} when unknown."""
        try:
            data = json.loads((self.root / INFO_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def acquire(self) -> InstanceLock:
        """Take the lock or raise :class:`LibraryInUse`; re-acquiring a held lock is a no-op."""
        if self._fd is not None:
            return self
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(self.root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise UserError(f"cannot open {self.root / LOCK_NAME}: {exc.strerror}; is the library folder "
                            f"writable?") from exc
        try:
            got = _try_lock(fd)
        except OSError:  # no locking on this file system (e.g. some network shares): do not block the user
            os.close(fd)
            self.supported = False
            return self
        if not got:
            os.close(fd)
            holder = self.holder()
            raise LibraryInUse(self._in_use_message(holder), holder)
        self._fd = fd
        info = {"app": self.app, "pid": os.getpid(), "host": socket.gethostname(), "since": _now()}
        with contextlib.suppress(OSError):
            (self.root / INFO_NAME).write_text(json.dumps(info), encoding="utf-8")
        return self

    def _in_use_message(self, holder: dict) -> str:
        who = holder.get("app") or "another AnimeID window"
        where = []
        if holder.get("pid"):
            where.append(f"process {holder['pid']}")
        if holder.get("host") and holder.get("host") != socket.gethostname():
            where.append(f"on {holder['host']}")
        if holder.get("since"):
            where.append(f"since {holder['since']}")
        detail = f" ({', '.join(where)})" if where else ""
        return (f"library {self.root} is already open in {who}{detail}; switch to that window, "
                f"or close it and try again")

    def release(self) -> None:
        """Give the lock up (also happens automatically when the process ends)."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            if self.holder().get("pid") == os.getpid():
                (self.root / INFO_NAME).unlink()
        _unlock(self._fd)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def lock_library(library_root: str | os.PathLike, app: str = "AnimeID") -> InstanceLock:
    """Acquire and return the instance lock of a library (raises :class:`LibraryInUse`)."""
    return InstanceLock(library_root, app).acquire()
