"""Short texts about the active model for the status bar and the pages."""

from __future__ import annotations

from typing import Any, Optional

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library


def run_field(run: Any, key: str, default: Any = None) -> Any:
    """A field of a training-run record, whether it is a dict or an object."""
    if run is None:
        return default
    if isinstance(run, dict):
        return run.get(key, default)
    return getattr(run, key, default)


def active_run(lib: Library) -> Optional[Any]:
    """The active training run's record, or None when no model was trained or chosen."""
    from animeid_desktop.core.library import runs

    run_id = runs.active_run_id(lib)
    if not run_id:
        return None
    try:
        return runs.get_run(lib, run_id)
    except UserError:  # the run was deleted behind our back
        return None


def describe_run(run: Any) -> str:
    """``efficientnet_lite0 · head · 93% val`` for a run record."""
    if run is None:
        return "no model yet"
    parts = [str(run_field(run, "model", "?")), str(run_field(run, "mode", ""))]
    acc = run_field(run, "best_val_acc")
    if acc is not None:
        parts.append(f"{float(acc):.0%} val")
    return " · ".join(p for p in parts if p)


def describe_active_model(lib: Library) -> str:
    """Status-bar text for the active model."""
    return f"Model: {describe_run(active_run(lib))}"
