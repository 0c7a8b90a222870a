"""Shared helpers of the speed benchmarks: machine line, dataset listing, interleaved timing, tables.

Every speed-up is a ratio against a baseline measured in the same run. The machines are noisy, so
:func:`interleave` runs the variants slice by slice in rotating order instead of one after another.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANIMEID_OFFLINE", "1")

DATASET = ROOT.parent / "shared" / "datasets" / "newgame8"


def machine_line() -> str:
    """CPU count, torch threads and the load average, for the table header."""
    import torch

    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    return f"{os.cpu_count()} CPU(s), torch {torch.__version__} on {torch.get_num_threads()} thread(s), load {load}"


def dataset_items(limit: int = 0) -> List[Tuple[str, str]]:
    """(path, character) of the newgame8 images, sorted; the first ``limit`` spread over all characters."""
    if not DATASET.is_dir():
        return []
    items = sorted((str(p), p.parent.name) for p in DATASET.rglob("*.jpg") if p.is_file())
    if limit and limit < len(items):
        step = len(items) / limit
        items = [items[int(i * step)] for i in range(limit)]
    return items


def interleave(variants: Dict[str, Callable[[Sequence], object]], items: Sequence, slices: int,
               results: Dict[str, list]) -> Dict[str, float]:
    """Run every variant over ``items`` in ``slices`` parts, rotating the order per part.

    Returns total seconds per variant; each variant's outputs per part are appended to ``results``.
    """
    names = list(variants)
    seconds = {n: 0.0 for n in names}
    for n in names:
        results.setdefault(n, [])
    size = max(1, -(-len(items) // max(1, slices)))
    parts = [items[i : i + size] for i in range(0, len(items), size)]
    for k, part in enumerate(parts):
        order = names[k % len(names):] + names[: k % len(names)]
        for n in order:
            t = time.perf_counter()
            results[n].append(variants[n](part))
            seconds[n] += time.perf_counter() - t
    return seconds


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain aligned text table."""
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(cells[0], widths)))
    print("  ".join("-" * w for w in widths))
    for r in cells[1:]:
        print("  ".join(c.rjust(w) if _numeric(c) else c.ljust(w) for c, w in zip(r, widths)))
    sys.stdout.flush()


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


def _numeric(text: str) -> bool:
    return text.replace(".", "", 1).replace("-", "", 1).replace("x", "").replace("%", "").isdigit()


def timed(fn: Callable[[], object]) -> Tuple[float, object]:
    """(seconds, result) of one call."""
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out
