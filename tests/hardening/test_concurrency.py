"""Concurrency: readers during a write-heavy job, two processes writing, a second app instance."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.library.instance_lock import InstanceLock, LibraryInUse, lock_library
from animeid_desktop.core.library.labels import add_character, list_characters, set_labels
from tests.hardening.killing import REPO

_HOLD_LOCK = (
    "import sys, time\n"
    "from animeid_desktop.core.library.instance_lock import lock_library\n"
    "lock_library(sys.argv[1], app='AnimeID test window')\n"
    "print('locked', flush=True)\n"
    "time.sleep(120)\n"
)


def test_a_second_instance_gets_a_clear_message_and_a_killed_holder_leaves_no_stale_lock(tmp_path):
    root = tmp_path / "lib"
    Library.open(root).close()
    child = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(root)], cwd=str(REPO),
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "locked"
        with pytest.raises(LibraryInUse) as info:
            lock_library(root)
        message = str(info.value)
        assert "already open in AnimeID test window" in message and f"process {child.pid}" in message
        assert info.value.holder["pid"] == child.pid
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    with lock_library(root) as lock:  # the dead holder's lock went with it
        assert lock.held and lock.holder()["pid"] == os.getpid()


def test_instance_lock_in_one_process(tmp_path):
    first = InstanceLock(tmp_path, app="first")
    with first:
        with pytest.raises(LibraryInUse, match="already open in first"):
            InstanceLock(tmp_path).acquire()
        assert first.acquire() is first  # re-entrant for the holder
    assert not first.held
    second = InstanceLock(tmp_path).acquire()
    second.release()
    second.release()  # harmless


def test_readers_and_a_second_writer_never_see_database_is_locked(tmp_path):
    pics = tmp_path / "pics"
    synthetic.write_folder(pics, n_characters=3, per_character=20, size=32, seed=9, attrs_file=False)
    lib = Library.open(tmp_path / "lib")
    import_paths(lib, [pics])
    add_character(lib, "parent_writer")
    ids = [r["id"] for r in lib.query("SELECT id FROM images")]
    lib.close()

    env = dict(os.environ, PYTHONUNBUFFERED="1")
    job = subprocess.Popen([sys.executable, "-m", "tests.hardening.crash_child", "labels", str(tmp_path / "lib"), "1"],
                           cwd=str(REPO), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert job.stdout.readline().strip() == "ready"
    drain = threading.Thread(target=lambda: [None for _ in job.stdout], daemon=True)
    drain.start()
    errors: list = []
    counts = {"reads": 0, "writes": 0}
    stop_at = time.monotonic() + 2.0
    shared = Library(tmp_path / "lib")  # one Library object, a connection per thread (as in the GUI)

    def reader():
        try:
            while time.monotonic() < stop_at:
                list_characters(shared)
                shared.query("SELECT COUNT(*) FROM labels l JOIN images i ON i.id = l.image_id")
                counts["reads"] += 1
        except sqlite3.Error as exc:
            errors.append(exc)
        finally:
            shared.close()

    def writer():
        try:
            k = 0
            while time.monotonic() < stop_at:
                set_labels(shared, ids[k % len(ids) : k % len(ids) + 3], "parent_writer")
                counts["writes"] += 1
                k += 3
        except sqlite3.Error as exc:
            errors.append(exc)
        finally:
            shared.close()

    threads = [threading.Thread(target=reader), threading.Thread(target=reader), threading.Thread(target=writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    job.kill()
    job.wait()
    assert errors == []
    assert counts["reads"] > 10 and counts["writes"] > 10
