"""``animeid models [shrink RUN_ID]``, ``animeid use``, ``animeid threshold`` and ``animeid weights``: trained runs and
pretrained weights."""

from __future__ import annotations

import argparse

from animeid_desktop.cli.common import add_command, cli_command, open_library, print_json
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library.runs import (
    Run,
    active_run_id,
    get_run,
    list_runs,
    set_active,
    set_threshold_override,
    threshold_override,
)

RUN_KEYS = ("id", "model", "mode", "status", "created_at", "finished_at", "classes", "pretrained", "best_val_acc",
            "final_val_acc", "seconds", "path", "parent_run_id", "active")


def register(sub) -> None:
    p = add_command(sub, "models", "list trained runs with their metrics (the active one is marked)", run_models)
    p.add_argument("--json", action="store_true", help="one JSON array of runs")
    msub = p.add_subparsers(dest="models_command", metavar="ACTION")
    s = add_command(msub, "shrink", "store a run's backbone in half precision (about half the file)", run_shrink)
    s.add_argument("run_id", metavar="RUN_ID", help="run id (a unique prefix is enough)")
    s.add_argument("--json", action="store_true", help="one JSON object with the sizes")
    p = add_command(sub, "use", "make a trained run the active model", run_use)
    p.add_argument("run_id", metavar="RUN_ID", help="run id (a unique prefix is enough)")
    p = add_command(sub, "threshold", "show or override the 'unknown' threshold of the active model", run_threshold)
    p.add_argument("value", nargs="?", type=float, help="new threshold between 0 and 1")
    p.add_argument("--reset", action="store_true", help="go back to the calibrated threshold")
    p.add_argument("--run", default=None, metavar="RUN_ID", help="another run than the active one")

    w = add_command(sub, "weights", "pretrained backbone weights: status and import", run_weights_status)
    wsub = w.add_subparsers(dest="weights_command", metavar="ACTION")
    p = add_command(wsub, "status", "where each model's pretrained weights come from", run_weights_status)
    p.add_argument("--json", action="store_true")
    add_command(wsub, "import", "check a state-dict file against a model and keep its backbone", run_weights_import,
                arguments=_import_arguments)


def _import_arguments(p: argparse.ArgumentParser) -> None:
    from animeid_desktop.core.engine.registry import MODEL_NAMES

    p.add_argument("file", metavar="FILE", help=".pth/.pt (loaded with weights_only=True) or .safetensors")
    p.add_argument("--model", required=True, choices=MODEL_NAMES)
    p.add_argument("--json", action="store_true")


def _run_json(run: Run) -> dict:
    out = {k: getattr(run, k) for k in RUN_KEYS}
    out["classes"] = list(run.classes)
    out["per_class_acc"] = run.metrics.get("per_class_acc")
    out["threshold"] = run.threshold
    out["openset"] = run.metrics.get("openset")
    out["incremental"] = run.metrics.get("incremental")
    return out


def run_models(args: argparse.Namespace) -> int:
    lib = open_library(args, create=False)
    runs = list_runs(lib)
    if args.json:
        print_json([_run_json(r) for r in runs])
        return 0
    if not runs:
        print(f"no trained runs yet; train one with '{cli_command('train')}'")
        return 0
    print(f"  {'run':<30} {'model':<19} {'mode':<9} {'status':<9} {'chars':>5} {'best':>6} {'final':>6} {'time':>7}")
    for r in runs:
        best = "" if r.best_val_acc is None else f"{r.best_val_acc:.1%}"
        final = "" if r.final_val_acc is None else f"{r.final_val_acc:.1%}"
        secs = "" if r.seconds is None else f"{r.seconds:.0f}s"
        flag = "*" if r.active else " "
        random = "" if r.pretrained in (None, True) else "  (random init)"
        print(f"{flag} {r.id:<30} {r.model:<19} {r.mode:<9} {r.status:<9} {len(r.classes):>5} "
              f"{best:>6} {final:>6} {secs:>7}{random}")
    return 0


def run_shrink(args: argparse.Namespace) -> int:
    from animeid_desktop.core.engine.fp16_storage import store_fp16
    from animeid_desktop.core.engine.model_files import load_meta
    from animeid_desktop.core.engine.saved_models import load_saved

    lib = open_library(args, create=False)
    run = get_run(lib, args.run_id)
    if not run.path:
        raise UserError(f"run {run.id} has no saved model (status {run.status}); pick another run")
    load_saved(run.path, run.id)  # refuse a damaged model before rewriting it
    before, after = store_fp16(run.path)
    info = {"run_id": run.id, "storage": "fp16", "size_mb_before": round(before / 1e6, 3),
            "size_mb": round(after / 1e6, 3), "path": run.path}
    if args.json:
        print_json(info)
        return 0
    if not (load_meta(run.path).get("backbone") or {}).get("in_file"):
        print(f"run {run.id}: {after / 1e6:.1f} MB, nothing to shrink (head-only run: its backbone is the shared "
              "pretrained file, not part of the run)")
        return 0
    print(f"run {run.id}: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB, backbone stored in fp16")
    return 0


def run_use(args: argparse.Namespace) -> int:
    lib = open_library(args, create=False)
    set_active(lib, args.run_id)
    run = get_run(lib, args.run_id)
    print(f"active model: {run.id} ({run.model} {run.mode}, {len(run.classes)} characters)")
    return 0


def run_threshold(args: argparse.Namespace) -> int:
    lib = open_library(args, create=False)
    run_id = args.run or active_run_id(lib)
    if not run_id:
        raise UserError(f"no trained model yet; train one with '{cli_command('train')}'")
    run = get_run(lib, run_id)
    if args.reset:
        set_threshold_override(lib, run.id, None)
    elif args.value is not None:
        set_threshold_override(lib, run.id, args.value)
    calibrated = run.threshold
    override = threshold_override(lib, run.id)
    shown = "none" if calibrated is None else f"{calibrated:.2f}"
    print(f"run {run.id}: calibrated threshold {shown}"
          + (f", overridden to {override:.2f}" if override is not None else ""))
    if run.metrics.get("openset"):
        print("'unknown' is decided by the open set (closeness to your characters); "
              + ("the override applies on top of it" if override is not None else "no probability threshold applies"))
    return 0


def run_weights_status(args: argparse.Namespace) -> int:
    from animeid_desktop.core.engine.registry import MODEL_NAMES, SPECS, weights_status

    rows = [{"model": name, "title": SPECS[name].title, **weights_status(name)} for name in MODEL_NAMES]
    if getattr(args, "json", False):
        print_json(rows)
        return 0
    for r in rows:
        where = f"{r['source']}: {r['path']}" if r["available"] else \
            f"none (import with '{cli_command('weights import')}')"
        print(f"{r['model']:<19} {where}")
    return 0


def run_weights_import(args: argparse.Namespace) -> int:
    from animeid_desktop.core.engine.weights import import_weights

    info = import_weights(args.file, args.model)
    if args.json:
        print_json(info)
        return 0
    dropped = f"; dropped classifier tensors {', '.join(info['dropped'])}" if info["dropped"] else ""
    print(f"imported {info['tensors']} backbone tensors for {info['model']} into {info['path']}{dropped}")
    return 0
