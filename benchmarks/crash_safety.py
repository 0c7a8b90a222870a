"""Crash safety: SIGKILL during labelling, import, training and model saving; concurrency; full disk.

Usage: ``.venv/bin/python benchmarks/crash_safety.py [--trials 30] [--seed 0] [--only labels,import,...]``

Scenarios (each kill is a child process from ``tests/hardening/crash_child.py`` killed at a random
moment after it is ready; the parent then opens the library and checks it):

- ``labels``: endless random labelling (set / clear / undo). After each kill: ``PRAGMA
  integrity_check`` and foreign keys clean, every label of every committed step present (journal
  replay), and the step cut by the kill all-or-nothing.
- ``import``: a folder import in small transactions. After each kill: only complete, correct rows
  (file exists, hash and folder label match), and a re-import finishes the job.
- ``training``: head training (``core.training``, when present) while a model is active. After
  each kill: the active model still loads; the runs table is intact.
- ``modelsave``: ``modelfile.save_model`` over ONE folder again and again (informational: the app
  never does this; each run saves into its own new folder and activation is one database write).
  Each file is atomic, but the pair is not: a kill between the two renames leaves new tensors with
  old metadata, which the loader's shape validation then refuses.
- ``concurrency``: a write-heavy labelling process + reader threads + a writer thread for a few
  seconds; counts ``database is locked`` errors.
- ``fulldisk``: a model save onto a nearly full file system (a real 3 MB tmpfs when run as root,
  else injected ENOSPC): the save fails cleanly and the previous model still loads.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Dict, List

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from animeid_desktop.core.demo import synthetic  # noqa: E402
from animeid_desktop.core.library.folder import Library  # noqa: E402
from animeid_desktop.core.library.importer import import_paths  # noqa: E402
from tests.hardening.killing import label_map, run_and_kill, verify_import, verify_labels  # noqa: E402

SCENARIOS = ("labels", "import", "training", "modelsave", "concurrency", "fulldisk")


def scenario_labels(work: Path, trials: int, rng: random.Random) -> Dict[str, object]:
    pics = work / "label_pics"
    synthetic.write_folder(pics, n_characters=6, per_character=40, size=32, seed=1, attrs_file=False)
    lib_dir = work / "label_lib"
    lib = Library.open(lib_dir)
    import_paths(lib, [pics])
    initial = label_map(lib)
    lib.close()
    out = {"trials": trials, "killed": 0, "steps": 0, "label_writes": 0, "lost": 0, "torn": 0, "integrity": 0,
           "in_flight": 0}
    for trial in range(trials):
        run = run_and_kill(["labels", str(lib_dir), str(trial)], delay=rng.uniform(0.05, 1.5))
        verdict = verify_labels(lib_dir, initial, run.journal)
        out["killed"] += run.killed
        out["steps"] += verdict.committed_steps
        out["label_writes"] += _committed_writes(run.journal)
        out["lost"] += verdict.lost
        out["in_flight"] += verdict.in_flight
        out["torn"] += verdict.in_flight and verdict.in_flight_applied is None
        out["integrity"] += bool(verdict.problems)
        lib = Library.open(lib_dir, create=False)
        initial = label_map(lib)
        lib.close()
    return out


def _committed_writes(journal: List[str]) -> int:
    sizes: Dict[str, int] = {}
    total = 0
    for line in journal:
        parts = line.split()
        if parts[0] == "intent":
            sizes[parts[1]] = len(parts[4].split(","))
        elif parts[0] == "done":
            total += sizes.get(parts[1], 0)
    return total


def scenario_import(work: Path, trials: int, rng: random.Random) -> Dict[str, object]:
    pics = work / "import_pics"
    written = synthetic.write_folder(pics, n_characters=6, per_character=150, size=48, seed=2, attrs_file=False)
    truth = {str(p): name for name, paths in written.items() for p in paths}
    calibrate = run_and_kill(["import", str(work / "import_calibration"), str(pics), "20"], delay=600)
    full = calibrate.ran_for  # from "ready" to the end of the import: the window the kills land in
    out = {"trials": trials, "killed": 0, "mid_import": 0, "bad_rows": 0, "integrity": 0, "resume_failures": 0,
           "full_import_s": round(full, 2), "calibration_ok": not calibrate.killed}
    for trial in range(trials):
        lib_dir = work / f"import_lib{trial}"
        run = run_and_kill(["import", str(lib_dir), str(pics), "20"], delay=rng.uniform(0.0, 1.1 * full))
        verdict = verify_import(lib_dir, truth)
        out["killed"] += run.killed
        out["mid_import"] += 0 < verdict.rows < len(truth)
        out["bad_rows"] += verdict.bad_rows
        out["integrity"] += bool(verdict.problems)
        lib = Library.open(lib_dir, create=False)
        import_paths(lib, [pics])
        lib.close()
        after = verify_import(lib_dir, truth)
        out["resume_failures"] += after.rows != len(truth) or after.bad_rows != 0
        shutil.rmtree(lib_dir, ignore_errors=True)
    return out


def scenario_modelsave(work: Path, trials: int, rng: random.Random) -> Dict[str, object]:
    from animeid_desktop.core.engine.model_files import load_meta, load_tensors

    folder = work / "model"
    out = {"trials": trials, "killed": 0, "torn": 0, "unloadable": 0, "old": 0, "new": 0, "unexpected": 0}
    for trial in range(trials):
        run = run_and_kill(["modelsave", str(folder), str(trial)], delay=rng.uniform(0.0, 1.0))
        out["killed"] += run.killed
        saved = [int(line.split()[2]) for line in run.journal if line.startswith("saved ")]
        intents = [int(line.split()[2]) for line in run.journal if line.startswith("intent ")]
        last_saved = saved[-1] if saved else None
        pending = intents[-1] if len(intents) > len(saved) else None
        if not saved and not (folder / "meta.json").exists() and not (folder / "model.safetensors").exists():
            out["nothing_saved_yet"] = out.get("nothing_saved_yet", 0) + 1  # killed before the first save
            continue
        try:
            meta, tensors = load_meta(folder), load_tensors(folder)
        except Exception:  # noqa: BLE001 - counted
            out["unloadable"] += 1
            continue
        classes = len(meta["classes"])
        if tensors["fc.weight"].shape[0] != classes:
            out["torn"] += 1
        elif pending is not None and classes == pending and classes != last_saved:
            out["new"] += 1
        elif classes == last_saved or (last_saved is None and trial > 0):
            out["old"] += 1
        else:
            out["unexpected"] += 1
    return out


def scenario_training(work: Path, trials: int, rng: random.Random) -> Dict[str, object]:
    import importlib.util

    if importlib.util.find_spec("animeid_desktop.core.training.pipeline") is None:
        return {"skipped": "animeid_desktop.core.training.pipeline does not exist yet"}
    from tests.hardening.crash_training import training_trials

    return training_trials(work, trials, rng)


def scenario_concurrency(work: Path, seconds: float = 5.0) -> Dict[str, object]:
    from animeid_desktop.core.library.labels import add_character, list_characters, set_labels
    from tests.hardening.killing import REPO as repo

    pics = work / "conc_pics"
    synthetic.write_folder(pics, n_characters=4, per_character=50, size=32, seed=3, attrs_file=False)
    lib_dir = work / "conc_lib"
    lib = Library.open(lib_dir)
    import_paths(lib, [pics])
    add_character(lib, "bench_writer")
    ids = [r["id"] for r in lib.query("SELECT id FROM images")]
    lib.close()
    job = subprocess.Popen([sys.executable, "-m", "tests.hardening.crash_child", "labels", str(lib_dir), "5"],
                           cwd=str(repo), stdout=subprocess.PIPE, text=True)
    job.stdout.readline()
    job_steps = {"n": 0}

    def drain():
        for line in job.stdout:
            job_steps["n"] += line.startswith("done")

    threading.Thread(target=drain, daemon=True).start()
    shared = Library(lib_dir)
    errors: List[str] = []
    counts = {"reads": 0, "writes": 0, "max_write_ms": 0.0}
    stop_at = time.monotonic() + seconds

    def reader():
        try:
            while time.monotonic() < stop_at:
                list_characters(shared)
                shared.query("SELECT i.id, l.character_id FROM images i LEFT JOIN labels l ON l.image_id = i.id")
                counts["reads"] += 1
        except sqlite3.Error as exc:
            errors.append(str(exc))
        finally:
            shared.close()

    def writer():
        try:
            k = 0
            while time.monotonic() < stop_at:
                t = time.perf_counter()
                set_labels(shared, ids[k % len(ids): k % len(ids) + 5], "bench_writer")
                counts["max_write_ms"] = max(counts["max_write_ms"], (time.perf_counter() - t) * 1000)
                counts["writes"] += 1
                k += 5
        except sqlite3.Error as exc:
            errors.append(str(exc))
        finally:
            shared.close()

    threads = [threading.Thread(target=reader) for _ in range(3)] + [threading.Thread(target=writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    job.kill()
    job.wait()
    return {"seconds": seconds, "job_commits": job_steps["n"], "reads": counts["reads"], "writes": counts["writes"],
            "max_write_ms": round(counts["max_write_ms"], 1), "locked_errors": sum("locked" in e for e in errors),
            "other_errors": sum("locked" not in e for e in errors)}


def scenario_fulldisk(work: Path) -> Dict[str, object]:
    from tests.hardening.fulldisk import full_disk_trial

    return full_disk_trial(work)


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=30, help="kills per scenario")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", default=",".join(SCENARIOS), help="comma-separated scenarios")
    args = parser.parse_args(argv)
    chosen = [s for s in args.only.split(",") if s]
    rng = random.Random(args.seed)
    results = {}
    with tempfile.TemporaryDirectory(prefix="animeid-crash-") as tmp:
        work = Path(tmp)
        for name in chosen:
            started = time.monotonic()
            if name == "concurrency":
                res = scenario_concurrency(work)
            elif name == "fulldisk":
                res = scenario_fulldisk(work)
            else:
                res = globals()[f"scenario_{name}"](work, args.trials, rng)
            res["wall_s"] = round(time.monotonic() - started, 1)
            results[name] = res
            print(f"{name:<12} " + ", ".join(f"{k}={v}" for k, v in res.items()), flush=True)
    print()
    print(f"{'scenario':<12} {'trials':>6} {'kills':>6} {'checked':>22} {'lost/torn/bad':>14} {'integrity':>9}")
    print("-" * 75)
    for name, r in results.items():
        if "skipped" in r:
            print(f"{name:<12} skipped: {r['skipped']}")
            continue
        if name == "labels":
            checked = f"{r['steps']} steps, {r['label_writes']} labels"
            bad = f"{r['lost']}/{r['torn']}/-"
        elif name == "import":
            checked = f"{r['mid_import']} cut mid-import"
            bad = f"-/-/{r['bad_rows'] + r['resume_failures']}"
        elif name in ("modelsave", "training"):
            checked = f"old {r.get('old', 0)}, new {r.get('new', 0)}"
            bad = f"-/{r.get('torn', 0)}/{r.get('unloadable', 0)}"
        elif name == "concurrency":
            print(f"{name:<12} {r['seconds']:>5}s  job commits {r['job_commits']}, reads {r['reads']}, writes "
                  f"{r['writes']}, max write {r['max_write_ms']} ms, 'database is locked' {r['locked_errors']}, "
                  f"other errors {r['other_errors']}")
            continue
        else:
            print(f"{name:<12} " + ", ".join(f"{k}={v}" for k, v in r.items()))
            continue
        print(f"{name:<12} {r['trials']:>6} {r['killed']:>6} {checked:>22} {bad:>14} {r.get('integrity', 0):>9}")
    bad = any(r.get(k, 0) for name, r in results.items() if name != "modelsave" for k in
              ("lost", "torn", "bad_rows", "resume_failures", "integrity", "unloadable", "locked_errors",
               "previous_lost", "unexpected"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
