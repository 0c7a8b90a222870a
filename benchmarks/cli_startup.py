"""Wall time of the light ``animeid`` commands, next to a bare ``python -c pass``, on a demo library.

Each command runs in a fresh interpreter (as from a shell); the rounds rotate through the commands so
a busy machine slows them all alike. Prints the median per command and its excess over ``python``.

    python benchmarks/cli_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

from _common import ROOT

from animeid_desktop.core.demo.demo_library import build_demo_library
from animeid_desktop.core.library.folder import Library


def commands(lib: str, path: str, name: str) -> Dict[str, List[str]]:
    """The light commands, each as its argument list (``python`` alone is the baseline)."""
    animeid = [sys.executable, "-m", "animeid_desktop", "--library", lib]
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "animeid --help": [sys.executable, "-m", "animeid_desktop", "--help"],
        "characters": animeid + ["characters"],
        "label": animeid + ["label", path, "--character", name],
        "unlabel": animeid + ["unlabel", path],
        "attributes list": animeid + ["attributes", "list", name],
        "models": animeid + ["models"],
        "health --json": animeid + ["health", "--json"],
        "check": animeid + ["check"],
    }


def demo_library(folder: Path) -> tuple:
    """Build a small demo library; (library folder, one labelled image path, its character)."""
    lib = Library.open(folder)
    try:
        build_demo_library(lib, n_characters=4, per_character=12, unlabelled=10, seed=0)
        row = lib.query("SELECT i.path, c.name FROM images i JOIN labels l ON l.image_id = i.id "
                        "JOIN characters c ON c.id = l.character_id ORDER BY i.id LIMIT 1")[0]
    finally:
        lib.close()
    return str(folder), row["path"], row["name"]


def measure(cmds: Dict[str, List[str]], runs: int) -> Dict[str, List[float]]:
    """Seconds of each command per round; the order rotates every round."""
    names = list(cmds)
    times: Dict[str, List[float]] = {n: [] for n in names}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for k in range(runs):
        for n in names[k % len(names):] + names[: k % len(names)]:
            t = time.perf_counter()
            subprocess.run(cmds[n], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=True)
            times[n].append(time.perf_counter() - t)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="runs per command (default 7; the median is shown)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cmds = commands(*demo_library(Path(tmp) / "lib"))
        times = measure(cmds, max(1, args.runs))
    base = statistics.median(times["python -c pass"])
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"{os.cpu_count()} CPU(s), load {load}; median of {args.runs} run(s) per command")
    print(f"{'command':<18}{'median s':>10}{'over python s':>15}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<18}{median:>10.3f}{median - base:>15.3f}")


if __name__ == "__main__":
    main()
