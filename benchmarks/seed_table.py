"""The reference write-up's two model-comparison tables next to ours, from one run on this machine.

Usage::

    .venv/bin/python benchmarks/seed_table.py --library DIR [--dataset FOLDER] [--train head|finetune]
        [--with-default] [--weights MODEL=FILE ...] [--batch N] [--repeats N] [--threads N] [--json OUT]

With ``--dataset`` the folder (one subfolder per character, e.g. ../shared/datasets/newgame8) is
imported into the library first; with ``--train`` the four compared models (``--with-default``: and
EfficientNet-Lite0) are trained on it one after another (``benchmark.train_models``, not
incrementally). ``--weights`` imports pretrained backbone weights into a private weights folder first
(``ANIMEID_WEIGHTS_DIR``, unless already set), so the user's own weights are never touched. Then
every model is benchmarked on this machine and both tables are printed: accuracy/size/training
time, and inference speed; reference | ours.

Reference numbers (the write-up, someone else's data and GPU): sizes, accuracies and training times
as published. Its inference list "12.53 / 12.87 / 15.86 / 18.24 ms" is given in the same sentence and
order as the sizes (14.9 / 29.2 / 56.5 / 295.2 MB = MobileNetV2, B0, B3, ResNet50), so it is mapped
in that order (``--ms-order why``, the default); ``--ms-order brief`` uses the order the brief lists
the models in instead (B3, B0, MobileNetV2, ResNet50). The table footnote says which one was used.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

from animeid_desktop.core.benchmark import runner as benchmark
from animeid_desktop.core.benchmark import table as benchmark_table
from animeid_desktop.core.benchmark.table import format_duration
from animeid_desktop.core.library.folder import Library

REFERENCE = {  # model: (best val acc %, size MB, training hours)
    "efficientnet_b3": (93.92, 56.5, 22.0),
    "efficientnet_b0": (93.16, 29.2, 2.75),
    "mobilenet_v2": (91.44, 14.9, 2.0),
    "resnet50": (90.68, 295.2, 1.5),
}
REFERENCE_MS = {
    "why": {"mobilenet_v2": 12.53, "efficientnet_b0": 12.87, "efficientnet_b3": 15.86, "resnet50": 18.24},
    "brief": {"efficientnet_b3": 12.53, "efficientnet_b0": 12.87, "mobilenet_v2": 15.86, "resnet50": 18.24},
}
ORDER = ("efficientnet_b3", "efficientnet_b0", "mobilenet_v2", "resnet50", "efficientnet_lite0")


def _fmt(value: Optional[float], spec: str, unit: str = "") -> str:
    return "—" if value is None else f"{value:{spec}}{unit}"


def _table(headers: List[str], rows: List[List[str]]) -> str:
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(row: List[str]) -> str:
        return "  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(row, widths)))

    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in rows)])


def accuracy_table(records: Dict[str, dict]) -> str:
    """Table 1: best validation accuracy, model size and training time, reference | ours."""
    rows = []
    for model in ORDER:
        r = records.get(model)
        ref = REFERENCE.get(model)
        if r is None:
            continue
        acc = None if r["best_val_acc"] is None else 100 * r["best_val_acc"]
        rows.append([
            r["title"] + (" *" if model == "efficientnet_lite0" else ""),
            _fmt(ref and ref[0], ".2f", "%"), _fmt(acc, ".2f", "%") if r["trained"] else "not trained",
            _fmt(ref and ref[1], ".1f", " MB"), _fmt(r["file_mb"], ".1f", " MB"),
            format_duration(ref[2] * 3600) if ref else "—",
            format_duration(r["train_seconds"]) if r["trained"] else "not trained",
            f"{r['mode'] or '—'} / {'pretrained' if r['pretrained'] else 'random init' if r['trained'] else '—'}"
            + (f" / {r['n_val']} val" if r["n_val"] else ""),
        ])
    return _table(["Model", "best val acc (ref)", "(ours)", "size (ref)", "(ours)", "training (ref)", "(ours)",
                   "our run"], rows)


def speed_table(records: Dict[str, dict], ms_order: str) -> str:
    """Table 2: inference milliseconds per image, reference | ours (batch 1, with p95 and batch N)."""
    rows = []
    for model in ORDER:
        r = records.get(model)
        if r is None:
            continue
        rows.append([
            r["title"] + (" *" if model == "efficientnet_lite0" else ""),
            _fmt(REFERENCE_MS[ms_order].get(model), ".2f", " ms"), _fmt(r["ms_b1_mean"], ",.1f", " ms"),
            _fmt(r["ms_b1_p95"], ",.1f", " ms"), _fmt(r["ms_bn_mean"], ",.1f", " ms"),
            _fmt(r["images_per_s"], ",.1f"), _fmt(r["peak_mem_mb"], ",.0f", " MB"),
        ])
    return _table(["Model", "ms/image (ref)", "(ours, batch 1)", "p95", "batch N", "images/s", "peak memory"], rows)


def _import_weights(specs: List[str]) -> None:
    from animeid_desktop.core.engine.weights import import_weights

    if specs and not os.environ.get("ANIMEID_WEIGHTS_DIR"):
        os.environ["ANIMEID_WEIGHTS_DIR"] = tempfile.mkdtemp(prefix="animeid-seed-weights-")
    for spec in specs:
        model, _, path = spec.partition("=")
        info = import_weights(path, model)
        print(f"imported {model} weights from {path} ({info['tensors']} tensors)", file=sys.stderr)


def _progress(done: int, total: int, message: str = "") -> None:
    if message and (done == 0 or done == total):
        print(f"  {message}", file=sys.stderr)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", required=True, help="library folder (created when missing)")
    parser.add_argument("--dataset", help="import this folder first (subfolders = characters)")
    parser.add_argument("--train", choices=("head", "finetune"), help="train the four models first, in this mode")
    parser.add_argument("--with-default", action="store_true",
                        help="with --train, also train the offline default EfficientNet-Lite0")
    parser.add_argument("--weights", action="append", default=[], metavar="MODEL=FILE",
                        help="import pretrained weights for MODEL from FILE first (repeatable)")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--threads", type=int)
    parser.add_argument("--ms-order", choices=tuple(REFERENCE_MS), default="why")
    parser.add_argument("--json", metavar="OUT", help="also write our records as JSON")
    args = parser.parse_args(argv)
    os.environ.setdefault("ANIMEID_OFFLINE", "1")
    _import_weights(args.weights)
    lib = Library.open(args.library)
    t0 = time.monotonic()
    if args.dataset:
        from animeid_desktop.core.library.importer import import_paths

        report = import_paths(lib, [args.dataset])
        print(f"imported {args.dataset}: {report.added} added, {report.labelled} labelled", file=sys.stderr)
    if args.train:
        print(f"training the four models ({args.train})…", file=sys.stderr)
        models = [*benchmark.COMPARED_MODELS, "efficientnet_lite0"] if args.with_default else \
            list(benchmark.COMPARED_MODELS)
        benchmark.train_models(lib, models, args.train, on_progress=_progress)
    print("benchmarking…", file=sys.stderr)
    config = benchmark.BenchConfig(batch=args.batch, repeats=args.repeats, repeats_n=max(1, args.repeats // 3),
                                   threads=args.threads)
    records = {r["model"]: r for r in benchmark.run_benchmark(lib, config, on_progress=_progress)}
    if args.json:
        Path(args.json).write_text(json.dumps(list(records.values()), indent=1), encoding="utf-8")
    print(f"\nTable 1 — accuracy, size, training time (reference write-up | this machine, {lib.root})\n")
    print(accuracy_table(records))
    print("\nTable 2 — inference speed per image\n")
    print(speed_table(records, args.ms_order))
    loads = [r["cpu_load"] for r in records.values() if r.get("cpu_load") is not None]
    print(f"\nours: {benchmark_table.machine_line(list(records.values()))}; load average during the run "
          f"{min(loads, default=0):.1f}–{max(loads, default=0):.1f}; total {time.monotonic() - t0:.0f} s.")
    print("ref: the write-up's own data and hardware; sizes there include whatever its files held (ours: fp32 "
          "safetensors of the whole network, no optimizer state).")
    order = "MobileNetV2, B0, B3, ResNet50 (the order of the issue's 'Why' list)" if args.ms_order == "why" else \
        "B3, B0, MobileNetV2, ResNet50 (the order the brief lists the models)"
    print(f"ref ms/image mapped in the order {order}; use --ms-order to switch.")
    print("* EfficientNet-Lite0 is our offline default; the write-up did not include it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
