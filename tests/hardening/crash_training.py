"""Killing training runs: the active model must always be a complete, loadable, validated model."""

from __future__ import annotations

import random
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.engine.model_files import load_tensors
from animeid_desktop.core.engine.safe_load import check_model_folder, validate_tensors
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.library.integrity import database_problems
from animeid_desktop.core.library.runs import active_run_id, get_run, list_runs, set_active
from tests.hardening.crash_child import TRAIN_SETTINGS
from tests.hardening.killing import run_and_kill


def prepare_training_library(root: Path, seed: int = 4) -> Path:
    """A library with 3 characters x 10 tiny images and one trained, active model."""
    from animeid_desktop.core.training.pipeline import TrainConfig, train

    pics = root / "train_pics"
    synthetic.write_folder(pics, n_characters=3, per_character=10, size=64, seed=seed, attrs_file=False)
    lib_dir = root / "train_lib"
    lib = Library.open(lib_dir)
    import_paths(lib, [pics])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        train(lib, TrainConfig(**TRAIN_SETTINGS))
    lib.close()
    return lib_dir


@dataclass
class TrainingVerdict:
    active: Optional[str]
    active_is_known: bool  # the previous active run or one this child created
    active_loads: bool
    interrupted_runs: int  # runs left 'running' by the kill
    interrupted_activatable: int  # interrupted runs that set_active would accept (must be 0)
    problems: List[str]


def verify_training(lib_dir: Path, before: set, previous_active: Optional[str]) -> TrainingVerdict:
    """Check the library after a training child was killed."""
    from animeid_desktop.core.engine.saved_models import load_saved

    lib = Library.open(lib_dir, create=False)
    try:
        problems = database_problems(lib)
        active = active_run_id(lib)
        runs = list_runs(lib)
        known = active == previous_active or (active is not None and active not in before)
        loads = False
        if active is not None:
            try:
                run = get_run(lib, active)
                meta = check_model_folder(run.path)
                validate_tensors(meta, load_tensors(run.path), run.path)
                load_saved(run.path, active)
                loads = run.status in ("done", "cancelled")
            except UserError as exc:
                problems.append(f"active model {active} does not load: {exc}")
        interrupted = [r for r in runs if r.status == "running"]
        activatable = 0
        for r in interrupted:
            try:
                set_active(lib, r.id)
                activatable += 1
                set_active(lib, active)
            except UserError:
                pass
    finally:
        lib.close()
    return TrainingVerdict(active, known, loads, len(interrupted), activatable, problems)


def training_trials(work: Path, trials: int, rng: random.Random) -> Dict[str, object]:
    """Kill ``trials`` training children at random moments; summarise the verdicts."""
    lib_dir = prepare_training_library(work)
    out = {"trials": trials, "killed": 0, "runs_completed": 0, "old": 0, "new": 0, "torn": 0, "unloadable": 0,
           "unknown_active": 0, "interrupted_runs": 0, "interrupted_activatable": 0, "integrity": 0}
    for trial in range(trials):
        lib = Library.open(lib_dir, create=False)
        before = {r.id for r in list_runs(lib)}
        unfinished_before = sum(1 for r in list_runs(lib) if r.status == "running")
        previous = active_run_id(lib)
        lib.close()
        run = run_and_kill(["train", str(lib_dir), str(trial)], delay=rng.uniform(0.0, 4.0))
        verdict = verify_training(lib_dir, before, previous)
        out["killed"] += run.killed
        out["runs_completed"] += sum(1 for line in run.journal if line.startswith("trained "))
        out["old" if verdict.active == previous else "new"] += 1
        out["unloadable"] += not verdict.active_loads
        out["unknown_active"] += not verdict.active_is_known
        out["interrupted_runs"] += verdict.interrupted_runs - unfinished_before  # left by this kill
        out["interrupted_activatable"] += verdict.interrupted_activatable
        out["integrity"] += bool(verdict.problems)
    return out
