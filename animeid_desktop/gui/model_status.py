"""Short texts about the active model for the status bar and the pages."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QCoreApplication

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import runs
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.runs import Run


def active_run(lib: Library) -> Optional[Run]:
    """The active training run's record, or None when no model was trained or chosen."""
    run_id = runs.active_run_id(lib)
    if not run_id:
        return None
    try:
        return runs.get_run(lib, run_id)
    except UserError:  # the run was deleted behind our back
        return None


def describe_run(run: Optional[Run]) -> str:
    """``efficientnet_lite0 · head · 93% val`` for a run record."""
    if run is None:
        return QCoreApplication.translate("ModelStatus", "no model yet")
    modes = {"head": QCoreApplication.translate("ModelStatus", "head"),
             "finetune": QCoreApplication.translate("ModelStatus", "finetune")}
    parts = [run.model, modes.get(run.mode, run.mode)]
    if run.best_val_acc is not None:
        parts.append(QCoreApplication.translate("ModelStatus", "{accuracy} val").format(
            accuracy=f"{run.best_val_acc:.0%}"))
    return " · ".join(p for p in parts if p)


def describe_active_model(lib: Library) -> str:
    """Status-bar text for the active model."""
    return QCoreApplication.translate("ModelStatus", "Model: {model}").format(model=describe_run(active_run(lib)))
