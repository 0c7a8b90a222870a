"""Parent side of the kill tests: run a :mod:`crash_child` workload, SIGKILL it, check what survived."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.integrity import database_problems
from tests.hardening.crash_child import LabelMap, expected_labels

REPO = Path(__file__).resolve().parents[2]


@dataclass
class KillRun:
    """Journal of a killed child and how it ended."""

    journal: List[str] = field(default_factory=list)
    killed: bool = False
    returncode: Optional[int] = None
    stderr: str = ""
    ran_for: float = 0.0


def run_and_kill(workload: List[str], delay: float, ready_timeout: float = 120.0) -> KillRun:
    """Start ``python -m tests.hardening.crash_child WORKLOAD``; SIGKILL it ``delay`` s after ``ready``.

    If the child finishes before the kill, ``killed`` is false (the caller may count it apart).
    """
    env = dict(os.environ, PYTHONUNBUFFERED="1", ANIMEID_OFFLINE="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.hardening.crash_child", *workload],
        cwd=str(REPO), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
    )
    run = KillRun()
    ready = threading.Event()
    err_lines: List[str] = []

    def read_out() -> None:
        for line in proc.stdout:
            line = line.rstrip("\n")
            if line == "ready":
                ready.set()
            else:
                run.journal.append(line)
        ready.set()

    def read_err() -> None:
        err_lines.extend(proc.stderr)

    readers = [threading.Thread(target=read_out, daemon=True), threading.Thread(target=read_err, daemon=True)]
    for t in readers:
        t.start()
    if not ready.wait(ready_timeout):
        proc.kill()
        raise RuntimeError("child never became ready")
    started = time.monotonic()
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        run.killed = True
    run.returncode = proc.wait()
    run.ran_for = time.monotonic() - started
    for t in readers:
        t.join()  # the pipes reach EOF once the child is gone: wait for every line it wrote
    run.stderr = "".join(err_lines)
    return run


def label_map(lib: Library) -> LabelMap:
    """Character name (or None) of every image."""
    rows = lib.query(
        "SELECT i.id, c.name FROM images i LEFT JOIN labels l ON l.image_id = i.id "
        "LEFT JOIN characters c ON c.id = l.character_id"
    )
    return {r["id"]: r["name"] for r in rows}


@dataclass
class LabelVerdict:
    """Comparison of the database after a kill with the replayed journal."""

    committed_steps: int
    labels_checked: int  # image labels implied by committed steps
    lost: int  # images whose committed label is not in the database
    in_flight: bool  # a step was running at the kill
    in_flight_applied: Optional[bool]  # True/False when it was all-or-nothing, None when torn
    problems: List[str]


def verify_labels(lib_dir: str | os.PathLike, initial: LabelMap, journal: List[str]) -> LabelVerdict:
    """Open the library after a kill and compare every label with the committed journal."""
    lib = Library.open(lib_dir, create=False)
    try:
        problems = database_problems(lib)
        actual = label_map(lib)
    finally:
        lib.close()
    expected, pending = expected_labels(initial, journal)
    touched = set(pending or {})
    lost = sum(1 for i, name in expected.items() if i not in touched and actual.get(i) != name)
    applied: Optional[bool] = None
    if pending:
        all_new = all(actual.get(i) == v for i, v in pending.items())
        all_old = all(actual.get(i) == expected.get(i) for i in pending)
        applied = True if all_new else False if all_old else None
    committed = sum(1 for line in journal if line.startswith("done "))
    return LabelVerdict(committed, len(expected), lost, pending is not None, applied, problems)


def random_delay(rng: random.Random, low: float, high: float) -> float:
    """A kill delay, uniform in [low, high)."""
    return low + (high - low) * rng.random()


def summarise(values: Dict[str, float]) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items())


@dataclass
class ImportVerdict:
    """State of a library after an import was killed."""

    rows: int  # image rows present after the kill
    bad_rows: int  # rows whose file, hash or label does not match the folder
    problems: List[str]


def verify_import(lib_dir: str | os.PathLike, truth: Dict[str, str]) -> ImportVerdict:
    """Every image row must be a complete, correct import of a file in ``truth`` ({path: character})."""
    from animeid_desktop.core.media.hashing import file_sha256

    lib = Library.open(lib_dir, create=False)
    try:
        problems = database_problems(lib)
        rows = lib.query(
            "SELECT i.path, i.sha256, i.status, c.name FROM images i LEFT JOIN labels l ON l.image_id = i.id "
            "LEFT JOIN characters c ON c.id = l.character_id"
        )
    finally:
        lib.close()
    bad = 0
    for r in rows:
        path = r["path"]
        if path not in truth or r["status"] != "ok" or r["name"] != truth[path] or file_sha256(path) != r["sha256"]:
            bad += 1
    return ImportVerdict(len(rows), bad, problems)
