"""Training runs: rows of ``training_runs``, the active run (settings key ``active_run_id``)."""

from __future__ import annotations

import datetime as _dt
import json
import secrets
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library, utcnow

ACTIVE_KEY = "active_run_id"
THRESHOLD_KEY = "threshold:"  # + run id: a user override of the calibrated unknown threshold
USABLE = ("done", "cancelled")
SKIPPED_WARN_SHARE = 0.05  # above this share of skipped labelled images the summaries warn prominently


@dataclass(frozen=True)
class SkippedImage:
    """A labelled image a run could not use, and why."""

    path: str
    reason: str


def skipped_share(skipped: int, labelled: int) -> float:
    """The share of ``labelled`` images a run skipped (0 when nothing was labelled)."""
    return skipped / labelled if labelled else 0.0


def skipped_reasons(reasons: Iterable[str]) -> str:
    """``image file is truncated (2); file not found (1)``: why images were skipped, commonest first."""
    return "; ".join(f"{reason} ({n})" for reason, n in Counter(reasons).most_common())


def new_run_id(model: str) -> str:
    """A unique, time-sortable run id such as ``20250101-120000-lite0-3fa2``."""
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    short = model.replace("efficientnet_", "").replace("mobilenet_", "mnet")
    return f"{stamp}-{short}-{secrets.token_hex(2)}"


def run_dir(lib: Library, run_id: str) -> Path:
    return lib.models_dir / run_id


@dataclass(frozen=True)
class Run:
    """One row of ``training_runs``, decoded: ``classes`` and ``metrics`` parsed from JSON."""

    id: str
    model: str
    mode: str
    status: str
    created_at: str
    finished_at: Optional[str] = None
    classes: Tuple[str, ...] = ()
    pretrained: Optional[bool] = None  # None: not recorded
    best_val_acc: Optional[float] = None
    final_val_acc: Optional[float] = None
    seconds: Optional[float] = None
    path: Optional[str] = None
    parent_run_id: Optional[str] = None
    metrics: Dict[str, Any] = field(default_factory=dict)
    active: bool = False  # the run recognition uses

    @property
    def has_model(self) -> bool:
        """Finished (or cancelled with a saved best epoch) and its model folder exists."""
        return self.status in USABLE and bool(self.path) and Path(self.path).is_dir()

    @property
    def threshold(self) -> Optional[float]:
        """The calibrated "unknown" threshold, when training recorded one."""
        return self.metrics.get("threshold")

    @property
    def skipped(self) -> List[SkippedImage]:
        """The labelled images the run could not use (empty for runs stored before the list was kept)."""
        stored = self.metrics.get("skipped")
        if not isinstance(stored, list):
            return []
        return [SkippedImage(str(s["path"]), str(s["reason"])) for s in stored if isinstance(s, dict)]


def _decode(row: dict, active: Optional[str]) -> Run:
    return Run(
        id=row["id"], model=row["model"], mode=row["mode"], status=row["status"], created_at=row["created_at"],
        finished_at=row["finished_at"], classes=tuple(json.loads(row["classes"]) if row["classes"] else ()),
        pretrained=None if row["pretrained"] is None else bool(row["pretrained"]),
        best_val_acc=row["best_val_acc"], final_val_acc=row["final_val_acc"], seconds=row["seconds"],
        path=row["path"], parent_run_id=row["parent_run_id"],
        metrics=json.loads(row["metrics"]) if row["metrics"] else {}, active=row["id"] == active,
    )


def list_runs(lib: Library) -> List[Run]:
    """All runs, newest first."""
    active = active_run_id(lib)
    rows = lib.query("SELECT * FROM training_runs ORDER BY created_at DESC, rowid DESC")
    return [_decode(r, active) for r in rows]


def get_run(lib: Library, run_id: str) -> Run:
    """One run by id (a unique prefix is enough); :class:`UserError` when there is no such run."""
    rows = lib.query("SELECT * FROM training_runs WHERE id = ?", (run_id,))
    if not rows:
        rows = lib.query("SELECT * FROM training_runs WHERE id LIKE ? ESCAPE '\\'",
                         (run_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",))
    if len(rows) != 1:
        recent = lib.query("SELECT id FROM training_runs ORDER BY created_at DESC, rowid DESC LIMIT 5")
        known = ", ".join(r["id"] for r in recent)
        what = "is ambiguous" if rows else "does not exist"
        raise UserError(f"run {run_id!r} {what}; recent runs: {known or 'none (train one with animeid train)'}")
    return _decode(rows[0], active_run_id(lib))


def active_run_id(lib: Library) -> Optional[str]:
    """The id of the run used for recognition, or None when nothing was trained."""
    value = lib.get_setting(ACTIVE_KEY)
    return value or None


def set_active(lib: Library, run_id: str) -> None:
    """Make ``run_id`` the active model; only finished runs whose files exist can be activated."""
    run = get_run(lib, run_id)
    if not run.has_model:
        raise UserError(f"run {run.id} has no saved model (status {run.status}); pick another run")
    lib.set_setting(ACTIVE_KEY, run.id)


def create_run(lib: Library, run_id: str, model: str, mode: str, parent_run_id: Optional[str]) -> None:
    """Insert a run row with status ``running``."""
    with lib.write() as conn:
        conn.execute(
            "INSERT INTO training_runs(id, model, mode, status, created_at, parent_run_id) "
            "VALUES (?, ?, ?, 'running', ?, ?)",
            (run_id, model, mode, utcnow(), parent_run_id),
        )


def finish_run(lib: Library, run_id: str, status: str, **fields) -> None:
    """Set a run's final status and any of its columns (``classes``/``metrics`` given as Python objects)."""
    values = dict(fields)
    for key in ("classes", "metrics"):
        if key in values and not isinstance(values[key], str):
            values[key] = json.dumps(values[key], ensure_ascii=False)
    if "pretrained" in values and values["pretrained"] is not None:
        values["pretrained"] = int(bool(values["pretrained"]))
    values["status"] = status
    values["finished_at"] = utcnow()
    cols = ", ".join(f"{k} = ?" for k in values)
    with lib.write() as conn:
        conn.execute(f"UPDATE training_runs SET {cols} WHERE id = ?", (*values.values(), run_id))


def threshold_override(lib: Library, run_id: str) -> Optional[float]:
    """The user's unknown threshold for a run, if they set one."""
    value = lib.get_setting(THRESHOLD_KEY + run_id)
    return float(value) if value not in (None, "") else None


def set_threshold_override(lib: Library, run_id: str, value: Optional[float]) -> None:
    """Override (or with None, reset to calibrated) the unknown threshold of a run."""
    run = get_run(lib, run_id)
    if value is not None and not 0.0 <= value <= 1.0:
        raise UserError(f"threshold must be between 0 and 1, not {value}")
    lib.set_setting(THRESHOLD_KEY + run.id, None if value is None else repr(float(value)))
