"""Training-run records: typed, decoded, looked up by prefix, activated only with a saved model."""

from __future__ import annotations

import dataclasses

import pytest

from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import runs


def _run(lib, run_id: str, status: str = "done", saved: bool = True) -> None:
    runs.create_run(lib, run_id, "efficientnet_lite0", "head", None)
    path = runs.run_dir(lib, run_id)
    if saved:
        path.mkdir(parents=True)
    runs.finish_run(lib, run_id, status, classes=["aoi", "rin"], pretrained=False, best_val_acc=0.75,
                    path=str(path), metrics={"threshold": 0.4, "per_class_acc": {"aoi": 1.0}})


def test_runs_are_frozen_records_with_parsed_fields(library):
    _run(library, "20250101-000000-a")
    _run(library, "20250102-000000-b", status="failed", saved=False)
    runs.set_active(library, "20250101")
    listed = runs.list_runs(library)
    assert [r.id for r in listed] == ["20250102-000000-b", "20250101-000000-a"]
    run = runs.get_run(library, "20250101")
    assert isinstance(run, runs.Run) and run == listed[1]
    assert run.classes == ("aoi", "rin") and run.pretrained is False and run.best_val_acc == 0.75
    assert run.metrics["per_class_acc"] == {"aoi": 1.0} and run.threshold == 0.4
    assert run.active and run.has_model and not listed[0].active and not listed[0].has_model
    assert run.finished_at is not None and run.final_val_acc is None and run.parent_run_id is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        run.status = "running"


def test_lookup_errors_and_activation_rules(library):
    _run(library, "20250101-000000-a")
    _run(library, "20250101-000000-b", status="cancelled", saved=False)
    with pytest.raises(UserError, match="ambiguous"):
        runs.get_run(library, "20250101")
    with pytest.raises(UserError, match="does not exist"):
        runs.get_run(library, "nope")
    with pytest.raises(UserError, match="no saved model"):
        runs.set_active(library, "20250101-000000-b")
    assert runs.active_run_id(library) is None
