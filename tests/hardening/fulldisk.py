"""A full disk during a model save or a label write (benchmarks/crash_safety.py and the unit tests).

With root rights a real tmpfs of a few megabytes is mounted and filled; otherwise (or when mounting
fails) ENOSPC is injected into file writes. Either way the previous model must still load and the
library must keep every label it had.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import os
import subprocess
from pathlib import Path
from typing import Dict, Iterator, Optional

import torch

from animeid_desktop.core.engine.model_files import load_meta, load_tensors, save_model

TMPFS_BYTES = 3 * 1024 * 1024


@contextlib.contextmanager
def small_tmpfs(mount_point: Path, size: int = TMPFS_BYTES) -> Iterator[Optional[Path]]:
    """Mount a tmpfs of ``size`` bytes (root only); yields None when that is not possible."""
    mount_point.mkdir(parents=True, exist_ok=True)
    if os.name != "posix" or os.geteuid() != 0:
        yield None
        return
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)],
                          capture_output=True)
    if done.returncode != 0:
        yield None
        return
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def fill(folder: Path, leave: int = 64 * 1024) -> Path:
    """Write a filler file until only about ``leave`` bytes are free."""
    filler = folder / "filler.bin"
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with open(filler, "wb") as fh:
        remaining = max(0, free - leave)
        while remaining > 0:
            chunk = min(remaining, 1 << 20)
            try:
                fh.write(b"\0" * chunk)
                fh.flush()
            except OSError:
                break
            remaining -= chunk
    return filler


@contextlib.contextmanager
def injected_enospc(after_bytes: int = 0) -> Iterator[None]:
    """Make binary file writes fail with ENOSPC once ``after_bytes`` bytes were written in total."""
    real_open = builtins.open
    real_fdopen = os.fdopen
    written = {"n": 0}

    class _Full:
        def __init__(self, fh) -> None:
            self._fh = fh

        def write(self, data) -> int:
            if written["n"] + len(data) > after_bytes:
                raise OSError(errno.ENOSPC, "No space left on device")
            written["n"] += len(data)
            return self._fh.write(data)

        def __getattr__(self, name):
            return getattr(self._fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self._fh.__exit__(*exc)

    def wrap(fh, mode):
        return _Full(fh) if any(c in mode for c in "wax") and "b" in mode else fh

    builtins.open = lambda file, mode="r", *a, **k: wrap(real_open(file, mode, *a, **k), mode)
    os.fdopen = lambda fd, mode="r", *a, **k: wrap(real_fdopen(fd, mode, *a, **k), mode)
    try:
        yield
    finally:
        builtins.open = real_open
        os.fdopen = real_fdopen


def model(classes: int, width: int, seed: int):
    """Tensors + meta of a small model (``width`` sets the file size: about 4*width*288 bytes)."""
    gen = torch.Generator().manual_seed(seed)
    tensors = {"backbone.w": torch.randn(width, 256, generator=gen),
               "fc.weight": torch.randn(classes, 32, generator=gen), "fc.bias": torch.randn(classes, generator=gen)}
    return tensors, {"model": "mobilenet_v2", "classes": [f"c{i}" for i in range(classes)]}


def loads_as(folder: Path, classes: int, tensors: Dict[str, torch.Tensor]) -> bool:
    """True when ``folder`` holds exactly that model, metadata and tensors agreeing."""
    meta, got = load_meta(folder), load_tensors(folder)
    return len(meta["classes"]) == classes and all(torch.equal(got[k], v) for k, v in tensors.items())


def leftovers(folder: Path) -> list:
    """Temporary files a failed save left behind."""
    return sorted(p.name for p in folder.rglob("*.tmp"))


def full_disk_trial(work: Path) -> Dict[str, object]:
    """Save over a model and into a new folder on a full disk; label on a full disk. Return findings."""
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.labels import add_character, set_labels

    out: Dict[str, object] = {}
    with small_tmpfs(work / "small_disk") as disk:
        out["method"] = "tmpfs 3 MB" if disk else "injected ENOSPC"
        base = disk or (work / "small_disk")
        old_tensors, old_meta = model(5, 200, 1)
        save_model(base / "run_old", old_tensors, old_meta)
        lib = Library.open(base / "lib")
        with lib.write() as conn:
            conn.executemany(
                "INSERT INTO images(sha256, path, byte_size, format, width, height, status, added_at) "
                "VALUES (?, ?, 1, 'png', 1, 1, 'ok', 'now')", [(f"{i:064x}", f"/x/{i}.png") for i in range(200)])
        add_character(lib, "before")
        set_labels(lib, range(1, 101), "before")
        new_tensors, new_meta = model(7, 2000, 2)
        errors = []
        filler = fill(base, leave=0) if disk else None
        with (contextlib.nullcontext() if disk else injected_enospc()):
            for target in ("run_old", "run_new"):
                try:
                    save_model(base / target, new_tensors, new_meta)
                    errors.append(f"{target}: saved")
                except OSError as exc:
                    errors.append(f"{target}: {errno.errorcode.get(exc.errno, exc.errno)}")
            try:
                add_character(lib, "after")
                set_labels(lib, range(1, 201), "after")
                errors.append("labels: written")
            except Exception as exc:  # noqa: BLE001 - sqlite3.OperationalError "database or disk is full"
                errors.append(f"labels: {type(exc).__name__}: {exc}")
        out["save_errors"] = "; ".join(errors)
        out["previous_loads"] = loads_as(base / "run_old", 5, old_tensors)
        out["previous_lost"] = int(not out["previous_loads"])
        out["temp_leftovers"] = len(leftovers(base))
        labels = dict(lib.query("SELECT COUNT(*) AS n, MIN(c.name) AS name FROM labels l "
                                "JOIN characters c ON c.id = l.character_id")[0])
        out["labels_after"] = f"{labels['n']} x {labels['name']}"
        out["integrity"] = int(lib.scalar("PRAGMA integrity_check") != "ok")
        if filler is not None:
            filler.unlink()
        set_labels(lib, range(101, 111), "before")  # writing works again once there is space
        out["writes_after_space_freed"] = int(lib.scalar("SELECT COUNT(*) FROM labels"))
        lib.close()
    return out
