"""Library health check: SQLite's own integrity check, foreign keys, row invariants, missing files.

``animeid check`` and the GUI's "Check library" run :func:`check_library`; crash-safety tests use
:func:`database_problems` after killing a process mid-write.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from typing import List, Optional

from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.relink import MissingScan, mark_missing
from animeid_desktop.core.progress import ProgressFn, StopFn

# Rows that no code path should ever write; each query returns offending rows.
_INVARIANTS = [
    ("images with an empty path or hash", "SELECT id FROM images WHERE path = '' OR length(sha256) != 64"),
    ("images with a non-positive size", "SELECT id FROM images WHERE width <= 0 OR height <= 0 OR byte_size <= 0"),
    ("labels on images that do not exist", "SELECT image_id FROM labels WHERE image_id NOT IN (SELECT id FROM images)"),
    ("labels naming characters that do not exist",
     "SELECT image_id FROM labels WHERE character_id NOT IN (SELECT id FROM characters)"),
    ("attribute values of unknown attributes",
     "SELECT image_id FROM attribute_values WHERE attr_id NOT IN (SELECT id FROM attribute_defs)"),
]


@dataclass
class CheckReport:
    """Outcome of :func:`check_library`; ``ok`` when the database has no problem."""

    problems: List[str] = field(default_factory=list)
    files: Optional[MissingScan] = None
    images: int = 0
    labelled: int = 0
    unfinished_runs: List[str] = field(default_factory=list)  # training runs still marked 'running'
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "problems": self.problems,
            "images": self.images,
            "labelled": self.labelled,
            "unfinished_runs": self.unfinished_runs,
            "files": self.files.to_dict() if self.files else None,
            "seconds": round(self.seconds, 3),
        }


def database_problems(lib: Library, quick: bool = False) -> List[str]:
    """Everything wrong with the database file and its rows, as sentences (empty when healthy)."""
    conn = lib.connection()
    problems: List[str] = []
    try:
        rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [f"SQLite cannot check the database: {exc}"]
    messages = [str(r[0]) for r in rows]
    if messages != ["ok"]:
        problems.extend(f"SQLite integrity: {m}" for m in messages[:20])
    try:
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            tables = sorted({str(r[0]) for r in fk})
            problems.append(f"{len(fk)} rows break foreign keys (in {', '.join(tables)})")
        for what, sql in _INVARIANTS:
            count = len(conn.execute(sql).fetchall())
            if count:
                problems.append(f"{count} {what}")
    except (sqlite3.DatabaseError, ValueError) as exc:  # a damaged file can fail any query
        problems.append(f"SQLite cannot read every row: {exc}")
    return problems


def _damaged(problems: List[str]) -> bool:
    return any(p.startswith("SQLite") for p in problems)


def check_library(
    lib: Library,
    scan_files: bool = True,
    verify_hashes: bool = False,
    on_progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> CheckReport:
    """Check the database and (unless ``scan_files`` is false) mark vanished files missing.

    A damaged database file is only reported: nothing is written to it (no file scan).
    """
    started = time.monotonic()
    report = CheckReport(problems=database_problems(lib))
    try:
        if scan_files and not _damaged(report.problems):
            report.files = mark_missing(lib, verify_hashes=verify_hashes, on_progress=on_progress,
                                        should_stop=should_stop)
        report.images = int(lib.scalar("SELECT COUNT(*) FROM images"))
        report.labelled = int(lib.scalar("SELECT COUNT(DISTINCT image_id) FROM labels"))
        # A run killed mid-training stays 'running' (it can never become the active model); one that
        # is really training right now in another process looks the same, so they are only listed.
        report.unfinished_runs = [str(r["id"]) for r in lib.query(
            "SELECT id FROM training_runs WHERE status = 'running' ORDER BY created_at")]
    except (sqlite3.DatabaseError, ValueError, TypeError) as exc:
        report.problems.append(f"SQLite cannot read every row: {exc}")
    report.seconds = time.monotonic() - started
    return report
