"""The instance lock's Windows branch (``msvcrt.locking``), run anywhere with msvcrt replaced by a fake."""

from __future__ import annotations

import errno
import os
import types

import pytest

from animeid_desktop.core.library import instance_lock
from animeid_desktop.core.library.instance_lock import InstanceLock, LibraryInUse


class FakeMsvcrt:
    """``msvcrt.locking`` semantics: a byte range locked by one file handle; others get EACCES."""

    LK_UNLCK, LK_LOCK, LK_NBLCK = 0, 1, 2

    def __init__(self) -> None:
        self.held = {}
        self.calls = []
        self.fail_with = None

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        pos = os.lseek(fd, 0, os.SEEK_CUR)
        self.calls.append((mode, pos, nbytes))
        if self.fail_with is not None:
            raise OSError(self.fail_with, os.strerror(self.fail_with))
        key = (os.fstat(fd).st_ino, pos)
        if mode == self.LK_NBLCK:
            if self.held.get(key, fd) != fd:
                raise OSError(errno.EACCES, "Permission denied")
            self.held[key] = fd
        elif mode == self.LK_UNLCK:
            if self.held.pop(key, None) != fd:
                raise OSError(errno.EACCES, "Permission denied")


@pytest.fixture
def msvcrt(monkeypatch):
    fake = FakeMsvcrt()
    monkeypatch.setattr(instance_lock, "_WINDOWS", True)
    monkeypatch.setattr(instance_lock, "msvcrt", fake, raising=False)
    monkeypatch.setattr(instance_lock, "fcntl", types.SimpleNamespace(), raising=False)  # flock must not be used
    return fake


def test_windows_lock_takes_one_byte_far_past_the_end_and_gives_it_back(msvcrt, tmp_path):
    first = InstanceLock(tmp_path, app="first").acquire()
    assert msvcrt.calls == [(FakeMsvcrt.LK_NBLCK, 1 << 20, 1)]
    assert (tmp_path / instance_lock.LOCK_NAME).stat().st_size == 0  # the file itself stays readable
    with pytest.raises(LibraryInUse, match=f"already open in first .*process {os.getpid()}") as caught:
        InstanceLock(tmp_path).acquire()
    assert caught.value.holder["app"] == "first"
    first.release()
    assert msvcrt.calls[-1] == (FakeMsvcrt.LK_UNLCK, 1 << 20, 1)
    assert not (tmp_path / instance_lock.INFO_NAME).exists()
    with InstanceLock(tmp_path) as again:
        assert again.held and again.supported


def test_windows_deadlock_error_counts_as_held(msvcrt, tmp_path):
    msvcrt.fail_with = errno.EDEADLK  # what locking() reports once its retries are used up
    with pytest.raises(LibraryInUse):
        InstanceLock(tmp_path).acquire()


def test_windows_share_without_locking_does_not_block_the_user(msvcrt, tmp_path):
    msvcrt.fail_with = errno.EINVAL
    lock = InstanceLock(tmp_path).acquire()
    assert lock.supported is False and not lock.held
