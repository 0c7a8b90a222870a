"""Checks shared by the importer fuzz tests and benchmarks/fuzz_import.py."""

from __future__ import annotations

import os
from typing import Dict, Iterable, List, Tuple

from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import ImportReport
from animeid_desktop.core.library.integrity import database_problems
from animeid_desktop.core.media.hashing import file_sha256
from animeid_desktop.core.media.images import ImageError, load_rgb


def account_for_files(lib: Library, report: ImportReport, files: Iterable[str]) -> Dict[str, Tuple[str, str]]:
    """What became of each file: ``{path: (outcome, detail)}`` with outcome ``added`` (its own row),
    ``duplicate`` (its content is another path's row), ``skipped`` (reason given) or ``unaccounted``.
    """
    skipped = dict(report.skipped)
    by_path = {r["path"]: r["sha256"] for r in lib.query("SELECT path, sha256 FROM images")}
    shas = set(by_path.values())
    out: Dict[str, Tuple[str, str]] = {}
    for path in files:
        if path in skipped:
            out[path] = ("skipped", skipped[path])
        elif path in by_path:
            out[path] = ("added", by_path[path])
        else:
            try:
                sha = file_sha256(path)
            except OSError:
                sha = None
            out[path] = ("duplicate", sha) if sha in shas else ("unaccounted", "")
    return out


def library_inconsistencies(lib: Library, decode: bool = True) -> List[str]:
    """Database problems plus rows that do not match their file (hash, decodability, size)."""
    problems = list(database_problems(lib))
    for row in lib.query("SELECT id, path, sha256, width, height, status FROM images"):
        if row["status"] != "ok":
            continue
        if not os.path.isfile(row["path"]):
            problems.append(f"image {row['id']}: file {row['path']} does not exist")
            continue
        if file_sha256(row["path"]) != row["sha256"]:
            problems.append(f"image {row['id']}: content of {row['path']} does not match its hash")
            continue
        if decode:
            try:
                size = load_rgb(row["path"]).size
            except ImageError as exc:
                problems.append(f"image {row['id']}: imported but does not decode ({exc})")
                continue
            if size != (row["width"], row["height"]):
                problems.append(f"image {row['id']}: stored size {row['width']}x{row['height']} but decodes {size}")
    return problems
