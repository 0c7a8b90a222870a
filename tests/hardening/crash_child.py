"""Workloads that a parent kills with SIGKILL at a random moment (tests and benchmarks/crash_safety.py).

Run as ``python -m tests.hardening.crash_child WORKLOAD ARGS...`` from the repository root. Each
workload prints ``ready`` once imports are done, then a journal line per step, flushed *after* the
step's transaction committed (``intent`` lines are printed before, so the parent knows which step
may have been cut in half). The parent replays the journal with :func:`expected_labels` and
compares it with what the database holds after the kill.

Workloads:
- ``labels LIB SEED``: endless random labelling on an imported library: set labels (one character
  for a batch), clear labels, undo the previous step, set an attribute. Journal:
  ``intent N KIND CHAR IDS`` then ``done N``.
- ``import LIB FOLDER [BATCH]``: imports FOLDER (labelled by subfolder) in transactions of BATCH
  files (default: the importer's) and prints ``imported`` at the end.
- ``modelsave DIR SEED``: saves models again and again with different class counts; prints
  ``intent N CLASSES`` then ``saved N CLASSES`` (``DIR`` must load as one of them at any moment).
- ``train LIB SEED``: trains tiny head models again and again (each becomes the active model);
  prints ``intent N`` then ``trained N RUN_ID``.
"""

from __future__ import annotations

import random
import sys
from typing import Dict, List, Optional, Sequence, Tuple

# (character name or None) per image id
LabelMap = Dict[int, Optional[str]]


def _say(*parts) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def run_labels(lib_dir: str, seed: int) -> None:
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.labels import apply_label_state, clear_labels, list_characters, set_labels

    lib = Library.open(lib_dir, create=False)
    rng = random.Random(seed)
    ids = [r["id"] for r in lib.query("SELECT id FROM images ORDER BY id")]
    names = [c["name"] for c in list_characters(lib)]
    last_change = None
    _say("ready")
    for step in range(10**9):
        batch = sorted(rng.sample(ids, rng.randint(1, min(25, len(ids)))))
        kind = rng.choice(["set", "set", "set", "clear", "undo"]) if last_change else "set"
        if kind == "undo":
            state = last_change.before
            _say("intent", step, "undo", _state_text(state, lib), ",".join(map(str, sorted(state))))
            apply_label_state(lib, state)
            last_change = None
        elif kind == "clear":
            _say("intent", step, "clear", "-", ",".join(map(str, batch)))
            last_change = clear_labels(lib, batch)
        else:
            name = rng.choice(names)
            _say("intent", step, "set", name, ",".join(map(str, batch)))
            last_change = set_labels(lib, batch, name)
        _say("done", step)


def _state_text(state, lib) -> str:
    """``name|name|-`` per image of an undo state, in id order (``-`` = unlabelled)."""
    names = {c["id"]: c["name"] for c in lib.query("SELECT id, name FROM characters")}
    return "|".join("+".join(names[row.character_id] for row in state[i]) or "-" for i in sorted(state))


def expected_labels(initial: LabelMap, journal: Sequence[str]) -> Tuple[LabelMap, Optional[LabelMap]]:
    """Replay a ``labels`` journal: (labels after every committed step, the uncommitted step's effect).

    The second value maps the images of the step that was running when the process died to what
    they would hold had it committed (None when no step was in flight).
    """
    state = dict(initial)
    pending: Optional[Tuple[str, LabelMap]] = None
    for line in journal:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "intent":
            _n, kind, arg, ids_text = parts[1:5]
            ids = [int(i) for i in ids_text.split(",") if i]
            if kind == "set":
                effect = {i: arg for i in ids}
            elif kind == "clear":
                effect = {i: None for i in ids}
            else:
                effect = {i: (None if v == "-" else v) for i, v in zip(ids, arg.split("|"))}
            pending = (parts[1], effect)
        elif parts[0] == "done" and pending is not None and parts[1] == pending[0]:
            state.update(pending[1])
            pending = None
    return state, (pending[1] if pending else None)


def run_import(lib_dir: str, folder: str, batch: int = 0) -> None:
    from animeid_desktop.core.library import importer
    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.library.importer import import_paths

    if batch:  # small batches: many commit points to land a kill between, even with tiny data
        importer.BATCH_SIZE = batch
    lib = Library.open(lib_dir)
    _say("ready")
    report = import_paths(lib, [folder])
    _say("imported", report.added, report.duplicates, len(report.skipped))


def fake_model(classes: int, seed: int) -> Tuple[dict, dict]:
    """Tensors and metadata of a small model whose head has ``classes`` outputs."""
    import torch

    gen = torch.Generator().manual_seed(seed)
    tensors = {
        "backbone.weight": torch.randn(256, 512, generator=gen),
        "fc.weight": torch.randn(classes, 256, generator=gen),
        "fc.bias": torch.randn(classes, generator=gen),
    }
    meta = {"model": "mobilenet_v2", "classes": [f"char{i}" for i in range(classes)], "seed": seed}
    return tensors, meta


def run_modelsave(directory: str, seed: int) -> None:
    from animeid_desktop.core.engine.model_files import save_model

    rng = random.Random(seed)
    _say("ready")
    for step in range(10**9):
        classes = rng.randint(2, 40)
        tensors, meta = fake_model(classes, step)
        _say("intent", step, classes)
        save_model(directory, tensors, meta)
        _say("saved", step, classes)


TRAIN_SETTINGS = {"model": "mobilenet_v2", "mode": "head", "epochs": 3, "image_size": 64, "batch_size": 8,
                  "allow_download": False}


def run_train(lib_dir: str, seed: int) -> None:
    import warnings

    from animeid_desktop.core.library.folder import Library
    from animeid_desktop.core.training.pipeline import TrainConfig, train

    warnings.simplefilter("ignore")  # "training from random weights" is expected here
    lib = Library.open(lib_dir, create=False)
    _say("ready")
    for step in range(10**9):
        _say("intent", step)
        result = train(lib, TrainConfig(seed=seed + step, **TRAIN_SETTINGS))
        _say("trained", step, result.run_id)


def main(argv: List[str]) -> None:
    workload, *args = argv
    if workload == "labels":
        run_labels(args[0], int(args[1]))
    elif workload == "import":
        run_import(args[0], args[1], int(args[2]) if len(args) > 2 else 0)
    elif workload == "modelsave":
        run_modelsave(args[0], int(args[1]))
    elif workload == "train":
        run_train(args[0], int(args[1]))
    else:
        raise SystemExit(f"unknown workload {workload!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
